package org.plenary.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.plenary.account.PlenaryUser;
import org.plenary.contribution.OutputAllocation;
import org.plenary.contribution.OutputDesk;
import org.plenary.contribution.OutputType;
import org.plenary.meeting.LatePolicy;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.meeting.MeetingDraft;
import org.plenary.meeting.UnknownMeetingException;
import org.plenary.shared.EditVersion;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A term or a deliverable is agreed at a meeting checked under the meeting's row lock: a change of the meeting (its
 * days moved to the future, its code renamed) whose transaction holds the row while the agreement is asked is seen
 * by the agreement, which is refused, rather than recorded at a meeting that has not started or under a code its
 * maker never named. On H2 here and on PostgreSQL (read committed) in {@link PostgresAgreementMeetingLockTests}.
 */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-agreement-lock;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
    "plenary.data-dir=target/test-data/${random.uuid}", "plenary.ftp.enabled=false"})
@ActiveProfiles("demo")
class AgreementMeetingLockTests {

  @Autowired MeetingCatalog meetings;
  @Autowired TermDesk terms;
  @Autowired DeliverableDesk deliverables;
  @Autowired OutputDesk outputs;
  @Autowired UserDetailsService users;
  @Autowired TransactionTemplate transaction;

  @Test
  void anAgreementAskedWhileTheMeetingMovesToTheFutureIsRefusedOnceTheMoveCommits() throws Exception {
    PlenaryUser tsb = (PlenaryUser) users.loadUserByUsername("tsb");
    MeetingDraft held = held("lock-moved");
    meetings.schedule("cloud", held);
    var term = terms.propose("cloud", new TermDesk.TermDraft("lock_moved_term", "Agreed at a meeting.", null, null,
        null), tsb);
    long deliverable = versionedDeliverable("lock-moved", "Lock moved TR", tsb);
    LocalDate later = LocalDate.now().plusDays(30);
    MeetingDraft moved = new MeetingDraft("lock-moved", later, later.plusDays(1), held.timeZone(), held.venueName(),
        null, "gva", null, null, null, null, "English", false, true, null, null, null, null, LatePolicy.FLAG, List.of(),
        List.of());

    var refusals = whileTheMeetingChanges(() -> meetings.update("cloud", "lock-moved", moved),
        () -> terms.agree("cloud", term.id(), "lock-moved", tsb),
        () -> deliverables.agree("cloud", deliverable, "lock-moved", "Agreed.", true, List.of(), tsb));

    assertThat(refusals).allSatisfy(refusal -> assertThat(refusal).as("agreed at a meeting moved to %s", later)
        .isInstanceOf(OutputRefusedException.class).hasMessageContaining("lock-moved"));
    assertThat(terms.get("cloud", term.id()).status()).isEqualTo(TermStatus.PROPOSED);
    assertThat(deliverables.get("cloud", deliverable, org.plenary.contribution.Reader.of(tsb)).state()).isEqualTo(DeliverableState.DRAFT);
  }

  @Test
  void anAgreementAskedWhileTheMeetingIsRenamedIsRefusedAsNamingNoMeeting() throws Exception {
    PlenaryUser tsb = (PlenaryUser) users.loadUserByUsername("tsb");
    MeetingDraft held = held("lock-named");
    meetings.schedule("cloud", held);
    var term = terms.propose("cloud", new TermDesk.TermDraft("lock_named_term", "Agreed at a meeting.", null, null,
        null), tsb);
    MeetingDraft renamed = new MeetingDraft("lock-renamed", held.startDate(), held.endDate(), held.timeZone(),
        held.venueName(), null, "gva", null, null, null, null, "English", false, true, null, null, null, null,
        LatePolicy.FLAG, List.of(), List.of());

    var refusals = whileTheMeetingChanges(() -> meetings.update("cloud", "lock-named", renamed),
        () -> terms.agree("cloud", term.id(), "lock-named", tsb));

    assertThat(refusals).singleElement().as("agreed under the code 'lock-named', now 'lock-renamed'")
        .isInstanceOf(UnknownMeetingException.class);
    assertThat(terms.get("cloud", term.id()).status()).isEqualTo(TermStatus.PROPOSED);
  }

  /**
   * An agreed term's and deliverable's version adds its meeting's: a supersession or a transfer made on the version
   * read is checked with the meeting locked, so a rename of the meeting committing meanwhile refuses it (412) rather
   * than letting it be recorded on a version whose meeting code its maker never saw.
   */
  @Test
  void aSupersessionOrTransferReadBeforeTheAgreeingMeetingIsRenamedIsRefused() throws Exception {
    PlenaryUser tsb = (PlenaryUser) users.loadUserByUsername("tsb");
    MeetingDraft held = held("lock-agreed");
    meetings.schedule("cloud", held);
    var term = terms.propose("cloud", new TermDesk.TermDraft("lock_agreed_term", "Agreed at a meeting.", null, null,
        null), tsb);
    var successor = terms.propose("cloud", new TermDesk.TermDraft("lock_successor_term", "Its successor.", null, null,
        null), tsb);
    // Its output document numbered at another meeting: a meeting with documents keeps its code.
    meetings.schedule("cloud", held("lock-agreed-out"));
    long deliverable = versionedDeliverable("lock-agreed-out", "Lock agreed TR", tsb);
    long termRead = terms.agree("cloud", term.id(), "lock-agreed", tsb).version();
    long deliverableRead = deliverables.agree("cloud", deliverable, "lock-agreed", "Agreed.", true, List.of(), tsb)
        .version();
    MeetingDraft renamed = new MeetingDraft("lock-agreed-2", held.startDate(), held.endDate(), held.timeZone(),
        held.venueName(), null, "gva", null, null, null, null, "English", false, true, null, null, null, null,
        LatePolicy.FLAG, List.of(), List.of());

    var refusals = whileTheMeetingChanges(() -> meetings.update("cloud", "lock-agreed", renamed),
        () -> terms.supersede("cloud", term.id(), successor.term(), tsb, EditVersion.of(termRead)),
        () -> deliverables.transfer("cloud", deliverable, LocalDate.now(), tsb, EditVersion.of(deliverableRead)));

    assertThat(refusals).allSatisfy(refusal -> assertThat(refusal).as("made on a version of before the rename")
        .isInstanceOf(OutputRefusedException.class).hasMessageContaining("changed"));
    assertThat(terms.get("cloud", term.id()).status()).isEqualTo(TermStatus.AGREED);
    assertThat(deliverables.get("cloud", deliverable, org.plenary.contribution.Reader.of(tsb)).state())
        .isEqualTo(DeliverableState.AGREED);
  }

  /**
   * Runs {@code change} in a transaction that holds the meeting's row while each agreement is asked on another
   * thread, commits it, and answers what each agreement threw (null for one recorded).
   */
  @SafeVarargs
  private List<Throwable> whileTheMeetingChanges(Runnable change, Callable<?>... agreements) throws Exception {
    var held = new CountDownLatch(1);
    var release = new CountDownLatch(1);
    try (var pool = Executors.newFixedThreadPool(agreements.length + 1)) {
      Future<?> holder = pool.submit(() -> transaction.executeWithoutResult(status -> {
        change.run();
        held.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
      assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
      var asked = java.util.Arrays.stream(agreements)
          .map(agreement -> pool.submit(() -> catchThrowable(agreement::call))).toList();
      // Each agreement reaches the meeting's lock and waits behind the change before it commits.
      Thread.sleep(1000);
      release.countDown();
      holder.get(30, TimeUnit.SECONDS);
      var thrown = new java.util.ArrayList<Throwable>();
      for (Future<Throwable> outcome : asked) {
        thrown.add(outcome.get(30, TimeUnit.SECONDS));
      }
      return thrown;
    } finally {
      release.countDown();
    }
  }

  private long versionedDeliverable(String code, String title, PlenaryUser user) {
    String draft = outputs.allocate("cloud", code, new OutputAllocation(title + " draft", null,
        OutputType.DELIVERABLE_DRAFT, List.of(), List.of()), user).number();
    long id = deliverables.create("cloud", title, DeliverableKind.TECHNICAL_REPORT, null, List.of(), user).id();
    deliverables.addVersion("cloud", id, draft, user);
    return id;
  }

  private static MeetingDraft held(String code) {
    LocalDate start = LocalDate.now().minusDays(3);
    return new MeetingDraft(code, start, start.plusDays(1), "Europe/Zurich", "Geneva", null, "gva", null, null, null,
        null, "English", false, true, null, null, null, null, LatePolicy.FLAG, List.of(), List.of());
  }
}
