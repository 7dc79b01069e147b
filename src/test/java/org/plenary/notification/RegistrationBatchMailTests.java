package org.plenary.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.plenary.DemoMeetings;
import org.plenary.DemoTest;
import org.plenary.account.AccessTokens;
import org.plenary.account.AccountDirectory;
import org.plenary.account.AccountId;
import org.plenary.account.NewAccount;
import org.plenary.account.Organization;
import org.plenary.account.OrganizationDirectory;
import org.plenary.account.PlenaryUser;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.registration.Attendance;
import org.plenary.registration.RegistrationDesk;
import org.plenary.registration.RegistrationEvents.RegistrationsSubmitted;
import org.plenary.registration.RegistrationForm;
import org.plenary.registration.RegistrationRefusedException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registrations sent at once are recorded in batches, and each batch is mailed in one go: every
 * registration is stored once and mailed once to its participant (in their language) and to the focal
 * point of their organization, a person's second registration in the same burst gets its own refusal
 * while the others succeed, and the batch's event delivered again mails nobody twice.
 */
@DemoTest
class RegistrationBatchMailTests {

  private static final int PEOPLE = 12;

  @Autowired RegistrationDesk desk;
  @Autowired GroupCatalog groups;
  @Autowired RegistrationMail mail;
  @Autowired AccountDirectory accounts;
  @Autowired AccessTokens tokens;
  @Autowired OrganizationDirectory organizations;
  @Autowired MeetingCatalog meetings;
  @Autowired TransactionTemplate transaction;
  @Autowired JdbcClient jdbc;

  @Test
  void registrationsSentTogetherAreEachStoredAndMailedOnceAndASecondOfAPersonIsRefusedAlone() throws Exception {
    String code = DemoMeetings.upcoming(groups, meetings);
    Organization orange = organizations.all().stream().filter(o -> o.name().equals("France Telecom Orange"))
        .findFirst().orElseThrow();
    List<String> focalPoints = organizations.focalPoints(orange.id()).stream().map(a -> a.email()).toList();
    assertThat(focalPoints).isNotEmpty();
    var people = new ArrayList<PlenaryUser>();
    for (int i = 0; i < PEOPLE; i++) {
      AccountId id = accounts.create(new NewAccount("batchmail" + i, "batchmail" + i + "@orange.example",
          "Batch Mail " + i, orange.id(), "FR", Set.of()), "person-password", false);
      if (i % 3 == 0) {
        accounts.changeLanguage(id, "fr");
      }
      people.add(tokens.authenticate(tokens.issue(id, "t").token()).orElseThrow());
    }

    // every person once, and person 0 a second time: all at once, so the recorder batches them
    var sends = new ArrayList<Callable<Object>>();
    for (int i = 0; i <= PEOPLE; i++) {
      int n = i % PEOPLE;
      sends.add(() -> registrationOrRefusal(code, form(n, orange), people.get(n)));
    }
    List<Object> answers = allAtOnce(sends);

    var idOf = new java.util.HashMap<Integer, Long>();
    for (int t = 0; t < answers.size(); t++) {
      if (answers.get(t) instanceof Long id) {
        assertThat(idOf.put(t % PEOPLE, id)).as("person %d registered once", t % PEOPLE).isNull();
      }
    }
    List<Long> ids = List.copyOf(idOf.values());
    assertThat(ids).hasSize(PEOPLE).doesNotHaveDuplicates();
    List<RegistrationRefusedException> refusals = answers.stream().filter(RegistrationRefusedException.class::isInstance)
        .map(RegistrationRefusedException.class::cast).toList();
    assertThat(refusals).singleElement().satisfies(refused -> {
      assertThat(refused.httpStatus()).isEqualTo(409);
      assertThat(refused.getMessage()).contains("already registered");
    });
    long meeting = meetings.get("cloud", code).id().value();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM registrations WHERE meeting_id = ? AND email LIKE 'batchmail%'")
        .param(meeting).query(Long.class).single()).isEqualTo(PEOPLE);

    awaitDeliveries(ids, PEOPLE * (1 + focalPoints.size()));
    for (int i = 0; i < PEOPLE; i++) {
      long id = idOf.get(i);
      List<String> recipients = jdbc.sql("SELECT recipient FROM mail_deliveries WHERE occasion = ?")
          .param("RegistrationSubmitted:" + id).query(String.class).list();
      assertThat(recipients).as("registration %d", id).hasSize(1 + focalPoints.size())
          .contains("batchmail" + i + "@orange.example").containsAll(focalPoints);
      String subject = jdbc.sql("""
              SELECT m.subject FROM mail_messages m JOIN mail_deliveries d ON d.message_id = m.id
              WHERE d.occasion = ? AND d.recipient = ?""")
          .params("RegistrationSubmitted:" + id, "batchmail" + i + "@orange.example").query(String.class).single();
      assertThat(subject).as("the participant's language")
          .startsWith(i % 3 == 0 ? "Inscription reçue\u202f: Batch Mail " + i : "Registration received: Batch Mail " + i);
    }

    long messages = jdbc.sql("SELECT COUNT(*) FROM mail_messages").query(Long.class).single();
    transaction.executeWithoutResult(status -> mail.on(new RegistrationsSubmitted(ids)));
    assertThat(jdbc.sql("SELECT COUNT(*) FROM mail_messages").query(Long.class).single())
        .as("the batch's event delivered again mails nobody twice").isEqualTo(messages);
  }

  @Test
  void peopleAlreadyRegisteredAreRefusedWithTheirRegistrationWhileTheRestOfTheBurstIsRecorded() throws Exception {
    String code = DemoMeetings.upcoming(groups, meetings);
    Organization orange = organizations.all().stream().filter(o -> o.name().equals("France Telecom Orange"))
        .findFirst().orElseThrow();
    var people = new ArrayList<PlenaryUser>();
    for (int i = 0; i < PEOPLE; i++) {
      AccountId id = accounts.create(new NewAccount("again" + i, "again" + i + "@orange.example",
          "Again " + i, orange.id(), "FR", Set.of()), "person-password", false);
      people.add(tokens.authenticate(tokens.issue(id, "t").token()).orElseThrow());
    }
    // the even ones registered before the burst
    var before = new java.util.HashMap<Integer, Long>();
    for (int i = 0; i < PEOPLE; i += 2) {
      before.put(i, desk.register("cloud", code, againForm(i, orange), people.get(i)).id());
    }

    var sends = new ArrayList<Callable<Object>>();
    for (int i = 0; i < PEOPLE; i++) {
      int n = i;
      sends.add(() -> registrationOrRefusal(code, againForm(n, orange), people.get(n)));
    }
    List<Object> answers = allAtOnce(sends);

    for (int i = 0; i < PEOPLE; i++) {
      if (i % 2 == 0) {
        long registered = before.get(i);
        assertThat(answers.get(i)).as("person %d, registered before", i).isInstanceOfSatisfying(
            RegistrationRefusedException.class, refused -> {
              assertThat(refused.httpStatus()).isEqualTo(409);
              assertThat(refused.getMessage()).contains("already registered").contains(String.valueOf(registered));
            });
      } else {
        assertThat(answers.get(i)).as("person %d, new", i).isInstanceOf(Long.class);
      }
    }
    long meeting = meetings.get("cloud", code).id().value();
    for (int i = 0; i < PEOPLE; i++) {
      assertThat(jdbc.sql("SELECT COUNT(*) FROM registrations WHERE meeting_id = ? AND email = ?")
          .params(meeting, "again" + i + "@orange.example").query(Long.class).single()).as("person %d", i).isEqualTo(1);
    }
  }

  /** The registration's id, or the refusal it met. */
  private Object registrationOrRefusal(String code, RegistrationForm form, PlenaryUser person) {
    try {
      return desk.register("cloud", code, form, person).id();
    } catch (RegistrationRefusedException refused) {
      return refused;
    }
  }

  /** Runs the sends at once, each on a thread of its own, and gives their answers in order. */
  private static List<Object> allAtOnce(List<Callable<Object>> sends) throws Exception {
    var pool = Executors.newFixedThreadPool(sends.size());
    var answers = new ArrayList<Object>();
    try {
      for (var future : pool.invokeAll(sends)) {
        answers.add(future.get(60, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    return answers;
  }

  private static RegistrationForm againForm(int n, Organization organization) {
    RegistrationForm form = form(n, organization);
    form.setFullName("Again " + n);
    form.setEmail("again" + n + "@orange.example");
    return form;
  }

  private void awaitDeliveries(List<Long> ids, int expected) throws InterruptedException {
    List<String> occasions = ids.stream().map(id -> "RegistrationSubmitted:" + id).toList();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (jdbc.sql("SELECT COUNT(*) FROM mail_deliveries WHERE occasion IN (:occasions)").param("occasions", occasions)
        .query(Long.class).single() < expected && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }

  private static RegistrationForm form(int n, Organization organization) {
    var form = new RegistrationForm();
    form.setFullName("Batch Mail " + n);
    form.setEmail("batchmail" + n + "@orange.example");
    form.setOrganizationId(organization.id().value());
    form.setCountryCode("FR");
    form.setAttendance(Attendance.IN_PERSON);
    return form;
  }
}
