package org.plenary.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.plenary.account.AccessTokens;
import org.plenary.account.AccountDirectory;
import org.plenary.archive.ArchiveFixture;
import org.plenary.contribution.ContributionDesk;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Query parameters and conditions of the newer channels (a folder's ZIP since a time, the changes
 * feed since a time, the search's page and words, If-Match on a ZIP) given values no form would send: each is
 * answered as the reader's mistake (400 with a sentence naming the parameter, an empty page, 412),
 * never as a server error with a stack trace in the log; a JSON body of the wrong shape is a problem
 * naming the field and what it takes, or the line and column where the JSON breaks. Real sockets, on a group with a public and
 * a private meeting. A body larger than the API reads is refused before it is parsed, and HEAD is GET without
 * the body for every reader.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-attack-parameters;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/attack-parameters-${random.uuid}",
    "plenary.api.max-body-size=64KB"})
@ExtendWith(OutputCaptureExtension.class)
class HostileParameterAttackTests {

  static boolean prepared;
  static String privateNumber;

  @LocalServerPort int port;
  @Autowired ContributionDesk desk;
  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired AccountDirectory accounts;
  @Autowired AccessTokens tokens;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void setUp() {
    if (!prepared) {
      ArchiveFixture f = ArchiveFixture.create("phost", "FG Phost", groups, accounts, tokens).with(desk);
      ArchiveFixture.meeting(meetings, "phost", "open", true);
      ArchiveFixture.meeting(meetings, "phost", "shut", false);
      f.publish("open", "Open roadmap", "open original");
      privateNumber = f.upload("shut", "Shut plan", "shut text");
      prepared = true;
    }
  }

  @Test
  void aZipSinceATimeThatIsNoTimeIsABadRequestNamingTheParameterOnEveryAcceptAndFolder() throws Exception {
    for (String since : List.of("garbage", "1", "99999999-01-01T00:00:00Z", "%00", "2026-13-45T00:00:00Z",
        "%2B1000000000-01-01T00:00:00Z", "-1000000000-01-01T00:00:00Z", "%2B999999-01-01T00:00:00Z")) {
      for (String path : List.of("/t/fg/phost/docs/open/in.zip", "/t/fg/phost/docs/open/out.zip")) {
        for (String accept : List.of("*/*", "text/html", "application/json")) {
          HttpResponse<String> answer = get(path + "?since=" + since, accept);
          String what = path + "?since=" + since + " Accept: " + accept;
          assertThat(answer.statusCode()).as(what).isEqualTo(400);
          assertThat(answer.body()).as(what).contains("2026-12-02T09:30:00Z").doesNotContain("Exception", "at org.");
          if (accept.equals("application/json")) {
            assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).as(what)
                .startsWith("application/problem+json");
            assertThat(answer.body()).as(what).contains("\"field\":\"since\"");
          }
        }
      }
    }
    assertThat(get("/t/fg/phost/docs/open/in.zip?since=2000-01-01T00:00:00Z", "*/*").statusCode()).isEqualTo(200);
  }

  @Test
  void aChangesFeedSinceATimeNoDatabaseHoldsIsABadRequestNamingTheParameter() throws Exception {
    for (String since : List.of("%2B1000000000-01-01T00:00:00Z", "-1000000000-01-01T00:00:00Z",
        "%2B999999-01-01T00:00:00Z", "-0001-01-01T00:00:00Z")) {
      HttpResponse<String> answer = get("/api/v1/groups/phost/changes?since=" + since, "application/json");
      assertThat(answer.statusCode()).as(since).isEqualTo(400);
      assertThat(answer.body()).as(since).contains("\"field\":\"since\"");
    }
    assertThat(get("/api/v1/groups/phost/changes?since=2000-01-01T00:00:00Z", "application/json").statusCode())
        .isEqualTo(200);
  }

  @Test
  void aZipAnswersIfMatchAndIfNoneMatchStarAsTheFilesOfItsFolderDo() throws Exception {
    String zip = "/t/fg/phost/docs/open/in.zip";
    String etag = get(zip, "*/*").headers().firstValue("ETag").orElseThrow();
    for (String ifMatch : List.of("\"not-the-etag\"", "W/\"weak\", \"other\"", "W/" + etag)) {
      assertThat(get(zip, "*/*", "If-Match", ifMatch).statusCode()).as("If-Match " + ifMatch).isEqualTo(412);
    }
    assertThat(get(zip, "*/*", "If-None-Match", "*").statusCode()).isEqualTo(304);
    assertThat(get(zip, "*/*", "If-Match", etag).statusCode()).isEqualTo(200);
    assertThat(get(zip, "*/*", "If-Match", "*").statusCode()).isEqualTo(200);
  }

  @Test
  void aSearchWithARegularExpressionOrATooComplexPatternIsRefusedAsASearchThatCannotBeUnderstood() throws Exception {
    for (String q : List.of("/a{1000000}/", "/.{1,1000}.{1,1000}/", "/ro.*map/", "title:/open/",
        "a" + "*b".repeat(300))) {
      String encoded = java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8);
      HttpResponse<String> api = get("/api/v1/search?q=" + encoded, "application/json");
      assertThat(api.statusCode()).as(q).isEqualTo(400);
      assertThat(api.body()).as(q).contains("could not be understood").doesNotContain("Exception");
      HttpResponse<String> html = get("/search?q=" + encoded, "text/html");
      assertThat(html.statusCode()).as("page " + q).isLessThan(500);
    }
    assertThat(get("/api/v1/search?q=%22ro%2Fmap%22", "application/json").statusCode()).isEqualTo(200);
    assertThat(get("/api/v1/search?q=road*", "application/json").statusCode()).isEqualTo(200);
  }

  /**
   * A page no search can reach ({@code 2147483647}, {@code 0}) was read as another (107374182, 1) and answered as
   * that one: the answer's {@code page} was not the one asked. Now a 400 naming the field, as the register refuses
   * a limit it cannot take; a page past the last that can be reached is an empty page of that number.
   */
  @Test
  void aSearchPageNoSearchCanReachIsRefusedNamingTheFieldAndOnePastTheLastIsEmpty() throws Exception {
    for (String page : List.of("107374183", "999999999", "2147483647", "-2147483648", "0")) {
      HttpResponse<String> api = get("/api/v1/search?q=roadmap&page=" + page, "application/json");
      assertThat(api.statusCode()).as("api page " + page).isEqualTo(400);
      assertThat(api.body()).as("api page " + page).contains("\"page\"").contains("Ask for a page from 1 to 107374182")
          .doesNotContain("Exception");
      HttpResponse<String> html = get("/search?q=roadmap&page=" + page, "text/html");
      assertThat(html.statusCode()).as("page " + page).isEqualTo(400);
      assertThat(html.body()).as("page " + page).contains("Ask for a page from 1 to 107374182");
    }
    HttpResponse<String> last = get("/api/v1/search?q=roadmap&page=107374182", "application/json");
    assertThat(last.statusCode()).isEqualTo(200);
    assertThat(last.body()).contains("\"hits\":[]").contains("\"page\":107374182");
  }

  @Test
  void aJsonBodyOfTheWrongShapeIsAProblemNamingTheFieldAndWhatItTakesOrWhereTheJsonBreaks() throws Exception {
    String token = tokens.issue(accounts.find("phost-author").orElseThrow().id(), "shapes").token();
    String allocate = "/api/v1/groups/phost/meetings/open/contributions";
    record Case(String body, String field, String says) {}
    for (Case c : List.of(
        new Case("{\"title\":[\"x\"],\"source\":\"s\"}", "title", "This field takes text"),
        new Case("{\"title\":\"t\",\"source\":{\"a\":1}}", "source", "This field takes text"),
        new Case("{\"title\":\"t\",\"source\":\"s\",\"agendaItemIds\":[\"x\"]}", "agendaItemIds[0]",
            "This field takes a number"),
        new Case("{\"title\":\"t\",\"source\":\"s\",\"agendaItemIds\":[99999999999999999999]}", "agendaItemIds[0]",
            "This field takes a number"),
        new Case("{\"title\":\"t\",\"source\":\"s\",\"agendaItemIds\":{\"a\":1}}", "agendaItemIds", "This field takes a list"))) {
      HttpResponse<String> answer = post(allocate, token, c.body());
      assertThat(answer.statusCode()).as(c.body()).isEqualTo(400);
      assertThat(answer.headers().firstValue("Content-Type")).as(c.body()).hasValue("application/problem+json");
      assertThat(answer.body()).as(c.body()).contains("\"field\":\"" + c.field() + "\"", c.says())
          .doesNotContain("Failed to read", "Exception", "tools.jackson", "org.plenary");
    }
    HttpResponse<String> outputType = post("/api/v1/groups/phost/meetings/open/outputs", clerkToken(),
        "{\"title\":\"t\",\"type\":\"POEM\"}");
    assertThat(outputType.body()).contains("\"field\":\"type\"", "one of DELIVERABLE_DRAFT, MEETING_REPORT");
    for (String broken : List.of("{\"title\":", "{\"title\" \"t\"}", "not json", "{\"title\":\"t\",}")) {
      HttpResponse<String> answer = post(allocate, token, broken);
      assertThat(answer.statusCode()).as(broken).isEqualTo(400);
      assertThat(answer.body()).as(broken).contains("is not valid JSON (line 1, column").doesNotContain("Failed to read");
    }
    assertThat(post(allocate, token, "").body()).contains("needs a JSON body");
    // A property the request does not take is refused by its name before its value is read (ApiJson): what the
    // parser's own bounds refuse is a value of a field it takes, a number of 5,000 digits.
    assertThat(post(allocate, token, "{\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}").body())
        .contains("This request takes no field \\\"x\\\"");
    assertThat(post(allocate, token, "{\"title\":" + "1".repeat(5000) + "}").body())
        .contains("nests deeper, or holds a longer value, than the API reads");
    assertThat(post(allocate, token, "[]").body()).contains("The body must be an object.");
  }

  /**
   * An object that names a field twice: Jackson kept the last value while a proxy, a filter or a log that keeps the first
   * saw the other one (a title that passed a filter was not the title stored). Refused naming the field, in the reader's
   * language, and nothing is allocated; the same name in two different objects is no repetition.
   */
  @Test
  void anObjectThatNamesAFieldTwiceIsRefusedNamingItAndNothingIsStored() throws Exception {
    String token = tokens.issue(accounts.find("phost-author").orElseThrow().id(), "twice").token();
    String allocate = "/api/v1/groups/phost/meetings/open/contributions";
    String before = get(allocate, "application/json", "Authorization", "Bearer " + token).body();
    for (String twice : List.of("{\"title\":\"Harmless\",\"source\":\"s\",\"title\":\"Other\"}",
        "{\"title\":\"t\",\"source\":\"s\",\"agendaItemIds\":[],\"agendaItemIds\":[1]}")) {
      HttpResponse<String> answer = post(allocate, token, twice);
      assertThat(answer.statusCode()).as(twice).isEqualTo(400);
      assertThat(answer.headers().firstValue("Content-Type")).as(twice).hasValue("application/problem+json");
      assertThat(answer.body()).as(twice).containsPattern("The body names \\\\\"(title|agendaItemIds)\\\\\" twice in one object")
          .doesNotContain("Duplicate", "tools.jackson");
    }
    HttpResponse<String> french = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + allocate))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json").header("Accept-Language", "fr")
        .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"a\",\"title\":\"b\",\"source\":\"s\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(french.body()).contains("deux fois dans un même objet");
    assertThat(get(allocate, "application/json", "Authorization", "Bearer " + token).body())
        .as("the register after the refusals").isEqualTo(before);
    HttpResponse<String> output = post("/api/v1/groups/phost/meetings/open/outputs", clerkToken(),
        "{\"title\":\"t\",\"type\":\"MEETING_REPORT\",\"x\":{\"title\":1}}");
    assertThat(output.body()).as("the same name in a nested object").doesNotContain("twice");
  }

  @Test
  void aBodyLargerThanTheApiReadsIsRefusedBeforeItIsParsedWhetherItsLengthIsDeclaredOrChunked() throws Exception {
    // 90 MB values in a stranger's sign-in were read whole, a few at once taking the heap to gigabytes.
    String big = "{\"username\":\"" + "a".repeat(70 * 1024) + "\",\"password\":\"x\"}";
    String small = "{\"username\":\"" + "a".repeat(60 * 1024) + "\",\"password\":\"x\"}";
    for (boolean chunked : List.of(false, true)) {
      HttpResponse<String> refused = anonymousPost("/api/v1/tokens", "application/json", big.getBytes(), chunked);
      assertThat(refused.statusCode()).as("chunked " + chunked).isEqualTo(413);
      assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json;charset=UTF-8");
      assertThat(refused.body()).as("chunked " + chunked).contains("larger than the API reads: at most 64 KB");
      HttpResponse<String> read = anonymousPost("/api/v1/tokens", "application/json", small.getBytes(), chunked);
      // Read, and its 60 KB username refused by its own bound (40), naming it.
      assertThat(read.statusCode()).as("a body under the limit is read, chunked " + chunked).isEqualTo(400);
      assertThat(read.body()).contains("\"field\":\"username\"");
    }
    // A file upload is multipart, with a limit of its own: not this one.
    String boundary = "plenary-boundary";
    byte[] multipart = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"FG-Phost-I-0999.pdf\""
        + "\r\nContent-Type: application/pdf\r\n\r\n" + "p".repeat(100 * 1024) + "\r\n--" + boundary + "--\r\n").getBytes();
    HttpResponse<String> upload = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/api/v1/contributions/FG-Phost-I-0999/files"))
        .header("Authorization", "Bearer " + clerkToken()).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(multipart)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(upload.statusCode()).as(upload.body()).isEqualTo(404);
  }

  @Test
  void aParameterOfTheWrongTypeIsAProblemNamingItAndWhatItTakes() throws Exception {
    // The framework said "Failed to convert 'limit' with value: 'abc'", in English whatever the reader's language.
    for (String query : List.of("/api/v1/groups/phost/meetings/open/contributions?limit=abc",
        "/api/v1/groups/phost/meetings/open/contributions?limit=99999999999", "/api/v1/groups/phost/changes?limit=1e3",
        "/api/v1/search?q=roadmap&agendaItem=99999999999999999999")) {
      HttpResponse<String> answer = get(query, "application/json");
      assertThat(answer.statusCode()).as(query).isEqualTo(400);
      assertThat(answer.body()).as(query).containsPattern("\"field\":\"(limit|agendaItem)\"")
          .contains("This field takes a number.").doesNotContain("Failed to convert");
    }
  }

  @Test
  void headIsAnsweredAsGetForEveryReaderOfTheApi() throws Exception {
    // A stranger's HEAD was a 401 where their GET is answered: HEAD told apart what GET does not, and broke link checkers.
    for (String path : List.of("/api/v1/groups", "/api/v1/groups/phost", "/api/v1/groups/phost/meetings/open",
        "/api/v1/groups/phost/meetings/open/contributions", "/api/v1/contributions/" + privateNumber,
        "/api/v1/contributions/FG-Phost-I-0999", "/api/v1/groups/phost/meetings/shut/contributions",
        "/api/v1/groups/nowhere", "/actuator/health", "/actuator/health/readiness", "/actuator/metrics")) {
      int get = get(path, "application/json").statusCode();
      HttpResponse<String> head = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(head.statusCode()).as("HEAD " + path).isEqualTo(get);
      assertThat(head.body()).isEmpty();
    }
    assertThat(get("/api/v1/contributions/" + privateNumber, "application/json").statusCode())
        .as("a private meeting's document is unknown to a stranger").isEqualTo(404);
    // OPTIONS names the methods, the same for a private document's path as for an unknown one's.
    for (String path : List.of("/api/v1/contributions/" + privateNumber, "/api/v1/contributions/FG-Phost-I-0999")) {
      HttpResponse<String> options = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(options.statusCode()).as("OPTIONS " + path).isEqualTo(200);
      assertThat(options.headers().firstValue("Allow").orElseThrow()).as(path).contains("GET", "HEAD");
    }
  }

  /**
   * Parameters Tomcat cannot read (bytes that are no UTF-8, a name left empty, more than it reads), in the
   * address of a page or the API, or in a form's body: a 400 that says so, as a page or a problem (the API's always
   * a problem, whatever the Accept), and no
   * stack trace in the log. They failed the servlet, which Tomcat logged at ERROR each time, and the reader
   * was told only that the request could not be understood.
   */
  @Test
  void parametersTheServerCannotReadAreTheReadersMistakeWithASentenceAndNoStackTrace(CapturedOutput log)
      throws Exception {
    String many = "&a".repeat(1_200);
    String sentence = "parameters this server cannot read";
    for (String query : List.of("q=%C0%AF", "q=open&=x", "q=open" + many)) {
      for (String path : List.of("/search", "/api/v1/search")) {
        for (String accept : List.of("text/html", "application/json")) {
          HttpResponse<String> answer = get(path + "?" + query, accept, "Accept-Language", "en");
          String what = path + "?" + query.substring(0, Math.min(query.length(), 20)) + " Accept: " + accept;
          assertThat(answer.statusCode()).as(what).isEqualTo(400);
          assertThat(answer.body()).as(what).contains(sentence).doesNotContain("Exception", "at org.");
          assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).as(what)
              .startsWith(accept.equals("text/html") && !path.startsWith("/api/") ? "text/html" : "application/problem+json");
        }
      }
    }
    HttpResponse<String> form = anonymousPost("/sign-in", "application/x-www-form-urlencoded",
        ("username=alice&password=secret" + many).getBytes(java.nio.charset.StandardCharsets.US_ASCII), false);
    assertThat(form.statusCode()).as("a sign-in form with too many parameters").isEqualTo(400);
    assertThat(form.body()).contains(sentence);
    assertThat(get("/search?q=open", "text/html").statusCode()).isEqualTo(200);
    assertThat(log.getAll()).doesNotContain("InvalidParameterException", "Servlet.service()");
  }

  /**
   * A body that breaks a rule in each of its 25,000 list items: the problem counts them all and lists the first
   * hundred. Each was a sentence of its own (1.2 MB of ids made a problem of 37 MB and 10 s of a core).
   */
  @Test
  void aBodyThatBreaksARuleInEachOfThousandsOfItemsGetsAProblemOfAFewKilobytes() throws Exception {
    String items = String.join(",", java.util.Collections.nCopies(25_000, "1"));
    for (String field : List.of("agendaItems", "agendaItemIds")) {
      HttpResponse<String> answer = post("/api/v1/groups/phost/meetings/open/contributions", clerkToken(),
          "{\"title\": \"Many items\", \"source\": \"Phost\", \"" + field + "\": [" + items + "]}");
      assertThat(answer.statusCode()).as(field).isEqualTo(400);
      assertThat(answer.body()).as(field).contains("25,000 fields are invalid");
      assertThat(answer.body().length()).as(field + ": the problem's length").isLessThan(20_000);
      assertThat(answer.body().split("\"field\":\"" + field + "\"", -1)).as(field).hasSize(101);
    }
  }

  private HttpResponse<String> anonymousPost(String path, String type, byte[] body, boolean chunked) throws Exception {
    HttpRequest.BodyPublisher publisher = chunked
        ? HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))
        : HttpRequest.BodyPublishers.ofByteArray(body);
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", type).header("Accept-Language", "en").POST(publisher).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private String clerkToken() {
    return tokens.issue(accounts.find("phost-clerk").orElseThrow().id(), "shapes").token();
  }

  private HttpResponse<String> post(String path, String token, String json) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .header("Accept-Language", "en").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * A value a problem quotes back is clamped to a hundred characters and an ellipsis, whichever rule refused it (the
   * domain's sentence for a cursor or a number, the web layer's for a parameter of the wrong type, the page's
   * error): a cursor of 5,000 characters came back whole.
   */
  @Test
  void aProblemQuotesAHugeValueClampedToAHundredCharacters() throws Exception {
    String huge = "Z".repeat(5000);
    for (String query : List.of("/api/v1/groups/phost/meetings/open/contributions?cursor=" + huge,
        "/api/v1/groups/phost/meetings/open/contributions?limit=" + huge,
        "/t/fg/phost/docs/open/in.zip?since=" + huge)) {
      for (String accept : List.of("application/json", "text/html")) {
        if (query.startsWith("/api") && accept.equals("text/html")) {
          continue;
        }
        HttpResponse<String> answer = get(query, accept);
        assertThat(answer.statusCode()).as(query.substring(0, 60) + " " + accept).isEqualTo(400);
        assertThat(answer.body()).as(query.substring(0, 60) + " " + accept).doesNotContain("Z".repeat(101));
        if (query.contains("cursor")) { // the sentence names the cursor it could not read
          assertThat(answer.body()).contains("Z".repeat(100) + "…");
        }
      }
    }
    HttpResponse<String> contribution = get("/api/v1/contributions/FG-Phost-I-" + "9".repeat(5000), "application/json");
    assertThat(contribution.statusCode()).isBetween(400, 404);
    // The problem's instance is the request's own path; its sentence quotes the number clamped.
    assertThat(contribution.body().replaceAll("\"instance\":\"[^\"]*\"", "")).doesNotContain("9".repeat(101))
        .contains("9".repeat(80) + "…");
  }

  private HttpResponse<String> get(String path, String accept, String... headers) throws Exception {
    var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Accept", accept);
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
