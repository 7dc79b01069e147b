package org.plenary.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.plenary.DemoTest;
import org.plenary.account.AccessTokens;
import org.plenary.account.AccountDirectory;
import org.plenary.account.PlenaryUser;
import org.plenary.contribution.Allocation;
import org.plenary.contribution.Contribution;
import org.plenary.contribution.ContributionDesk;
import org.plenary.meeting.LatePolicy;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.meeting.MeetingDraft;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Mails an earlier version left pending for its module listeners of allocations, uploads and
 * publications (which this version writes in the step's own transaction) are written once at start:
 * whatever shape the event had, once even when the earlier listener had already written some of them,
 * and rows of listeners nobody knows are left alone.
 */
@DemoTest
class RetiredMailEventsTests {

  @Autowired RetiredMailEvents retired;
  @Autowired JdbcClient jdbc;
  @Autowired ContributionDesk desk;
  @Autowired MeetingCatalog meetings;
  @Autowired AccountDirectory accounts;
  @Autowired AccessTokens tokens;

  record Published(String number, long fileId, String author) {}

  @Test
  void pendingMailsOfRetiredListenersAreWrittenOnceInEveryShapeTheirEventsHad() {
    String code = "retired-mail";
    meetings.schedule("cloud", new MeetingDraft(code, LocalDate.now().plusWeeks(9), LocalDate.now().plusWeeks(9).plusDays(1),
        "Europe/Zurich", "Geneva", null, "gva", null, null, null, null, "English", true, false, null, null,
        LocalDateTime.now().plusWeeks(8), null, LatePolicy.FLAG, List.of(), List.of()));
    PlenaryUser alice = tokens.authenticate(tokens.issue(accounts.find("alice").orElseThrow().id(), "test").token()).orElseThrow();
    var demo = new java.util.ArrayList<Published>();
    for (String title : List.of("Retired one", "Retired two")) {
      Contribution c = desk.allocate("cloud", code, new Allocation(title, "Test", List.of(), null, List.of()), alice);
      long file = desk.upload(c.number(), c.number() + ".txt", new ByteArrayInputStream(title.getBytes(StandardCharsets.UTF_8)), alice).id();
      demo.add(new Published(c.number(), file, "alice"));
    }
    Published first = demo.get(0);
    Published second = demo.get(1);
    // As though the earlier listeners had not written these mails yet.
    for (String occasion : List.of("NumbersAllocated:" + first.number(), "NumbersAllocated:" + second.number(),
        "ContributionReceived:" + first.fileId())) {
      jdbc.sql("DELETE FROM mail_deliveries WHERE occasion = ?").param(occasion).update();
    }
    UUID oneNumber = pending("NumberAllocated", "{\"number\":\"" + first.number() + "\"}");
    UUID listOfNumbers = pending("NumbersAllocated", "{\"numbers\":[\"" + second.number() + "\"]}");
    UUID files = pending("ContributionsReceived",
        "{\"received\":[{\"number\":\"" + first.number() + "\",\"fileId\":" + first.fileId() + "}]}");
    // The same upload's mail again, as another node's earlier listener might have left it.
    UUID again = pending("ContributionReceived", "{\"number\":\"" + first.number() + "\",\"fileId\":" + first.fileId() + "}");
    UUID unknown = pending(null, "{}");

    assertThat(retired.run()).isEqualTo(4);

    assertThat(mailed("NumbersAllocated:" + first.number())).isEqualTo(1);
    assertThat(mailed("NumbersAllocated:" + second.number())).isEqualTo(1);
    assertThat(mailed("ContributionReceived:" + first.fileId())).isGreaterThanOrEqualTo(1);
    long received = mailed("ContributionReceived:" + first.fileId());
    for (UUID taken : List.of(oneNumber, listOfNumbers, files, again)) {
      assertThat(exists(taken)).as("row %s taken", taken).isFalse();
    }
    assertThat(exists(unknown)).isTrue();

    // Nothing is written twice when the same events are pending again (a node stopped before its commit).
    pending("NumbersAllocated", "{\"allocated\":[{\"number\":\"" + first.number() + "\",\"title\":\"x\"}]}");
    pending("ContributionsReceived", "{\"received\":[{\"number\":\"" + first.number() + "\",\"fileId\":" + first.fileId() + "}]}");
    assertThat(retired.run()).isEqualTo(2);
    assertThat(mailed("NumbersAllocated:" + first.number())).isEqualTo(1);
    assertThat(mailed("ContributionReceived:" + first.fileId())).isEqualTo(received);
    jdbc.sql("DELETE FROM event_publication WHERE id = ?").param(unknown).update();
  }

  @Test
  void listenerIdsAreNamedAsSpringNamesThem() {
    // A listener of this version kept through the registry, named the way the retired ones were.
    assertThat(RetiredMailEvents.Kind.of(RetiredMailEvents.LISTENER + "NumbersAllocated)"))
        .isEqualTo(RetiredMailEvents.Kind.ALLOCATED);
    assertThat(RetiredMailEvents.Kind.of(RetiredMailEvents.LISTENER + "ContributionRejected)")).isNull();
    assertThat(org.springframework.util.ClassUtils.getQualifiedMethodName(
        org.springframework.util.ReflectionUtils.findMethod(ContributionMail.class, "on",
            org.plenary.contribution.ContributionEvents.ContributionRejected.class))
        + "(" + org.plenary.contribution.ContributionEvents.ContributionRejected.class.getName() + ")")
        .isEqualTo(RetiredMailEvents.LISTENER + "ContributionRejected)");
  }

  @Test
  void numbersAndFilesAreFoundAtAnyDepth() {
    var json = JsonMapper.builder().build();
    assertThat(RetiredMailEvents.numbers(json.readTree("{\"allocated\":[{\"number\":\"A-1\"},{\"number\":\"A-2\"}]}")))
        .containsExactlyInAnyOrder("A-1", "A-2");
    assertThat(RetiredMailEvents.files(json.readTree("{\"published\":[{\"number\":\"A-1\",\"fileId\":7}]}")))
        .containsExactly(new RetiredMailEvents.FileRef("A-1", 7));
  }

  private UUID pending(String event, String json) {
    UUID id = UUID.randomUUID();
    String listener = event == null ? "org.plenary.gone.Listener.on(org.plenary.gone.Event)" : RetiredMailEvents.LISTENER + event + ")";
    jdbc.sql("INSERT INTO event_publication (id, listener_id, event_type, serialized_event, publication_date) VALUES (?, ?, ?, ?, ?)")
        .params(id, listener, "org.plenary.contribution.ContributionEvents$" + event, json, OffsetDateTime.now()).update();
    return id;
  }

  private long mailed(String occasion) {
    return jdbc.sql("SELECT COUNT(*) FROM mail_deliveries WHERE occasion = ?").param(occasion).query(Long.class).single();
  }

  private boolean exists(UUID id) {
    return jdbc.sql("SELECT COUNT(*) FROM event_publication WHERE id = ?").param(id).query(Long.class).single() > 0;
  }
}
