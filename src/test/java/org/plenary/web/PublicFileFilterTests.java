package org.plenary.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.plenary.DemoMeetings;
import org.plenary.account.AccessTokens;
import org.plenary.account.AccountDirectory;
import org.plenary.account.PlenaryUser;
import org.plenary.contribution.Allocation;
import org.plenary.contribution.ContributionDesk;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.LatePolicy;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.meeting.MeetingDraft;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.event.EventListener;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.context.support.ServletRequestHandledEvent;

/**
 * The download fast path ({@link PublicFileFilter}) over real sockets, on the demo's embedded H2
 * file database (where the register's version is kept between changes): an anonymous download of a
 * public file skips the dispatch and answers exactly as the ordinary path does, and everything else
 * goes the ordinary way. Which path answered is seen from the dispatcher's own
 * {@link ServletRequestHandledEvent}, published for every request it handles (once the answer has
 * gone out, so each exchange waits a moment for it); the server does not publish it, so this test
 * turns it on.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "plenary.data-dir=target/test-data/public-files-${random.uuid}", "plenary.ftp.port=0",
    "spring.mvc.publish-request-handled-events=true"})
@ActiveProfiles("demo")
class PublicFileFilterTests {

  /** A session cookie no session has: the ordinary path reads it, finds nothing, and serves an anonymous reader. */
  private static final String UNKNOWN_SESSION = "SESSION=bm8tc3VjaC1zZXNzaW9u";

  @TestConfiguration(proxyBeanMethods = false)
  static class Dispatched {
    final List<String> paths = new CopyOnWriteArrayList<>();

    @EventListener
    void handled(ServletRequestHandledEvent event) {
      paths.add(event.getRequestUrl());
    }
  }

  @LocalServerPort int port;
  @Value("${spring.datasource.url}") String database;
  @Autowired ContributionDesk desk;
  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired AccountDirectory accounts;
  @Autowired AccessTokens tokens;
  @Autowired Dispatched dispatched;
  @Autowired MeterRegistry registry;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void anAnonymousDownloadSkipsTheDispatchAndAnswersAsTheOrdinaryPathDoes() throws Exception {
    String path = publish(upcoming(), "Fast path", "0123456789 abcdefghij");
    String etag = get(path).headers().firstValue("ETag").orElseThrow();
    List<List<String>> variants = List.of(List.of(), List.of("Range", "bytes=2-4"), List.of("Range", "bytes=-3"),
        List.of("Range", "bytes=0-1,5-6"), List.of("Range", "bytes=50-60"), List.of("If-None-Match", etag),
        List.of("If-None-Match", "*"), List.of("If-Match", "\"other\""), List.of("Range", "bytes=2-4", "If-Range", "\"stale\""),
        List.of("If-Modified-Since", "Thu, 01 Jan 2099 00:00:00 GMT"));
    for (String method : List.of("GET", "HEAD")) {
      for (List<String> headers : variants) {
        String what = method + " " + headers;
        Exchange fastExchange = exchange(method, path, headers, null);
        assertThat(fastExchange.dispatched()).as(what + ": the fast path does not dispatch").isEmpty();
        Exchange ordinaryExchange = exchange(method, path, headers, UNKNOWN_SESSION);
        assertThat(ordinaryExchange.dispatched()).as(what + ": a session cookie goes the ordinary way").containsExactly(path);
        HttpResponse<String> fast = fastExchange.response();
        HttpResponse<String> ordinary = ordinaryExchange.response();
        assertThat(fast.statusCode()).as(what).isEqualTo(ordinary.statusCode());
        assertThat(comparable(fast)).as(what).isEqualTo(comparable(ordinary));
        assertThat(boundless(fast.body(), fast)).as(what).isEqualTo(boundless(ordinary.body(), ordinary));
      }
    }
    HttpResponse<String> whole = get(path);
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(whole.body()).isEqualTo("0123456789 abcdefghij");
    assertThat(whole.headers().map()).containsKeys("x-content-type-options", "x-frame-options", "content-security-policy",
        "referrer-policy", "content-disposition", "etag", "last-modified", "accept-ranges");
    assertThat(whole.headers().firstValue("Cache-Control")).hasValue("no-cache");
    // An unconditional request gets the header values worked out once per file; a conditional one
    // that does not match gets those Spring's checkNotModified writes: the same.
    HttpResponse<String> conditional = send("GET", path, List.of("If-None-Match", "\"other\""), null);
    assertThat(conditional.statusCode()).isEqualTo(200);
    assertThat(whole.headers().firstValue("Last-Modified")).isPresent()
        .isEqualTo(conditional.headers().firstValue("Last-Modified"));
    assertThat(whole.headers().firstValue("ETag")).isEqualTo(conditional.headers().firstValue("ETag"));
    assertThat(registry.find("plenary.downloads.public").tag("status", "200").counter())
        .as("the fast path counts what it answers").isNotNull()
        .satisfies(counter -> assertThat(counter.count()).isGreaterThan(0));
  }

  @Test
  void aWithdrawnFileIsGoneAtOnceAndAPrivateMeetingsFileIsLeftToTheOrdinaryRefusal() throws Exception {
    assertThat(database).as("the register's version is kept in this process").startsWith("jdbc:h2:file:");
    String path = publish(upcoming(), "Withdrawn soon", "withdrawn soon");
    assertThat(get(path).statusCode()).isEqualTo(200);
    desk.withdraw(number(path), "Duplicate", user("tsb"));
    assertThat(get(path).statusCode()).as("gone at the first request after the withdrawal").isEqualTo(410);

    meetings.schedule("cloud", new MeetingDraft("closed", LocalDate.now().plusDays(40), LocalDate.now().plusDays(41),
        "Europe/Zurich", "Geneva", null, "gva", null, null, null, null, "English", false, false, null, null,
        LocalDateTime.now().plusDays(30), null, LatePolicy.FLAG, List.of(), List.of()));
    String hidden = publish("closed", "Closed meeting's", "not for strangers");
    Exchange stranger = exchange("GET", hidden, List.of(), null);
    assertThat(stranger.response().statusCode()).as("asked for credentials (a download: 401, send a token)")
        .isEqualTo(401);
    assertThat(stranger.response().body()).doesNotContain("not for strangers");
    assertThat(stranger.dispatched()).as("refused by the ordinary path").containsExactly(hidden);
  }

  @Test
  void requestsThatMayBeSignedInOrNeedDecodingGoTheOrdinaryWay() throws Exception {
    String path = publish(upcoming(), "Ordinary", "ordinary bytes");
    String encoded = path.replace("-I-", "-I%2D");
    String token = tokens.issue(accounts.find("alice").orElseThrow().id(), "mirror").token();
    for (List<String> request : List.of(List.of(path + "?lang=fr"), List.of(encoded),
        List.of(path, "Authorization", "Bearer " + token), List.of(path, "Cookie", UNKNOWN_SESSION))) {
      Exchange answer = exchange("GET", request.get(0), request.subList(1, request.size()), null);
      assertThat(answer.response().body()).as(request.toString()).isEqualTo("ordinary bytes");
      assertThat(answer.dispatched()).as(request.toString()).hasSize(1);
    }
    // A token is checked wherever it is sent (issue 16): a mirroring tool learns that its token is stale.
    Exchange stale = exchange("GET", path, List.of("Authorization", "Bearer not-a-token"), null);
    assertThat(stale.response().statusCode()).isEqualTo(401);
    assertThat(stale.response().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
        challenge -> assertThat(challenge).startsWith("Bearer").contains("error=\"invalid_token\""));
  }

  private String upcoming() {
    return DemoMeetings.upcoming(groups, meetings);
  }

  /** Allocates, uploads and publishes a text file in the FG Cloud meeting; its path. */
  private String publish(String code, String title, String content) {
    String number = desk.allocate("cloud", code, new Allocation(title, "Test", List.of(), null, List.of()), user("alice"))
        .number();
    desk.upload(number, number + ".txt", new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), user("alice"));
    desk.publish(number, user("tsb"));
    return "/t/fg/cloud/docs/" + code + "/in/" + number + ".txt";
  }

  private static String number(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    return name.substring(0, name.indexOf('.'));
  }

  private PlenaryUser user(String username) {
    return tokens.authenticate(tokens.issue(accounts.find(username).orElseThrow().id(), "test").token()).orElseThrow();
  }

  /** An answer, and the paths the dispatcher handled for it. */
  private record Exchange(HttpResponse<String> response, List<String> dispatched) {}

  /** Sends the request, then waits up to 300 ms for the dispatcher's event (published after the answer went out). */
  private Exchange exchange(String method, String path, List<String> headers, String cookie) throws Exception {
    dispatched.paths.clear();
    HttpResponse<String> response = send(method, path, headers, cookie);
    long until = System.nanoTime() + 300_000_000L;
    while (dispatched.paths.isEmpty() && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    return new Exchange(response, List.copyOf(dispatched.paths));
  }

  private HttpResponse<String> get(String path) throws Exception {
    return send("GET", path, List.of(), null);
  }

  private HttpResponse<String> send(String method, String path, List<String> headers, String cookie) throws Exception {
    var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .method(method, HttpRequest.BodyPublishers.noBody());
    for (int i = 0; i < headers.size(); i += 2) {
      request.header(headers.get(i), headers.get(i + 1));
    }
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The headers, but the date and a multipart answer's random boundary. */
  private static Map<String, List<String>> comparable(HttpResponse<String> response) {
    var headers = new TreeMap<String, List<String>>(response.headers().map());
    headers.remove("date");
    headers.computeIfPresent("content-type", (name, values) -> values.stream().map(v -> v.replaceAll("boundary=\\w+", "boundary=")).toList());
    return headers;
  }

  private static String boundless(String body, HttpResponse<String> response) {
    String type = response.headers().firstValue("Content-Type").orElse("");
    int at = type.indexOf("boundary=");
    return at < 0 ? body : body.replace(type.substring(at + "boundary=".length()), "BOUNDARY");
  }
}
