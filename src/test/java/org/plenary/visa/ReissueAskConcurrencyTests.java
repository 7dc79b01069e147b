package org.plenary.visa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.plenary.DemoMeetings;
import org.plenary.JsonApi;
import org.plenary.account.AccountDirectory;
import org.plenary.account.OrganizationCategory;
import org.plenary.account.OrganizationDirectory;
import org.plenary.account.OrganizationId;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.web.ApiTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One open re-issue request per letter is a rule checked under the visa request's row lock: eight asks at once over
 * real HTTP, by the participant and their focal point, while another transaction holds the row, make one request;
 * the seven others are refused (409) as one is open. On H2 here and on PostgreSQL (read committed, where a check
 * outside the lock would let several through) in {@link PostgresReissueAskConcurrencyTests}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
    "server.port=0", "server.address=127.0.0.1",
    "spring.datasource.url=jdbc:h2:mem:plenary-reissue-ask-concurrency;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
    "plenary.data-dir=target/test-data/${random.uuid}", "plenary.ftp.enabled=false"})
@ActiveProfiles("demo")
@AutoConfigureMockMvc
@Import(ApiTokens.class)
class ReissueAskConcurrencyTests {

  private final HttpClient http = HttpClient.newHttpClient();
  @org.springframework.boot.test.web.server.LocalServerPort int port;
  @Autowired MockMvc mvc;
  @Autowired ApiTokens tokens;
  @Autowired AccountDirectory accounts;
  @Autowired OrganizationDirectory organizations;
  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate transaction;

  @Test
  void eightAsksAtOnceMakeOneOpenRequest() throws Exception {
    OrganizationId org = organizations.create("Reissue Concurrency Org", OrganizationCategory.SECTOR_MEMBER, "FR");
    var scenario = new VisaScenario(mvc, tokens, accounts);
    String participant = scenario.account("rcp", org);
    String focal = scenario.account("rcf", org);
    organizations.appointFocalPoint(org, accounts.find(focal).orElseThrow().id());
    long visa = scenario.filedRequest(participant, focal, org, DemoMeetings.upcoming(groups, meetings));
    mvc.perform(post("/api/v1/visa/" + visa + "/approve").header("Authorization", tokens.bearer("tsb")))
        .andExpect(status().isOk());
    var api = new JsonApi(http, "http://127.0.0.1:" + port);
    var tasks = new ArrayList<Callable<HttpResponse<String>>>();
    for (int i = 0; i < 8; i++) {
      String token = tokens.bearer(i % 2 == 0 ? participant : focal).substring("Bearer ".length());
      String reason = "Ask " + i + ".";
      tasks.add(() -> api.send("POST", "/api/v1/visa/" + visa + "/reissue-requests", token, null,
          "{\"reason\": \"" + reason + "\"}"));
    }

    var held = new CountDownLatch(1);
    var release = new CountDownLatch(1);
    var outcomes = new ArrayList<Future<HttpResponse<String>>>();
    try (var pool = Executors.newFixedThreadPool(9)) {
      Future<?> holder = pool.submit(() -> transaction.executeWithoutResult(status -> {
        jdbc.sql("SELECT id FROM visa_requests WHERE id = ? FOR UPDATE").param(visa).query(Long.class).list();
        held.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
      held.await();
      tasks.forEach(task -> outcomes.add(pool.submit(task)));
      // Every ask reaches the lock and waits behind the holder before it lets go.
      Thread.sleep(1500);
      release.countDown();
      holder.get();
      List<Integer> statuses = new ArrayList<>();
      for (Future<HttpResponse<String>> outcome : outcomes) {
        HttpResponse<String> answer = outcome.get();
        assertThat(answer.statusCode()).as(answer.body()).isIn(201, 409);
        statuses.add(answer.statusCode());
        if (answer.statusCode() == 409) {
          assertThat(answer.body()).contains("already asked for");
        }
      }
      assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
    } finally {
      release.countDown();
    }
    assertThat(jdbc.sql("SELECT COUNT(*) FROM visa_reissue_requests WHERE request_id = ? AND status = 'OPEN'")
        .param(visa).query(Long.class).single()).isEqualTo(1);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM visa_reissue_requests WHERE request_id = ?")
        .param(visa).query(Long.class).single()).isEqualTo(1);
  }
}
