package org.plenary;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.plenary.account.AccountDirectory;
import org.plenary.account.NewAccount;
import org.plenary.account.SignInThrottle;
import org.plenary.shared.Leases;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two whole Plenary nodes (two application contexts, each with its own connection pool, web server and
 * caches) on one fresh PostgreSQL database: what one node learns, the other knows.
 */
@EnabledIfPostgres
class TwoNodesIntegrationTests {

  private static ConfigurableApplicationContext a;
  private static ConfigurableApplicationContext b;

  @BeforeAll
  static void startTwoNodes() {
    var database = TestPostgres.freshDatabase();
    // Started together on the empty database: both migrate it and look for the first administrator at once.
    var startingA = CompletableFuture.supplyAsync(() -> start("a", database));
    var startingB = CompletableFuture.supplyAsync(() -> start("b", database));
    a = startingA.join();
    b = startingB.join();
    a.getBean(AccountDirectory.class).create(new NewAccount("roaming", "roaming@nodes.example", "Roaming Delegate",
        null, null, Set.of()), "roaming-pass", false);
  }

  private static ConfigurableApplicationContext start(String name, TestPostgres.Database database) {
    return new SpringApplicationBuilder(PlenaryApplication.class).run("--server.port=0", "--plenary.ftp.port=0",
        "--spring.datasource.url=" + database.url(), "--spring.datasource.username=" + database.user(),
        "--spring.datasource.password=" + database.password(), "--plenary.node.name=" + name,
        "--plenary.sign-in.max-failures=3", "--plenary.admin-password=admin-pass-" + name,
        "--plenary.data-dir=target/test-data/two-nodes-" + name + "-" + System.nanoTime());
  }

  @AfterAll
  static void stop() {
    if (b != null) {
      b.close();
    }
    if (a != null) {
      a.close();
    }
  }

  @Test
  void twoNodesStartedTogetherOnAnEmptyDatabaseOpenOneAdministrator() {
    assertThat(a.getBean(AccountDirectory.class).all().stream().filter(account -> account.username().equals("admin")))
        .hasSize(1);
    assertThat(b.getBean(AccountDirectory.class).find("admin")).isPresent();
  }

  @Test
  void failedSignInsOnBothNodesCountTogetherAndLockOutOnBoth() {
    SignInThrottle onA = a.getBean(SignInThrottle.class);
    SignInThrottle onB = b.getBean(SignInThrottle.class);
    guess(onA, "198.51.100.1", "target");
    guess(onB, "198.51.100.2", "target");
    assertThat(onA.lockedUntil("198.51.100.3", "target")).as("two failures of three").isEmpty();
    guess(onA, "198.51.100.4", "Target");
    assertThat(onB.lockedUntil("198.51.100.5", "target")).as("the third, made on A, locks out on B").isPresent();
    assertThat(onB.attempt("198.51.100.5", "target")).isPresent();
  }

  /**
   * The catalog caches are per node: a group or meeting changed on one node is given by the other from its cache
   * until that value is 5 s old (README, "What is shared, and how fresh it is"), never longer.
   */
  @Test
  void aGroupAndAMeetingChangedOnOneNodeAreSeenOnTheOtherWithinFiveSeconds() throws Exception {
    var groupsA = a.getBean(org.plenary.group.GroupCatalog.class);
    var groupsB = b.getBean(org.plenary.group.GroupCatalog.class);
    var meetingsA = a.getBean(org.plenary.meeting.MeetingCatalog.class);
    var meetingsB = b.getBean(org.plenary.meeting.MeetingCatalog.class);
    groupsA.create(group("Focus Group on Nodes"));
    meetingsA.schedule("nodes", meeting("Geneva"));
    // Read on b first: both are in b's caches when a changes them.
    assertThat(groupsB.get("nodes").name()).isEqualTo("Focus Group on Nodes");
    assertThat(meetingsB.get("nodes", "nodes-1").venueName()).isEqualTo("Geneva");

    long changed = System.nanoTime();
    groupsA.update("nodes", group("Focus Group on Two Nodes"));
    meetingsA.update("nodes", "nodes-1", meeting("Lisbon"));
    while (!(groupsB.get("nodes").name().equals("Focus Group on Two Nodes")
        && meetingsB.get("nodes", "nodes-1").venueName().equals("Lisbon"))) {
      assertThat(Duration.ofNanos(System.nanoTime() - changed)).as("b still gives the group or meeting a changed")
          .isLessThan(Duration.ofMillis(5_500));
      Thread.sleep(50);
    }
  }

  private static org.plenary.group.GroupDraft group(String name) {
    return new org.plenary.group.GroupDraft("nodes", "FG Nodes", name, null, null, "English", 12, null, null,
        java.util.List.of(), java.util.List.of(), java.util.List.of());
  }

  private static org.plenary.meeting.MeetingDraft meeting(String venue) {
    var start = java.time.LocalDate.now().plusDays(200);
    return new org.plenary.meeting.MeetingDraft("nodes-1", start, start.plusDays(1), "Europe/Zurich", venue, null,
        "gva", null, null, null, null, "English", false, true, null, null, start.minusDays(10).atTime(23, 59), null,
        org.plenary.meeting.LatePolicy.FLAG, java.util.List.of(), java.util.List.of());
  }

  @Test
  void aJobLeaseTakenByOneNodeIsRefusedToTheOtherUntilReleased() {
    Leases onA = a.getBean(Leases.class);
    Leases onB = b.getBean(Leases.class);
    assertThat(onA.tryAcquire("two-nodes-job", Duration.ofMinutes(5))).isTrue();
    assertThat(onB.tryAcquire("two-nodes-job", Duration.ofMinutes(5))).isFalse();
    assertThat(onB.runOnce("two-nodes-job", Duration.ofMinutes(5), () -> { throw new AssertionError("ran twice"); }))
        .isFalse();
    onA.release("two-nodes-job");
    assertThat(onB.tryAcquire("two-nodes-job", Duration.ofMinutes(5))).isTrue();
    assertThat(onA.tryAcquire("two-nodes-job", Duration.ofMinutes(5))).isFalse();
  }

  @Test
  void aWebSessionOpenedOnOneNodeIsSignedInOnTheOtherWithItsCsrfToken() throws Exception {
    var http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    var signInPage = http.send(get(a, "/sign-in", null), HttpResponse.BodyHandlers.ofString());
    String cookie = signInPage.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
    var csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(signInPage.body());
    assertThat(csrf.find()).isTrue();
    String form = "username=roaming&password=roaming-pass&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
    var signIn = http.send(HttpRequest.newBuilder(uri(b, "/sign-in")).header("Cookie", cookie)
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(signIn.statusCode()).as("the CSRF token of A's page is valid on B").isEqualTo(302);
    assertThat(signIn.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
    String session = signIn.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("SESSION="))
        .findFirst().map(c -> c.split(";", 2)[0]).orElse(cookie);
    for (var node : new ConfigurableApplicationContext[] {a, b, a}) {
      var account = http.send(get(node, "/account", session), HttpResponse.BodyHandlers.ofString());
      assertThat(account.statusCode()).isEqualTo(200);
      assertThat(account.body()).contains("roaming");
    }
  }

  private static void guess(SignInThrottle throttle, String address, String username) {
    assertThat(throttle.attempt(address, username)).isEmpty();
    throttle.failed(address, username);
  }

  private static HttpRequest get(ConfigurableApplicationContext node, String path, String cookie) {
    var request = HttpRequest.newBuilder(uri(node, path)).GET();
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return request.build();
  }

  private static URI uri(ConfigurableApplicationContext node, String path) {
    int port = ((WebServerApplicationContext) node).getWebServer().getPort();
    return URI.create("http://127.0.0.1:" + port + path);
  }
}
