package org.plenary.contribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenary.account.AccessTokens;
import org.plenary.account.AccountDirectory;
import org.plenary.account.NewAccount;
import org.plenary.account.PlenaryUser;
import org.plenary.account.Role;
import org.plenary.contribution.ContributionRefusedException.Reason;
import org.plenary.group.GroupCatalog;
import org.plenary.group.GroupDraft;
import org.plenary.meeting.LatePolicy;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.meeting.MeetingDraft;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/** Deadlines under both late policies, the late exception, the size cap and the FTP-style drop into a folder. */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-upload-rules;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}",
    "plenary.contributions.max-size=1KB"})
class UploadRulesTests {

  @Autowired ContributionDesk desk;
  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired AccountDirectory accounts;
  @Autowired AccessTokens tokens;
  @Autowired Contributions contributions;
  @Autowired org.springframework.transaction.support.TransactionTemplate transaction;
  @Value("${plenary.data-dir}") String dataDir;

  PlenaryUser author;
  PlenaryUser secretariat;

  @BeforeEach
  void setUp() {
    if (groups.find("rules").isEmpty()) {
      groups.create(new GroupDraft("rules", "FG Rules", "Focus Group on Rules", null, null, "English", 12, null, null,
          List.of(), List.of(), List.of()));
      groups.create(new GroupDraft("other", "FG Other", "Focus Group on Others", null, null, "English", 12, null, null,
          List.of(), List.of(), List.of()));
      meeting("flag", LatePolicy.FLAG);
      meeting("refuse", LatePolicy.REFUSE);
      accounts.create(new NewAccount("writer", "writer@plenary.example", "Writer", null, null, Set.of()), "writer-pass", false);
      accounts.create(new NewAccount("clerk", "clerk@plenary.example", "Clerk", null, null, Set.of(Role.SECRETARIAT)),
          "clerk-pass", false);
    }
    author = user("writer");
    secretariat = user("clerk");
  }

  @Test
  void marksLateUploadsWhenTheMeetingFlagsThem() {
    Contribution c = desk.allocate("rules", "flag", allocation(), author);
    ContributionFile file = desk.upload(c.number(), c.number() + ".txt", bytes("late but welcome"), author);
    assertThat(file.late()).isTrue();
    assertThat(desk.get(c.number()).late()).isTrue();
  }

  @Test
  void refusesLateUploadsWhenTheMeetingSaysSoUnlessTheSecretariatGrantsAnException() {
    Contribution c = desk.allocate("rules", "refuse", allocation(), author);
    assertThatThrownBy(() -> desk.upload(c.number(), c.number() + ".txt", bytes("too late"), author))
        .isInstanceOfSatisfying(ContributionRefusedException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.LATE);
          assertThat(e.reason().ftpReply()).isEqualTo(553);
          assertThat(e.getMessage()).contains("was " + java.time.format.DateTimeFormatter
              .ofPattern("EEEE d MMMM yyyy, HH:mm zzz", java.util.Locale.ENGLISH)
              .format(yesterdayEvening().atZone(java.time.ZoneId.of("Europe/Zurich"))) + " (Europe/Zurich)")
              .contains("refuses late documents");
        });
    assertThatThrownBy(() -> desk.grantLateException(c.number(), author)).isInstanceOf(ContributionRefusedException.class);
    desk.grantLateException(c.number(), secretariat);
    assertThat(desk.upload(c.number(), c.number() + ".txt", bytes("excused"), author).late()).isTrue();
    assertThat(desk.auditTrail(c.number())).extracting(AuditEvent::action)
        .containsExactly("ALLOCATED", "LATE_EXCEPTION", "UPLOADED");
  }

  /** An upload is received at its last byte: the rules of its start are judged again then, under its contribution's lock. */
  @Test
  void anUploadIsJudgedWhenItsLastByteArrivesNotWhenItsFirstDid() throws Exception {
    LocalDateTime tomorrow = LocalDate.now(java.time.ZoneId.of("Europe/Zurich")).plusDays(1).atTime(23, 59);
    // The deadline of a meeting that refuses late documents moved before the upload ended: refused, nothing kept.
    meeting("crossing", LatePolicy.REFUSE, tomorrow);
    Contribution refused = desk.allocate("rules", "crossing", allocation(), author);
    try (IncomingUpload upload = desk.openIncoming("rules", refused.number() + ".txt", author)) {
      upload.write(java.nio.ByteBuffer.wrap("begun in time".getBytes()));
      meetings.update("rules", "crossing", draft("crossing", LatePolicy.REFUSE, yesterdayEvening()));
      assertThatThrownBy(upload::complete).isInstanceOfSatisfying(ContributionRefusedException.class,
          e -> assertThat(e.reason()).isEqualTo(Reason.LATE));
    }
    assertThat(desk.get(refused.number()).files()).isEmpty();
    // Where late documents are flagged, one that ended after the deadline is late, as its time of receipt says.
    meeting("crossflag", LatePolicy.FLAG, tomorrow);
    Contribution flagged = desk.allocate("rules", "crossflag", allocation(), author);
    try (IncomingUpload upload = desk.openIncoming("rules", flagged.number() + ".txt", author)) {
      upload.write(java.nio.ByteBuffer.wrap("begun in time".getBytes()));
      meetings.update("rules", "crossflag", draft("crossflag", LatePolicy.FLAG, yesterdayEvening()));
      assertThat(upload.complete().late()).isTrue();
    }
    // The sender's token revoked while the bytes came: not kept, and said why.
    Contribution revoked = desk.allocate("rules", "flag", allocation(), author);
    var token = tokens.issue(accounts.find("writer").orElseThrow().id(), "revoked while sending");
    PlenaryUser sender = tokens.authenticate(token.token()).orElseThrow();
    try (IncomingUpload upload = desk.openIncoming("rules", revoked.number() + ".txt", sender)) {
      upload.write(java.nio.ByteBuffer.wrap("begun signed in".getBytes()));
      tokens.revoke(sender.id(), tokens.list(sender.id()).stream()
          .filter(t -> t.name().equals("revoked while sending")).findFirst().orElseThrow().id());
      assertThatThrownBy(upload::complete).isInstanceOfSatisfying(ContributionRefusedException.class, e -> {
        assertThat(e.reason()).isEqualTo(Reason.NOT_YOURS);
        assertThat(e.getMessage()).startsWith(revoked.number() + ".txt was not kept: ");
      });
    }
    assertThat(desk.get(revoked.number()).files()).isEmpty();
    // A co-author dropped from the document (here: the secretariat's role taken away) while the bytes came.
    Contribution dropped = desk.allocate("rules", "flag", allocation(), author);
    accounts.create(new NewAccount("temp-clerk", "temp-clerk@plenary.example", "Temporary Clerk", null, null,
        Set.of(Role.SECRETARIAT)), "temp-clerk-pass", false);
    PlenaryUser clerk = user("temp-clerk");
    try (IncomingUpload upload = desk.openIncoming("rules", dropped.number() + ".txt", clerk)) {
      upload.write(java.nio.ByteBuffer.wrap("begun as the secretariat".getBytes()));
      accounts.setRoles(clerk.id(), Set.of());
      assertThatThrownBy(upload::complete).isInstanceOfSatisfying(ContributionRefusedException.class,
          e -> assertThat(e.reason()).isEqualTo(Reason.NOT_YOURS));
    }
    assertThat(desk.get(dropped.number()).files()).isEmpty();
    try (Stream<Path> files = Files.walk(Path.of(dataDir, "documents"))) {
      assertThat(files.filter(Files::isRegularFile).map(Path::getFileName).map(Path::toString))
          .noneMatch(name -> name.startsWith(refused.number()) || name.startsWith(revoked.number())
              || name.startsWith(dropped.number()));
    }
  }

  @Test
  void refusesUploadsOverTheSizeCapAndKeepsNothingOfThem() throws Exception {
    Contribution c = desk.allocate("rules", "flag", allocation(), author);
    assertThatThrownBy(() -> desk.upload(c.number(), c.number() + ".pdf", new ByteArrayInputStream(new byte[1025]), author))
        .isInstanceOfSatisfying(ContributionRefusedException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
          assertThat(e.reason().ftpReply()).isEqualTo(552);
          assertThat(e.getMessage()).isEqualTo(c.number() + ".pdf is larger than the 1 KB limit.");
        });
    assertThat(desk.get(c.number()).files()).isEmpty();
    try (Stream<Path> files = Files.walk(Path.of(dataDir, "documents"))) {
      assertThat(files.filter(Files::isRegularFile).map(Path::getFileName).map(Path::toString))
          .noneMatch(name -> name.startsWith(c.number()) || name.endsWith(".part"));
    }
    assertThat(desk.upload(c.number(), c.number() + ".pdf", new ByteArrayInputStream(new byte[1024]), author).size())
        .isEqualTo(1024);
  }

  @Test
  void aFileDroppedIntoAGroupsIncomingFolderMustBelongToThatGroup() throws Exception {
    Contribution c = desk.allocate("rules", "flag", allocation(), author);
    assertThatThrownBy(() -> desk.openIncoming("other", c.number() + ".txt", author))
        .isInstanceOfSatisfying(ContributionRefusedException.class,
            e -> assertThat(e.getMessage()).isEqualTo(c.number() + " is a document of FG Rules, not of this folder's group."));
    assertThatThrownBy(() -> desk.openIncoming("rules", "notes.txt", author))
        .hasMessageContaining("is not a contribution file name");
    try (IncomingUpload upload = desk.openIncoming("rules", c.number() + ".txt", author)) {
      upload.write(java.nio.ByteBuffer.wrap("x".getBytes()));
      assertThat(upload.complete().state()).isEqualTo(FileState.INCOMING);
    }
  }

  @Test
  void refusesNumbersForAMeetingThatIsOverAndAgendaItemsThatDoNotExist() {
    assertThatThrownBy(() -> desk.allocate("rules", "flag",
        new Allocation("T", "S", List.of(7), null, List.of("nobody")), author))
        .isInstanceOfSatisfying(org.plenary.shared.InvalidInputException.class, e -> assertThat(e.violations())
            .extracting(v -> v.message()).containsExactly(
                "Agenda item 7 does not exist; the agenda has 0 items.", "You cannot name \"nobody\" as a co-author: name, by username, people of your organization or "
                + "registered for this meeting."));
  }

  @Test
  void aContributionsLockHoldsAnotherTransactionBackUntilTheFirstEnds() throws Exception {
    long id = desk.allocate("rules", "flag", allocation(), author).id();
    var locked = new java.util.concurrent.CountDownLatch(1);
    var release = new java.util.concurrent.CountDownLatch(1);
    var first = java.util.concurrent.CompletableFuture.runAsync(() -> transaction.executeWithoutResult(status -> {
      contributions.lock(id);
      locked.countDown();
      await(release);
    }));
    assertThat(locked.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    var second = java.util.concurrent.CompletableFuture.supplyAsync(() -> transaction.execute(status -> {
      contributions.lock(id);
      return System.nanoTime();
    }));
    Thread.sleep(300);
    assertThat(second).as("the second lock waits while the first transaction holds it").isNotDone();
    long released = System.nanoTime();
    release.countDown();
    first.get(10, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(second.get(10, java.util.concurrent.TimeUnit.SECONDS)).isGreaterThan(released);
  }

  private static void await(java.util.concurrent.CountDownLatch latch) {
    try {
      latch.await(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void meeting(String code, LatePolicy policy) {
    meeting(code, policy, yesterdayEvening());
  }

  private void meeting(String code, LatePolicy policy, LocalDateTime contributionsDeadline) {
    meetings.schedule("rules", draft(code, policy, contributionsDeadline));
  }

  private static MeetingDraft draft(String code, LatePolicy policy, LocalDateTime contributionsDeadline) {
    return new MeetingDraft(code, LocalDate.now().plusDays(3), LocalDate.now().plusDays(4),
        "Europe/Zurich", "Geneva", null, "gva", null, null, null, null, "English", false, true, null, null,
        contributionsDeadline, null, policy, List.of(), List.of());
  }

  private static LocalDateTime yesterdayEvening() {
    return LocalDate.now(java.time.ZoneId.of("Europe/Zurich")).minusDays(1).atTime(23, 59);
  }

  private PlenaryUser user(String username) {
    return tokens.authenticate(tokens.issue(accounts.find(username).orElseThrow().id(), "test").token()).orElseThrow();
  }

  private static Allocation allocation() {
    return new Allocation("A contribution", "An organization", List.of(), null, List.of());
  }

  private static ByteArrayInputStream bytes(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
