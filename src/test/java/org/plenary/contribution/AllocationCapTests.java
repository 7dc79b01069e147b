package org.plenary.contribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.plenary.DemoMeetings;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.plenary.group.GroupCatalog;
import org.plenary.account.PlenaryUser;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.shared.InvalidInputException;
import org.plenary.web.ApiTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * A delegate holds at most {@code plenary.contributions.max-unused-numbers} numbers of a meeting with
 * nothing uploaded for them (here 3): the next is refused on the API (RFC 9457, in the reader's
 * language) and on the page, until one is used; each account counts its own; the secretariat has no cap;
 * requests sent together are counted together.
 */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-allocation-cap;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}",
    "plenary.contributions.max-unused-numbers=3"})
@ActiveProfiles("demo")
@AutoConfigureMockMvc
@Import(ApiTokens.class)
class AllocationCapTests {

  @Autowired MockMvc mvc;
  @Autowired ApiTokens tokens;
  @Autowired MeetingCatalog meetings;
  @Autowired GroupCatalog groups;
  @Autowired UserDetailsService users;
  @Autowired ContributionDesk desk;
  @Autowired PlatformTransactionManager transactions;
  @Autowired JdbcClient jdbc;

  @Test
  void aDelegateIsRefusedAFourthUnusedNumberUntilOneIsUploadedAndTheSecretariatIsNot() throws Exception {
    String alice = tokens.bearer("alice");
    String first = number(allocate(alice, "en").andExpect(status().isCreated()));
    allocate(alice, "en").andExpect(status().isCreated());
    allocate(alice, "en").andExpect(status().isCreated());
    allocate(alice, "en")
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.errors[0].field").value("meeting"))
        .andExpect(jsonPath("$.errors[0].message").value(containsString("one person may hold for meeting " + code() + " with no document uploaded (3)")));
    allocate(alice, "fr")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].message").value(containsString("qu’une personne peut détenir pour la réunion " + code() + " (3)")));
    allocate(alice, "ru")
        .andExpect(jsonPath("$.errors[0].message").value(containsString("для собрания " + code() + " (3)")));
    allocate(alice, "zh")
        .andExpect(jsonPath("$.errors[0].message").value(containsString("持有 3 个尚未上传文件的编号")));

    allocate(tokens.bearer("bob"), "en").andExpect(status().isCreated());
    for (int i = 0; i < 4; i++) {
      allocate(tokens.bearer("tsb"), "en").andExpect(status().isCreated());
    }

    mvc.perform(multipart("/api/v1/contributions/" + first + "/files")
            .file(new MockMultipartFile("file", first + ".txt", "text/plain", "used".getBytes(StandardCharsets.UTF_8)))
            .header("Authorization", alice))
        .andExpect(status().is2xxSuccessful());
    allocate(alice, "en").andExpect(status().isCreated());
    allocate(alice, "en").andExpect(status().isBadRequest());
  }

  @Test
  void requestsSentTogetherCannotTakeMoreThanTheCap() throws Exception {
    var chair = (PlenaryUser) users.loadUserByUsername("chair");
    var tsb = (PlenaryUser) users.loadUserByUsername("tsb");
    desk.allocate("cloud", code(), allocation(), tsb); // the series exists, so its row can be held
    var made = new AtomicInteger();
    var refused = new ConcurrentLinkedQueue<String>();
    try (var pool = Executors.newFixedThreadPool(13)) {
      // The series row held: the first batch waits on it while the others are checked and queued,
      // as when a delegate's requests arrive together on a busy server.
      var held = new CountDownLatch(1);
      var release = new CountDownLatch(1);
      var holder = pool.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
        jdbc.sql("SELECT last_number FROM document_series WHERE group_id = (SELECT id FROM plenary_groups"
            + " WHERE slug = 'cloud') FOR UPDATE").query(Integer.class).single();
        held.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
      held.await();
      var asked = new CountDownLatch(12);
      for (int i = 0; i < 12; i++) {
        pool.submit(() -> {
          try {
            asked.countDown();
            desk.allocate("cloud", code(), allocation(), chair);
            made.incrementAndGet();
          } catch (InvalidInputException e) {
            refused.add(e.getMessage());
          }
          return null;
        });
      }
      asked.await();
      Thread.sleep(1000);
      release.countDown();
      holder.get();
    }
    assertThat(made.get()).isEqualTo(3);
    assertThat(refused).hasSize(9).allSatisfy(message -> assertThat(message)
        .contains("one person may hold for meeting " + code() + " with no document uploaded (3)"));
  }

  private static Allocation allocation() {
    return new Allocation("Sent together", "Org", List.of(), null, List.of());
  }

  @Test
  void theAllocationPageShowsTheRefusalInTheFormsErrorSummary() throws Exception {
    String focal = tokens.bearer("focal");
    for (int i = 0; i < 3; i++) {
      allocate(focal, "en").andExpect(status().isCreated());
    }
    mvc.perform(post("/groups/cloud/meetings/" + code() + "/documents/new").with(user(users.loadUserByUsername("focal")))
            .with(csrf()).header("Accept-Language", "es").param("title", "One more").param("source", "Org"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("error-summary")))
        .andExpect(content().string(containsString("que una persona puede tener para la reunión " + code())));
  }

  private ResultActions allocate(String token, String language) throws Exception {
    return mvc.perform(post("/api/v1/groups/cloud/meetings/" + code() + "/contributions").header("Authorization", token)
        .header("Accept-Language", language).contentType(MediaType.APPLICATION_JSON)
        .content("{\"title\": \"A contribution\", \"source\": \"An organization\"}"));
  }

  private String code() {
    return DemoMeetings.upcoming(groups, meetings);
  }

  private static String number(ResultActions created) throws Exception {
    String json = created.andReturn().getResponse().getContentAsString();
    assertThat(json).contains("\"number\"");
    return json.replaceAll(".*\"number\":\"([^\"]+)\".*", "$1");
  }
}
