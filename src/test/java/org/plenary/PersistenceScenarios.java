package org.plenary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.plenary.account.AccessTokens;
import org.plenary.account.AccountDirectory;
import org.plenary.account.Credentials;
import org.plenary.account.SignInResult;
import org.plenary.account.Standing;
import org.plenary.account.AccountId;
import org.plenary.account.NewAccount;
import org.plenary.account.OrganizationCategory;
import org.plenary.account.OrganizationDirectory;
import org.plenary.account.OrganizationId;
import org.plenary.account.PlenaryUser;
import org.plenary.account.Role;
import org.plenary.contribution.Allocation;
import org.plenary.contribution.ContributionDesk;
import org.plenary.group.Group;
import org.plenary.group.GroupCatalog;
import org.plenary.group.GroupDraft;
import org.plenary.group.Leader;
import org.plenary.group.LeaderRole;
import org.plenary.group.Milestone;
import org.plenary.group.Section;
import org.plenary.meeting.AgendaItem;
import org.plenary.meeting.Hotel;
import org.plenary.meeting.LatePolicy;
import org.plenary.meeting.Meeting;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.meeting.MeetingDraft;
import org.plenary.shared.InvalidInputException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What every supported database must keep exactly; run on H2 and on PostgreSQL. */
abstract class PersistenceScenarios {

  @Autowired AccountDirectory accounts;
  @Autowired OrganizationDirectory organizations;
  @Autowired AccessTokens tokens;
  @Autowired Credentials credentials;
  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired JdbcClient jdbc;
  @Autowired ContributionDesk desk;
  @Autowired org.plenary.contribution.OutputDesk outputDesk;
  @Autowired org.plenary.output.LivingListDesk livingList;
  @Autowired org.plenary.output.TermDesk terms;
  @Autowired org.plenary.output.DeliverableDesk deliverables;
  @Autowired org.plenary.registration.RegistrationDesk registrations;
  @Autowired org.plenary.contribution.DocumentFolders folders;
  @Autowired org.springframework.transaction.support.TransactionTemplate transaction;
  @Autowired org.plenary.contribution.RegisterChanges changes;

  @Test
  void keepsAMeetingWithItsDeadlinesAgendaHotelsAndCollocationsExactly() {
    groups.create(draft("exact", "fg-exact@lists.plenary.example", List.of()));
    var hotel = new Hotel("Hôtel Royal", "Rue de Lausanne 41-43, 1201 Genève", "+41 22 906 14 14", "royal@hotel.example",
        "CHF 210", "CHF 250");
    meetings.schedule("exact", new MeetingDraft("1006-gva", LocalDate.of(2010, 6, 14), LocalDate.of(2010, 6, 16),
        "Europe/Zurich", "ITU", "Place des Nations", "gva", LocalTime.of(9, 30), LocalTime.of(8, 30), "Montbrillant",
        "None", "English", true, true, "**WLAN** everywhere", LocalDateTime.of(2010, 6, 1, 23, 59),
        LocalDateTime.of(2010, 6, 7, 23, 59), null, LatePolicy.FLAG, List.of("FG Smart", "FG FN"), List.of(hotel)));
    meetings.replaceAgenda("exact", "1006-gva", List.of(new AgendaItem("Leadership", "Chair and vice-chairs"),
        new AgendaItem("Working methods", null), new AgendaItem("日本語と Ελληνικά", null)));

    Meeting meeting = meetings.get("exact", "1006-gva");
    ZoneId geneva = ZoneId.of("Europe/Zurich");
    assertThat(meeting.contributionDeadline()).isEqualTo(Instant.parse("2010-06-07T21:59:00Z"));
    assertThat(meeting.registrationDeadline()).isEqualTo(LocalDateTime.of(2010, 6, 1, 23, 59).atZone(geneva).toInstant());
    assertThat(meeting.visaDeadline()).isEqualTo(LocalDateTime.of(2010, 5, 17, 23, 59).atZone(geneva).toInstant());
    assertThat(meeting.openingTime()).isEqualTo(LocalTime.of(9, 30));
    assertThat(meeting.timeZone()).isEqualTo(geneva);
    assertThat(meeting.hotels()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("id").containsExactly(hotel);
    assertThat(meeting.hotels().get(0).id()).isNotNull();
    assertThat(meeting.collocated()).containsExactly("FG Smart", "FG FN");
    assertThat(meeting.agenda()).extracting(AgendaItem::title)
        .containsExactly("Leadership", "Working methods", "日本語と Ελληνικά");
    assertThat(groups.get("exact").lifetimeEndsOn()).contains(LocalDate.of(2011, 6, 13));
  }

  @Test
  void keepsDocumentsOnTheirAgendaItemsThroughRenamingInsertingReorderingAndRefusesRemovingThem() {
    groups.create(draft("filed", null, List.of()));
    meetings.schedule("filed", new MeetingDraft("next", LocalDate.now().plusDays(30), LocalDate.now().plusDays(31),
        "Europe/Zurich", "Geneva", null, "gva", null, null, null, null, "English", false, true, null, null, null,
        null, LatePolicy.FLAG, List.of(), List.of()));
    meetings.replaceAgenda("filed", "next", List.of(new AgendaItem("Opening", null),
        new AgendaItem("Working methods", null), new AgendaItem("Deliverables", null)));
    List<AgendaItem> items = meetings.get("filed", "next").agenda();
    accounts.create(new NewAccount("filer", "filer@plenary.example", "Filer", null, null, Set.of()), "filer-password",
        false);
    PlenaryUser filer = tokens.authenticate(tokens.issue(accounts.find("filer").orElseThrow().id(), "t").token())
        .orElseThrow();
    String onTwo = desk.allocate("filed", "next", new Allocation("On two", "S", List.of(2), null, List.of()), filer)
        .number();

    meetings.replaceAgenda("filed", "next", List.of(new AgendaItem("Approval of the agenda", null),
        new AgendaItem(items.get(2).id(), "Deliverables", null), new AgendaItem(items.get(1).id(), "Methods", "Renamed"),
        new AgendaItem(items.get(0).id(), "Opening", null)));

    Meeting meeting = meetings.get("filed", "next");
    assertThat(meeting.agenda()).extracting(AgendaItem::title)
        .containsExactly("Approval of the agenda", "Deliverables", "Methods", "Opening");
    assertThat(meeting.agenda().get(2).id()).isEqualTo(items.get(1).id());
    assertThat(desk.get(onTwo).agendaItemIds()).containsExactly(items.get(1).id());
    assertThat(meeting.agendaNumbers(desk.get(onTwo).agendaItemIds())).containsExactly(3);
    assertThatThrownBy(() -> meetings.replaceAgenda("filed", "next", List.of(new AgendaItem("Only", null))))
        .isInstanceOf(org.plenary.meeting.AgendaItemInUseException.class).hasMessageContaining(onTwo)
        .hasMessageContaining("item 3 (Methods): ");
    assertThat(meetings.get("filed", "next").agenda()).hasSize(4);
  }

  @Test
  void replacesTermsOfReferenceLeadershipAndMilestonesInOrder() {
    accounts.create(new NewAccount("leader", "leader@plenary.example", "Lead Er", null, "RU", Set.of()), "leader-pass", false);
    groups.create(draft("ordered", null, List.of()));
    groups.update("ordered", draft("ordered", null, List.of(
        new Leader(LeaderRole.CHAIR, "Vladimir Belenkovich", "Russian Federation", "RU", "leader"),
        new Leader(LeaderRole.VICE_CHAIR, "Monique Morrow", "Cisco Systems", null, null))));

    Group group = groups.get("ordered");
    assertThat(group.sections()).extracting(Section::heading).containsExactly("1 Scope", "2 Rationale");
    assertThat(group.leaders()).extracting(Leader::username).containsExactly("leader", null);
    assertThat(group.milestones()).extracting(Milestone::dueOn).containsExactly(LocalDate.of(2010, 6, 14));
    assertThat(group.parentSlug()).isNull();

    assertThatThrownBy(() -> groups.update("ordered", draft("ordered", null,
        List.of(new Leader(LeaderRole.CHAIR, "Ghost", null, "XX", "ghost")))))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
            .extracting(v -> v.field()).containsExactlyInAnyOrder("leaders[0].username", "leaders[0].countryCode"));
    assertThatThrownBy(() -> groups.create(draft("ordered", null, List.of()))).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void keepsAccountsRolesFocalPointsAndTokens() {
    OrganizationId org = organizations.create("Orange " + getClass().getSimpleName(), OrganizationCategory.SECTOR_MEMBER, "FR");
    AccountId id = accounts.create(new NewAccount("focal-" + getClass().getSimpleName().toLowerCase().substring(0, 6),
        "focal-" + getClass().getSimpleName() + "@plenary.example", "Françoise", org, "FR",
        Set.of(Role.SECRETARIAT, Role.ADMIN)), "a-long-password", false);
    OrganizationId other = organizations.create("Other " + getClass().getSimpleName(), OrganizationCategory.ASSOCIATE, "CH");
    organizations.appointFocalPoint(other, id);
    organizations.appointFocalPoint(org, id);

    String token = tokens.issue(id, "ci").token();
    PlenaryUser user = tokens.authenticate(token).orElseThrow();
    assertThat(user.id()).isEqualTo(id);
    assertThat(user.account().roles()).as("each role once, from the one query of the account's state")
        .containsExactlyInAnyOrder(Role.SECRETARIAT, Role.ADMIN);
    assertThat(user.focalPointOf()).as("each appointment once, in order").containsExactly(
        org.value() < other.value() ? org : other, org.value() < other.value() ? other : org);
    assertThat(user.account().organizationId()).isEqualTo(org);
    assertThat(tokens.list(id)).singleElement().satisfies(t -> assertThat(t.lastUsedAt()).isNotNull());
    assertThat(tokens.authenticate(token + "x")).isEmpty();
    String address = "192.0.2." + getClass().getSimpleName().length();
    assertThat(credentials.signIn(address, user.getUsername(), "wrong")).isInstanceOf(SignInResult.Refused.class);
    var signedIn = credentials.signIn(address, user.getUsername(), "a-long-password");
    assertThat(signedIn).isInstanceOf(SignInResult.SignedIn.class);
    PlenaryUser session = ((SignInResult.SignedIn) signedIn).user();
    assertThat(credentials.recheck(session).stands()).isTrue();
    accounts.changePassword(id, address, "a-long-password", "another-long-password");
    assertThat(credentials.recheck(session).ended()).isEqualTo(Standing.Ended.PASSWORD_CHANGED);
    assertThat(credentials.recheck(user).stands()).as("a token session outlives a password change").isTrue();
    accounts.setEnabled(id, false);
    assertThat(tokens.authenticate(token)).isEmpty();
    assertThat(credentials.recheck(user).ended()).isEqualTo(Standing.Ended.ACCOUNT_DISABLED);
    accounts.setEnabled(id, true);
    assertThat(tokens.authenticate(token)).as("disabling ended the token for good").isEmpty();
  }

  @Test
  void deliversTheAnnouncementEventAfterCommit() throws InterruptedException {
    groups.create(draft("events", "fg-events@lists.plenary.example", List.of()));
    meetings.schedule("events", new MeetingDraft(null, LocalDate.of(2042, 1, 20), LocalDate.of(2042, 1, 21),
        "Europe/Zurich", "Geneva", null, "gva", null, null, null, null, "English", false, true, null, null, null, null, LatePolicy.FLAG,
        List.of(), List.of()));
    Instant until = Instant.now().plus(Duration.ofSeconds(10));
    long kept = 0;
    while (kept == 0 && Instant.now().isBefore(until)) {
      Thread.sleep(100);
      kept = jdbc.sql("SELECT COUNT(*) FROM mail_messages WHERE recipients = 'fg-events@lists.plenary.example'")
          .query(Long.class).single();
    }
    assertThat(kept).isEqualTo(1);
  }

  @Test
  void allocatesConsecutiveNumbersUnderConcurrency() throws Exception {
    List<String> numbers = allocateConcurrently(desk, "concurrent", 1000, 50);
    assertThat(numbers).doesNotHaveDuplicates().hasSize(1000);
    assertThat(numbers.stream().map(n -> Integer.parseInt(n.substring(n.lastIndexOf('-') + 1))).sorted())
        .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 1000).boxed().toList());
    assertThat(numbers).allMatch(n -> n.matches("FG-concurrent-I-\\d{4}"));
  }

  @Test
  void mailsEveryNumberOfTheBatchesOnceToItsAuthor() throws Exception {
    List<String> numbers = allocateConcurrently(desk, "mailed", 300, 30);
    Instant until = Instant.now().plus(Duration.ofSeconds(30));
    var subjects = new java.util.ArrayList<String>();
    while (subjects.size() < numbers.size() && Instant.now().isBefore(until)) {
      Thread.sleep(100);
      subjects.clear();
      subjects.addAll(jdbc.sql("SELECT subject FROM mail_messages WHERE recipients = 'mailed@plenary.example'")
          .query(String.class).list());
    }
    assertThat(subjects).hasSize(numbers.size());
    assertThat(numbers).allMatch(number -> subjects.stream().filter(subject -> subject.contains(number)).count() == 1);
    assertThat(jdbc.sql("SELECT d.occasion FROM mail_deliveries d JOIN mail_messages m ON m.id = d.message_id"
            + " WHERE d.recipient = 'mailed@plenary.example' AND m.subject LIKE '%' || SUBSTRING(d.occasion, 18) || '%'")
        .query(String.class).list())
        .containsExactlyInAnyOrderElementsOf(numbers.stream().map(n -> "NumbersAllocated:" + n).toList());
  }

  @Test
  void changesTheRegistersVersionOnceForTheTransactionOfANumber() throws Exception {
    allocateConcurrently(desk, "onechange", 1, 1);
    long before = folders.version();
    allocateConcurrently(desk, "onechange", 1, 1);
    // one allocation, one transaction: its numbering statement changes the version (on PostgreSQL),
    // and its commit does not change it again
    assertThat(folders.version()).isEqualTo(before + 1);
  }

  @Test
  void recordsEachNumberOnceWithItsAuditLineAndNoRowWithoutANumber() throws Exception {
    List<String> numbers = allocateConcurrently(desk, "audited", 200, 20);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM contributions WHERE seq_no IS NULL").query(Long.class).single()).isZero();
    // one allocation line each, by its author, with its own title (the n-th request asked for "Document n")
    assertThat(jdbc.sql("""
            SELECT c.number || ' ' || e.detail FROM contribution_events e JOIN contributions c ON c.id = e.contribution_id
            JOIN plenary_groups g ON g.id = c.group_id
            WHERE g.slug = 'audited' AND e.action = 'ALLOCATED' AND e.actor = 'author-audited'""")
        .query(String.class).list()).containsExactlyInAnyOrderElementsOf(
            java.util.stream.IntStream.range(0, numbers.size()).mapToObj(n -> numbers.get(n) + " Document " + n).toList());
    assertThat(jdbc.sql("""
            SELECT c.number_key FROM contributions c JOIN plenary_groups g ON g.id = c.group_id
            WHERE g.slug = 'audited' ORDER BY c.seq_no""").query(String.class).list())
        .containsExactlyElementsOf(numbers.stream().sorted().map(n -> n.toUpperCase(java.util.Locale.ROOT)).toList());
  }

  @Test
  void sendsALookAtTheRegisterOnlyTheActionsItHasNotSeen() throws Exception {
    List<String> numbers = allocateConcurrently(desk, "looked", 5, 1);
    long[] all = actionsOf(numbers, new long[0]);
    assertThat(all).hasSize(5);
    // seen: the second and the fourth; unseen: one below, one between (committed late), one above
    assertThat(actionsOf(numbers, new long[] {all[1], all[3]})).containsExactly(all[0], all[2], all[4]);
    // more ids missing between the seen ones than the database is asked about: the same answer
    assertThat(actionsOf(numbers, new long[] {all[1], all[3], all[4] + 50_000})).containsExactly(all[0], all[2], all[4]);
    assertThat(actionsOf(numbers, all)).isEmpty();
  }

  /** The ids of the actions on these numbers that a look which has seen {@code seen} is sent. */
  private long[] actionsOf(List<String> numbers, long[] seen) {
    return changes.changedSince(Instant.now().minus(Duration.ofHours(1)), seen).stream()
        .filter(a -> numbers.contains(a.number())).mapToLong(org.plenary.contribution.RegisterChanges.Action::id).toArray();
  }

  @Test
  void keepsTheMailOfANumberInTheTransactionThatAllocatedIt() throws Exception {
    String number = allocateConcurrently(desk, "kept", 1, 1).get(0);
    // Committed with the number, not by a module listener after it: in the outbox as soon as the number is
    // answered, and no publication of the event left in the registry.
    assertThat(jdbc.sql("SELECT COUNT(*) FROM mail_deliveries WHERE occasion = ? AND recipient = 'kept@plenary.example'")
        .param("NumbersAllocated:" + number).query(Long.class).single()).isEqualTo(1);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM event_publication WHERE event_type LIKE '%NumbersAllocated'")
        .query(Long.class).single()).isZero();
  }

  @Test
  void allocatesConsecutiveOutputNumbersUnderConcurrencyBesideInputs() throws Exception {
    allocateConcurrently(desk, "produce", 1, 1);
    var secretary = tokens.authenticate(tokens.issue(accounts.create(new NewAccount("sec-" + getClass().getSimpleName()
        .toLowerCase().substring(0, 6), "sec@" + getClass().getSimpleName() + ".example", "Secretary", null, null,
        Set.of(Role.SECRETARIAT)), "secretary-password", false), "t").token()).orElseThrow();
    var pool = java.util.concurrent.Executors.newFixedThreadPool(40);
    try {
      var outputs = new java.util.ArrayList<java.util.concurrent.Future<String>>();
      var inputs = new java.util.ArrayList<java.util.concurrent.Future<String>>();
      for (int i = 0; i < 500; i++) {
        int n = i;
        outputs.add(pool.submit(() -> outputDesk.allocate("produce", "next", new org.plenary.contribution.OutputAllocation(
            "Output " + n, null, org.plenary.contribution.OutputType.MEETING_REPORT, List.of(), List.of()), secretary)
            .number()));
        inputs.add(pool.submit(() -> desk.allocate("produce", "next",
            new Allocation("Input " + n, "Source", List.of(), null, List.of()), secretary).number()));
      }
      var outputNumbers = new java.util.ArrayList<String>();
      var inputNumbers = new java.util.ArrayList<String>();
      for (int i = 0; i < 500; i++) {
        outputNumbers.add(outputs.get(i).get(60, java.util.concurrent.TimeUnit.SECONDS));
        inputNumbers.add(inputs.get(i).get(60, java.util.concurrent.TimeUnit.SECONDS));
      }
      assertThat(outputNumbers).doesNotHaveDuplicates().allMatch(n -> n.matches("FG-produce-O-\\d{4}"));
      assertThat(outputNumbers.stream().map(n -> Integer.parseInt(n.substring(n.lastIndexOf('-') + 1))).sorted())
          .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 500).boxed().toList());
      assertThat(inputNumbers).doesNotHaveDuplicates().allMatch(n -> n.matches("FG-produce-I-\\d{4}"));
      assertThat(inputNumbers.stream().map(n -> Integer.parseInt(n.substring(n.lastIndexOf('-') + 1))).sorted())
          .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(2, 501).boxed().toList());
      assertThat(outputDesk.ofGroup("produce", org.plenary.contribution.Reader.ANONYMOUS)).hasSize(500)
          .allMatch(o -> o.type() == org.plenary.contribution.OutputType.MEETING_REPORT);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void keepsTheLivingListByVersionTermsWithTheirHistoryAndDeliverablesThroughTheirStates() {
    groups.create(draft("outlist", null, List.of()));
    meetings.schedule("outlist", new MeetingDraft("held", LocalDate.of(2010, 6, 14), LocalDate.of(2010, 6, 16),
        "Europe/Zurich", "Geneva", null, "gva", null, null, null, null, "English", false, true, null, null, null,
        null, LatePolicy.FLAG, List.of(), List.of()));
    var clerk = tokens.authenticate(tokens.issue(accounts.create(new NewAccount("lister-" + getClass().getSimpleName()
        .toLowerCase().substring(0, 6), "lister@" + getClass().getSimpleName() + ".example", "Lister", null, null,
        Set.of(Role.SECRETARIAT)), "lister-password", false), "t").token()).orElseThrow();
    var list = livingList;
    var kept = list.save("outlist", null, new org.plenary.output.LivingListDesk.EntryDraft("DMTF", "OCSI",
        "https://www.dmtf.org", "Management", null, LocalDate.of(2010, 6, 16), null), clerk);
    var gone = list.save("outlist", null, new org.plenary.output.LivingListDesk.EntryDraft("SNIA", null, null, null,
        null, null, null), clerk);
    list.agree("outlist", "held", clerk);
    list.save("outlist", kept.id(), new org.plenary.output.LivingListDesk.EntryDraft("DMTF", "CMWG",
        "https://www.dmtf.org", "Management", null, null, null), clerk);
    list.remove("outlist", gone.id(), clerk);
    var reader = org.plenary.contribution.Reader.ANONYMOUS;
    assertThat(list.current("outlist", reader).entries()).extracting(e -> e.bodyGroup()).containsExactly("CMWG");
    assertThat(list.agreedAt("outlist", "held", reader).entries()).extracting(e -> e.organization() + " " + e.bodyGroup())
        .containsExactly("DMTF OCSI", "SNIA null");

    var term = terms.propose("outlist", new org.plenary.output.TermDesk.TermDraft("cloud_x", "Available 100% of the"
        + " time.", null, null, null), clerk);
    terms.propose("outlist", new org.plenary.output.TermDesk.TermDraft("cloudyx", "Available most of the time.", null,
        null, null), clerk);
    assertThat(terms.search("outlist", "100%")).extracting(t -> t.term()).containsExactly("cloud_x");
    assertThat(terms.search("outlist", "d_x")).extracting(t -> t.term()).containsExactly("cloud_x");
    assertThat(terms.search("outlist", "AVAILABLE time")).hasSize(2);
    terms.agree("outlist", term.id(), "held", clerk);
    assertThat(terms.history("outlist", term.id())).extracting(c -> c.change() + " " + c.status())
        .containsExactly("PROPOSED PROPOSED", "AGREED AGREED");

    String draftNumber = outputDesk.allocate("outlist", "held", new org.plenary.contribution.OutputAllocation("Draft",
        null, org.plenary.contribution.OutputType.DELIVERABLE_DRAFT, List.of(), List.of()), clerk).number();
    var tr = deliverables.create("outlist", "TR", org.plenary.output.DeliverableKind.TECHNICAL_REPORT, "First meeting",
        List.of("Editor One"), clerk);
    deliverables.addVersion("outlist", tr.id(), draftNumber, clerk);
    deliverables.agree("outlist", tr.id(), "held", "Agreed.", false, List.of("KDDI", "ZTE"), clerk);
    var moved = deliverables.transfer("outlist", tr.id(), LocalDate.of(2011, 2, 8), clerk);
    assertThat(moved.state()).isEqualTo(org.plenary.output.DeliverableState.TRANSFERRED);
    assertThat(moved.objections()).containsExactly("KDDI", "ZTE");
    assertThat(moved.consensus()).isFalse();
    assertThat(moved.agreedAt()).isEqualTo("held");
    assertThat(moved.editors()).containsExactly("Editor One");
    assertThat(deliverables.changes("outlist", reader)).extracting(c -> c.action())
        .containsExactly("TRANSFERRED", "AGREED", "VERSION", "CREATED");
  }

  @Test
  void concurrentApprovalsGiveDistinctConsecutiveRegistrationNumbers() throws Exception {
    allocateConcurrently(desk, "approvals", 1, 1);
    var clerk = tokens.authenticate(tokens.issue(accounts.create(new NewAccount("clerk-" + getClass().getSimpleName()
        .toLowerCase().substring(0, 6), "clerk@" + getClass().getSimpleName() + ".example", "Clerk", null, null,
        Set.of(Role.SECRETARIAT)), "clerk-password", false), "t").token()).orElseThrow();
    var ids = new java.util.ArrayList<Long>();
    for (int i = 0; i < 40; i++) {
      var person = tokens.authenticate(tokens.issue(accounts.create(new NewAccount("person" + i, "person" + i + "@example.org",
          "Person " + i, null, "FR", Set.of()), "person-password", false), "t").token()).orElseThrow();
      var form = new org.plenary.registration.RegistrationForm();
      form.setFullName("Person " + i);
      form.setEmail("person" + i + "@example.org");
      form.setCountryCode("FR");
      ids.add(registrations.register("approvals", "next", form, person).id());
    }
    var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      var numbers = new java.util.ArrayList<String>();
      for (var future : pool.invokeAll(ids.stream()
          .map(id -> (java.util.concurrent.Callable<String>) () -> registrations.approve(id, clerk).number()).toList())) {
        numbers.add(future.get());
      }
      assertThat(numbers).doesNotHaveDuplicates();
      assertThat(numbers.stream().map(n -> Integer.parseInt(n.substring(n.lastIndexOf('-') + 1))).sorted())
          .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 40).boxed().toList());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void registrationsSentAtOnceAreEachRecordedOnceAndTheSecondOfAPersonIsRefused() throws Exception {
    allocateConcurrently(desk, "atonce", 1, 1);
    var people = new java.util.ArrayList<PlenaryUser>();
    for (int i = 0; i < 30; i++) {
      people.add(tokens.authenticate(tokens.issue(accounts.create(new NewAccount("atonce" + i, "atonce" + i + "@example.org",
          "At Once " + i, null, "FR", Set.of()), "person-password", false), "t").token()).orElseThrow());
    }
    var pool = java.util.concurrent.Executors.newFixedThreadPool(20);
    try {
      // every person twice, all at once: 60 requests, batched together by the recorder
      var tasks = new java.util.ArrayList<java.util.concurrent.Callable<Object>>();
      for (int round = 0; round < 2; round++) {
        for (int i = 0; i < people.size(); i++) {
          int n = i;
          tasks.add(() -> {
            var form = new org.plenary.registration.RegistrationForm();
            form.setFullName(" At Once " + n + " ");
            form.setEmail("atonce" + n + "@example.org");
            form.setCountryCode("FR");
            form.setFunction(n % 2 == 0 ? " " : "Delegate");
            try {
              return registrations.register("atonce", "next", form, people.get(n));
            } catch (org.plenary.registration.RegistrationRefusedException refused) {
              return refused.httpStatus();
            }
          });
        }
      }
      var answers = new java.util.ArrayList<Object>();
      for (var future : pool.invokeAll(tasks)) {
        answers.add(future.get(60, java.util.concurrent.TimeUnit.SECONDS));
      }
      var recorded = answers.stream().filter(org.plenary.registration.Registration.class::isInstance)
          .map(org.plenary.registration.Registration.class::cast).toList();
      assertThat(recorded.stream().map(org.plenary.registration.Registration::id)).hasSize(30).doesNotHaveDuplicates();
      // each answer is the registration as the table holds it: its own id, the name stripped, a blank function none
      for (var registration : recorded) {
        int n = Integer.parseInt(registration.email().replaceAll("\\D", ""));
        assertThat(registration.fullName()).isEqualTo("At Once " + n);
        assertThat(registrations.get(registration.id(), people.get(n))).isEqualTo(registration);
      }
      assertThat(answers.stream().filter(Integer.class::isInstance)).hasSize(30).containsOnly(409);
      long meeting = meetings.get("atonce", "next").id().value();
      assertThat(jdbc.sql("SELECT COUNT(*) FROM registrations WHERE meeting_id = ?").param(meeting).query(Long.class)
          .single()).isEqualTo(30);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Creates the group and an upcoming meeting if needed, then allocates {@code count} numbers from {@code threads} threads. */
  List<String> allocateConcurrently(ContributionDesk onNode, String slug, int count, int threads) throws Exception {
    if (groups.find(slug).isEmpty()) {
      groups.create(draft(slug, null, List.of()));
      meetings.schedule(slug, new MeetingDraft("next", LocalDate.now().plusDays(30), LocalDate.now().plusDays(31),
          "Europe/Zurich", "Geneva", null, "gva", null, null, null, null, "English", false, true, null, null, null,
          null, LatePolicy.FLAG, List.of(), List.of()));
      accounts.create(new NewAccount("author-" + slug, slug + "@plenary.example", "Author", null, null, Set.of()),
          "author-password", false);
    }
    PlenaryUser author = tokens.authenticate(tokens.issue(accounts.find("author-" + slug).orElseThrow().id(), "t").token())
        .orElseThrow();
    var pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      var futures = new java.util.ArrayList<java.util.concurrent.Future<String>>();
      for (int i = 0; i < count; i++) {
        int n = i;
        futures.add(pool.submit(() -> onNode.allocate(slug, "next",
            new Allocation("Document " + n, "Source", List.of(), null, List.of()), author).number()));
      }
      var numbers = new java.util.ArrayList<String>();
      for (var future : futures) {
        numbers.add(future.get(60, java.util.concurrent.TimeUnit.SECONDS));
      }
      return numbers;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theRegistersVersionGrowsInCommitOrderWhenTheLowerEventIdCommitsLast() throws Exception {
    groups.create(draft("versioned", null, List.of()));
    meetings.schedule("versioned", new MeetingDraft("next", LocalDate.now().plusDays(40), LocalDate.now().plusDays(41),
        "Europe/Zurich", "Geneva", null, "gva", null, null, null, null, "English", false, true, null, null, null, null,
        LatePolicy.FLAG, List.of(), List.of()));
    accounts.create(new NewAccount("versioner", "versioner@plenary.example", "Versioner", null, null,
        Set.of(Role.SECRETARIAT)), "versioner-pass", false);
    PlenaryUser clerk = tokens.authenticate(tokens.issue(accounts.find("versioner").orElseThrow().id(), "t").token())
        .orElseThrow();
    String first = desk.allocate("versioned", "next", new Allocation("First", "S", List.of(), null, List.of()), clerk)
        .number();
    String second = desk.allocate("versioned", "next", new Allocation("Second", "S", List.of(), null, List.of()), clerk)
        .number();
    var written = new java.util.concurrent.CountDownLatch(1);
    var release = new java.util.concurrent.CountDownLatch(1);
    var open = java.util.concurrent.CompletableFuture.runAsync(() -> transaction.executeWithoutResult(status -> {
      desk.grantLateException(first, clerk);
      written.countDown();
      try {
        release.await(20, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }));
    assertThat(written.await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    desk.grantLateException(second, clerk);
    long afterSecond = folders.version();
    release.countDown();
    open.get(20, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(folders.version()).isGreaterThan(afterSecond);
  }

  private static GroupDraft draft(String slug, String mailingList, List<Leader> leaders) {
    return new GroupDraft(slug, "FG " + slug, "Focus Group " + slug, null, "ITU-T A.7", "English", 12, null, mailingList,
        List.of(new Section("1 Scope", "- a\n- b"), new Section("2 Rationale", "Why.")), leaders,
        List.of(new Milestone(LocalDate.of(2010, 6, 14), "First meeting")));
  }
}
