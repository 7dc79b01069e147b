package org.plenary.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenary.DemoMeetings;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a fuzzer (Schemathesis and the like) or a validator (swagger-request-validator) does to every operation of
 * {@code /v3/api-docs}, over a real port, as the secretariat (allowed nearly everything): malformed bodies, media
 * types it does not take or cannot give, bad query values, HEAD for every GET, methods no operation has, a trailing
 * slash and unknown routes. Every answer's status is one the description declares for that operation, and every
 * refusal is an RFC 9457 problem with a sentence: never Spring's default error JSON, Tomcat's page, nor a 500.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
    "server.port=0", "server.address=127.0.0.1",
    "spring.datasource.url=jdbc:h2:mem:plenary-api-conformance;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}"})
@ActiveProfiles("demo")
@Import(ApiTokens.class)
class ApiConformanceTests {

  private static final Pattern PATH_VARIABLE = Pattern.compile("\\{(\\w+)}");
  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

  private final HttpClient http = HttpClient.newHttpClient();
  private final JsonMapper json = JsonMapper.builder().build();
  @LocalServerPort int port;
  @Autowired ApiTokens tokens;
  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired org.plenary.account.AccountDirectory accounts;
  private JsonNode paths;
  private String code;
  private String token;
  private final List<String> faults = new ArrayList<>();

  @BeforeEach
  void description() throws Exception {
    paths = json.readTree(send(HttpRequest.newBuilder(uri("/v3/api-docs")).GET()).body()).get("paths");
    code = DemoMeetings.upcoming(groups, meetings);
    token = tokens.bearer("tsb");
  }

  @Test
  void malformedBodiesAreRefusedWithADeclaredProblem() throws Exception {
    for (Op op : operations()) {
      if (op.body() == null) {
        continue;
      }
      boolean multipart = op.body().has("multipart/form-data");
      String type = multipart ? "multipart/form-data; boundary=x" : "application/json";
      check(op, "wrong Content-Type", call(op).header("Content-Type", "text/plain")
          .method(op.method(), HttpRequest.BodyPublishers.ofString("x")), Set.of(415));
      for (String other : List.of("application/xml", "application/yaml", "application/cbor", "application/x-jackson-smile")) {
        check(op, "Content-Type " + other, call(op).header("Content-Type", other)
            .method(op.method(), HttpRequest.BodyPublishers.ofString("title: x")), Set.of(415));
      }
      check(op, "broken body", call(op).header("Content-Type", type)
          .method(op.method(), HttpRequest.BodyPublishers.ofString("{\"title\":")), Set.of(400));
      check(op, "no body", call(op).header("Content-Type", type)
          .method(op.method(), HttpRequest.BodyPublishers.noBody()),
          op.node().get("requestBody").path("required").asBoolean(false) ? Set.of(400) : null);
      if (!multipart) {
        check(op, "wrong types", call(op).header("Content-Type", type)
            .method(op.method(), HttpRequest.BodyPublishers.ofString("[1,2]")), Set.of(400));
        check(op, "a string for an object", call(op).header("Content-Type", type)
            .method(op.method(), HttpRequest.BodyPublishers.ofString("\"x\"")), Set.of(400));
        String big = "{\"title\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}";
        check(op, "oversize", call(op).header("Content-Type", type)
            .method(op.method(), HttpRequest.BodyPublishers.ofString(big)), Set.of(413));
      }
    }
    assertThat(faults).isEmpty();
  }

  @Test
  void readsAnswerAcceptTheyCannotGiveAndBadQueryValuesWithADeclaredProblem() throws Exception {
    for (Op op : operations()) {
      if (!op.method().equals("GET")) {
        continue;
      }
      check(op, "Accept: image/png", call(op).header("Accept", "image/png").GET(), Set.of(406, 404, 400));
      for (String language : List.of("en", "fr", "es", "ru", "zh", "ar")) {
        HttpResponse<String> refused = send(call(op).header("Accept", "image/png").header("Accept-Language", language).GET());
        if (refused.statusCode() != 406) {
          continue;
        }
        // The sentence says what the operation does answer in (a PDF, CSV or calendar as well as a JSON one).
        String detail = json.readTree(refused.body()).path("detail").asString("");
        boolean says = false;
        for (String type : op.node().get("responses").path("200").path("content").propertyNames()) {
          says |= detail.contains(type);
        }
        if (!says || detail.equals(json.readTree(send(call(op).header("Accept", "image/png")
            .header("Accept-Language", language.equals("en") ? "fr" : "en").GET()).body()).path("detail").asString(""))) {
          faults.add(op + " [Accept: image/png, Accept-Language: " + language + "] 406 does not say in its language what it"
              + " answers in: " + detail);
        }
      }
      for (String other : List.of("application/xml", "application/yaml", "application/cbor", "text/plain")) {
        HttpResponse<String> answer = send(call(op).header("Accept", other).GET());
        String type = answer.headers().firstValue("Content-Type").orElse("").replaceAll(";.*", "");
        JsonNode content = op.node().get("responses").path(String.valueOf(answer.statusCode())).path("content");
        if (answer.statusCode() < 300 && !content.has(type)) {
          faults.add(op + " [Accept: " + other + "] answered " + answer.statusCode() + " in " + type + ", not declared");
        } else if (answer.statusCode() >= 400) {
          problem(op + " [Accept: " + other + "]", answer, answer.statusCode());
        }
      }
      for (JsonNode parameter : op.node().path("parameters")) {
        if (!parameter.path("in").asString("").equals("query")) {
          continue;
        }
        String name = parameter.get("name").asString();
        for (String bad : List.of("zz-not-a-value", "-1", "99999999999999999999", "")) {
          check(op, "?" + name + "=" + bad, HttpRequest.newBuilder(uri(concrete(op.path()) + "?" + name + "=" + bad))
              .header("Authorization", token).GET(), null);
        }
      }
    }
    assertThat(faults).isEmpty();
  }

  /** The parameters that page a list, with values no page can have. */
  private static final java.util.Map<String, List<String>> PAGING = java.util.Map.of(
      "limit", List.of("0", "-1", "1001", "99999999999999999999", "zz"),
      "page", List.of("0", "-1", "99999999999999999999", "zz"),
      "cursor", List.of("zz", "-1", "99999999999999999999", "MTIzNDU2Nzg5MA", "1.2.3"),
      "since", List.of("zz", "-1", "99999999999999999999"),
      "after", List.of("zz", "FG-Other-I-0001"));

  @Test
  void everyPagedListRefusesABadPagingValueWithAProblemNamingTheParameter() throws Exception {
    int paged = 0;
    for (Op op : operations()) {
      if (!op.method().equals("GET")) {
        continue;
      }
      for (JsonNode parameter : op.node().path("parameters")) {
        String name = parameter.path("name").asString("");
        if (!parameter.path("in").asString("").equals("query") || !PAGING.containsKey(name)) {
          continue;
        }
        paged++;
        for (String bad : PAGING.get(name)) {
          String where = op + " [?" + name + "=" + bad + "]";
          HttpResponse<String> answer = send(HttpRequest.newBuilder(uri(concrete(op.path()) + "?" + name + "="
              + java.net.URLEncoder.encode(bad, StandardCharsets.UTF_8))).header("Authorization", token).GET());
          if (answer.statusCode() != 400) {
            faults.add(where + " answered " + answer.statusCode() + ": " + abbreviated(answer.body()));
            continue;
          }
          problem(where, answer, 400);
          boolean named = false;
          for (JsonNode error : json.readTree(answer.body()).path("errors")) {
            named |= error.path("field").asString("").equals(name);
          }
          if (!named) {
            faults.add(where + " does not name " + name + ": " + abbreviated(answer.body()));
          }
        }
      }
    }
    assertThat(paged).as("paging parameters in the description").isGreaterThanOrEqualTo(3);
    assertThat(faults).isEmpty();
  }

  /**
   * Every list operation of the description (a GET answering an array, or a page of changes or hits) is paged alike:
   * {@code Link: <…>; rel="next"} while there is a next page, and following the links with a small {@code limit} goes
   * to the end, each entry once, and finds the same entries as one big page (the register of the upcoming meeting, the
   * group's changes and a search, after three documents were allocated, uploaded and published; groups, meetings,
   * organizations, accounts, registrations, terms… as the demo holds them; a visa request's re-issue requests, two
   * made for it).
   */
  @Test
  void everyListIsPagedAndItsLinksWalkedWithASmallLimitFindWhatOneBigPageHolds() throws Exception {
    // More than a search page (20) of hits, three of them published: changes in the group's folders.
    for (int i = 0; i < 23; i++) {
      HttpResponse<String> allocated = send(HttpRequest.newBuilder(uri("/api/v1/groups/cloud/meetings/" + code
          + "/contributions")).header("Authorization", token).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"title\": \"Pagewalk plan " + i + "\", \"source\": \"Walkers\"}")));
      assertThat(allocated.statusCode()).as(allocated.body()).isEqualTo(201);
      String number = json.readTree(allocated.body()).get("number").asString();
      if (i >= 3) {
        continue;
      }
      String multipart = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + number
          + ".txt\"\r\nContent-Type: text/plain\r\n\r\nPagewalk text " + i + "\r\n--b--\r\n";
      assertThat(send(HttpRequest.newBuilder(uri("/api/v1/contributions/" + number + "/files"))
          .header("Authorization", token).header("Content-Type", "multipart/form-data; boundary=b")
          .POST(HttpRequest.BodyPublishers.ofString(multipart))).statusCode()).isEqualTo(201);
      assertThat(send(HttpRequest.newBuilder(uri("/api/v1/contributions/" + number + "/publish"))
          .header("Authorization", token).POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(200);
    }
    for (int wait = 0; wait < 100 && json.readTree(send(HttpRequest.newBuilder(uri("/api/v1/search?q=Pagewalk"))
        .header("Authorization", token).GET()).body()).path("total").asLong() < 23; wait++) {
      Thread.sleep(100);
    }
    for (String term : List.of("Pagewalk cloud", "Pagewalk grid")) {
      HttpResponse<String> created = send(HttpRequest.newBuilder(uri("/api/v1/groups/cloud/terms")).header("Authorization", token)
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
              "{\"term\": \"" + term + "\", \"definition\": \"A word to walk the pages with.\"}")));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }
    String published = json.readTree(send(HttpRequest.newBuilder(uri("/api/v1/groups/cloud/meetings/" + code
        + "/contributions?limit=1")).GET()).body()).get(0).get("number").asString();
    int walked = 0;
    int lists = 0;
    for (Op op : operations()) {
      var names = new java.util.HashSet<String>();
      op.node().path("parameters").forEach(p -> names.add(p.path("name").asString("")));
      if (!op.method().equals("GET") || !lists(op)) {
        continue;
      }
      lists++;
      if (!names.contains("limit")) {
        faults.add(op + " answers a list and takes no limit");
        continue;
      }
      boolean search = names.contains("page");
      String base = listed(op.path(), published) + (search ? "?q=Pagewalk&" : "?");
      String first = base + "limit=" + (search ? 2 : 1);
      List<String> walk = walk(op, first);
      List<String> whole = walk(op, base + "limit=" + (search ? 100 : 1000));
      if (walk == null || whole == null) {
        continue;
      }
      if (!new java.util.HashSet<>(walk).equals(new java.util.HashSet<>(whole))) {
        faults.add(op + " walked from " + first + " found " + walk.size() + " entries, one big page " + whole.size());
      }
      walked += walk.size() > (search ? 2 : 1) ? 1 : 0;
    }
    assertThat(lists).as("list operations in the description").isGreaterThanOrEqualTo(15);
    assertThat(walked).as("lists long enough to need a second page").isGreaterThanOrEqualTo(7);
    assertThat(faults).isEmpty();
  }

  /**
   * A visa request with an approved letter and two re-issue requests (one withdrawn, one open), for the walk of its
   * re-issue requests (the demo holds no visa request): a participant of a Sector Member of its own, registered for
   * the upcoming meeting and approved, files the request, the secretariat approves the letter, the participant asks
   * for a re-issue, withdraws it and asks again.
   */
  private String visaWithReissueRequests() {
    String username = "walker" + System.nanoTime() % 1_000_000;
    var organization = accounts.find("bob").orElseThrow().organizationId();
    accounts.create(new org.plenary.account.NewAccount(username, username + "@example.org", "Walker " + username,
        organization, "FR", Set.of()), username + "-pass", false);
    String participant = tokens.bearer(username);
    HttpResponse<String> registered = send(HttpRequest.newBuilder(uri("/api/v1/groups/cloud/meetings/" + code
        + "/registrations")).header("Authorization", participant).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"fullName\": \"Walker\", \"email\": \"w@example.org\","
            + " \"organizationId\": " + organization.value() + ", \"countryCode\": \"FR\", \"attendance\": \"IN_PERSON\"}")));
    assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
    String registration = json.readTree(registered.body()).get("id").asString();
    assertThat(send(HttpRequest.newBuilder(uri("/api/v1/registrations/" + registration + "/approve"))
        .header("Authorization", token).POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(200);
    HttpResponse<String> filed = send(HttpRequest.newBuilder(uri("/api/v1/registrations/" + registration + "/visa"))
        .header("Authorization", participant).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("""
            {"fullName": "Walker", "function": "Engineer", "birthDate": "1980-02-29", "birthPlace": "Lyon",
             "nationality": "French", "passportNumber": "X1234567", "issuingCountry": "France", "issuedOn": "2020-01-01",
             "expiresOn": "%s", "mission": "Embassy of Switzerland in Paris"}""".formatted(
            java.time.LocalDate.now().plusYears(3)))));
    assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
    String visa = json.readTree(filed.body()).path("request").path("id").asString();
    HttpResponse<String> approved = send(HttpRequest.newBuilder(uri("/api/v1/visa/" + visa + "/approve"))
        .header("Authorization", token).POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    for (String reason : List.of("My passport was renewed.", "Renewed again.")) {
      HttpResponse<String> asked = send(HttpRequest.newBuilder(uri("/api/v1/visa/" + visa + "/reissue-requests"))
          .header("Authorization", participant).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"reason\": \"" + reason + "\"}")));
      assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
      if (reason.startsWith("My")) {
        String ask = asked.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
        assertThat(send(HttpRequest.newBuilder(uri("/api/v1/visa/" + visa + "/reissue-requests/" + ask + "/withdraw"))
            .header("Authorization", participant).POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(200);
      }
    }
    return visa;
  }

  /**
   * The path with real values: a contribution's number ({@code published}, which has an audit trail), and any other id
   * the first entry of the list before it (a term's history: the first term of the group's terms).
   */
  private String listed(String path, String published) {
    if (path.startsWith("/api/v1/visa/{id}/")) {
      return path.replace("{id}", visaWithReissueRequests());
    }
    String concrete = path.replace("{number}", published);
    Matcher id = Pattern.compile("\\{id}").matcher(concrete);
    if (id.find()) {
      String list = concrete(concrete.substring(0, id.start() - 1));
      JsonNode entries = json.readTree(send(HttpRequest.newBuilder(uri(list)).header("Authorization", token).GET()).body());
      concrete = concrete.substring(0, id.start()) + (entries.isArray() && !entries.isEmpty()
          ? entries.get(0).get("id").asString() : "999999") + concrete.substring(id.end());
    }
    return concrete(concrete);
  }

  /** Whether the operation answers a list: an array, or a page of changes or hits. */
  private static boolean lists(Op op) {
    JsonNode schema = op.node().path("responses").path("200").path("content").path("application/json").path("schema");
    String ref = schema.path("$ref").asString("");
    return schema.path("type").asString("").equals("array") || ref.endsWith("/Page") || ref.endsWith("/SearchResults");
  }

  /** The entries of the list from {@code first} to the end, following each {@code Link}; null (and a fault) if a page fails. */
  private List<String> walk(Op op, String first) {
    var seen = new ArrayList<String>();
    String next = first;
    int pages = 0;
    while (next != null) {
      HttpResponse<String> answer = send(HttpRequest.newBuilder(uri(next)).header("Authorization", token).GET());
      if (answer.statusCode() != 200) {
        faults.add(op + " page " + next + " answered " + answer.statusCode() + ": " + abbreviated(answer.body()));
        return null;
      }
      JsonNode body = json.readTree(answer.body());
      JsonNode entries = body.isArray() ? body : body.has("changes") ? body.get("changes") : body.path("hits");
      for (JsonNode entry : entries) {
        String key = entry.has("number") && !body.has("changes") ? entry.get("number").asString() : entry.toString();
        if (seen.contains(key)) {
          faults.add(op + " listed " + key + " twice (page " + next + ")");
        }
        seen.add(key);
      }
      String link = answer.headers().firstValue("Link").orElse(null);
      if (link != null && !link.matches("<([^>]+)>; rel=\"next\"")) {
        faults.add(op + " Link is not one next page: " + link);
        return null;
      }
      next = link == null ? null : link.replaceAll("<([^>]+)>.*", "$1");
      if (next != null && entries.isEmpty()) {
        faults.add(op + " an empty page " + first + " names a next one");
      }
      if (++pages > 1000) {
        faults.add(op + " pages never end");
        return null;
      }
    }
    return seen;
  }

  /**
   * A row added while a client pages through a list comes where its key puts it, and no row it held is skipped or
   * given twice: of two organizations added after the first page (the list's order is by name), the one whose name
   * sorts after it comes last, the one whose name sorts first before the page given comes on no later page.
   */
  @Test
  void aRowAddedBetweenPagesIsNeitherSkippedNorGivenTwice() throws Exception {
    HttpResponse<String> first = send(HttpRequest.newBuilder(uri("/api/v1/organizations?limit=2")).GET());
    var seen = new ArrayList<String>();
    json.readTree(first.body()).forEach(o -> seen.add(o.get("name").asString()));
    int before = json.readTree(send(HttpRequest.newBuilder(uri("/api/v1/organizations?limit=1000")).GET()).body()).size();
    assertThat(before).isGreaterThan(3);
    for (String name : List.of("AAA Added Between Pages", "ZZZ Added Between Pages")) {
      HttpResponse<String> added = send(HttpRequest.newBuilder(uri("/api/v1/organizations")).header("Authorization", token)
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
              "{\"name\": \"" + name + "\", \"category\": \"SECTOR_MEMBER\", \"countryCode\": \"CH\"}")));
      assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
    }
    String next = first.headers().firstValue("Link").orElseThrow().replaceAll("<([^>]+)>.*", "$1");
    while (next != null) {
      HttpResponse<String> page = send(HttpRequest.newBuilder(uri(next)).GET());
      assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
      json.readTree(page.body()).forEach(o -> seen.add(o.get("name").asString()));
      next = page.headers().firstValue("Link").map(link -> link.replaceAll("<([^>]+)>.*", "$1")).orElse(null);
    }
    assertThat(seen).doesNotHaveDuplicates().hasSize(before + 1).contains("ZZZ Added Between Pages")
        .doesNotContain("AAA Added Between Pages");
  }

  /**
   * A refusal of any kind (a problem of the API, 404, 400, 406, 415, 405, an error page) carries no
   * {@code Content-Disposition}: Spring's guard against reflected downloads named them "f.txt" when the path ended in
   * an extension it does not know.
   */
  @Test
  void refusalsOfEveryKindCarryNoDownloadName() throws Exception {
    var refused = new java.util.LinkedHashMap<String, HttpRequest.Builder>();
    refused.put("unknown API route", HttpRequest.newBuilder(uri("/api/v1/nothing.exe")).GET());
    refused.put("unknown contribution", HttpRequest.newBuilder(uri("/api/v1/contributions/FG-Cloud-I-9999.bat")).GET());
    refused.put("path parameter", HttpRequest.newBuilder(uri("/api/v1/contributions/FG-Cloud-I-9999;x.cmd")).GET());
    refused.put("unknown account", HttpRequest.newBuilder(uri("/api/v1/accounts/no.body")).header("Authorization", token).GET());
    refused.put("no token", HttpRequest.newBuilder(uri("/api/v1/accounts/no.body")).GET());
    refused.put("406", HttpRequest.newBuilder(uri("/api/v1/groups/cloud.exe")).header("Accept", "image/png").GET());
    refused.put("415", HttpRequest.newBuilder(uri("/api/v1/accounts/no.body/roles")).header("Authorization", token)
        .header("Content-Type", "text/plain").PUT(HttpRequest.BodyPublishers.ofString("x")));
    refused.put("405", HttpRequest.newBuilder(uri("/api/v1/groups/cloud.exe")).DELETE());
    refused.put("400", HttpRequest.newBuilder(uri("/api/v1/groups;x.exe?limit=0")).GET());
    refused.put("error page", HttpRequest.newBuilder(uri("/groups/nothing.exe")).header("Accept", "text/html").GET());
    refused.put("error page of a meeting", HttpRequest.newBuilder(uri("/groups/cloud/meetings/none.bat"))
        .header("Accept", "text/html").GET());
    refused.forEach((kind, request) -> {
      HttpResponse<String> answer = send(request);
      if (answer.statusCode() < 400) {
        faults.add(kind + " answered " + answer.statusCode());
      }
      answer.headers().firstValue("Content-Disposition").ifPresent(header ->
          faults.add(kind + " (" + answer.statusCode() + ") carries Content-Disposition: " + header));
    });
    assertThat(faults).isEmpty();
  }

  @Test
  void headAnswersEveryReadAsItsGetDoesWithoutABody() throws Exception {
    for (Op op : operations()) {
      if (!op.method().equals("GET")) {
        continue;
      }
      HttpResponse<String> get = send(call(op).GET());
      HttpResponse<String> head = send(call(op).method("HEAD", HttpRequest.BodyPublishers.noBody()));
      if (head.statusCode() != get.statusCode()) {
        faults.add(op + " HEAD answered " + head.statusCode() + ", GET " + get.statusCode());
      }
      if (!head.body().isEmpty()) {
        faults.add(op + " HEAD sent a body");
      }
    }
    assertThat(faults).isEmpty();
  }

  @Test
  void methodsNoOperationHasAre405WithAllowAndAProblem() throws Exception {
    paths.properties().forEach(path -> {
      var declared = new java.util.TreeSet<String>();
      path.getValue().properties().forEach(op -> declared.add(op.getKey().toUpperCase()));
      for (String method : METHODS) {
        if (declared.contains(method) || answeredByAnother(method, path.getKey())) {
          continue;
        }
        Op op = new Op(method, path.getKey(), null);
        HttpResponse<String> answer = send(call(op).header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString("{}")));
        if (answer.statusCode() != 405) {
          faults.add(op + " answered " + answer.statusCode() + " " + answer.body());
          continue;
        }
        String allow = answer.headers().firstValue("Allow").orElse("");
        for (String m : declared) {
          if (!allow.contains(m)) {
            faults.add(op + " Allow: " + allow + " lacks " + m);
          }
        }
        problem(op + " 405", answer, 405);
      }
    });
    assertThat(faults).isEmpty();
  }

  @Test
  void aTrailingSlashAndAnUnknownRouteAreProblem404s() throws Exception {
    for (Op op : operations()) {
      if (!op.method().equals("GET")) {
        continue;
      }
      HttpResponse<String> answer = send(HttpRequest.newBuilder(uri(concrete(op.path()) + "/"))
          .header("Authorization", token).GET());
      if (answer.statusCode() != 404) {
        faults.add(op + " with a trailing slash answered " + answer.statusCode());
      } else {
        problem(op + " with a trailing slash", answer, 404);
      }
    }
    for (String unknown : List.of("/api/v1/nothing-here", "/api/v1/", "/api/v1", "/api/v1/groups/cloud/nothing",
        "/api/v2/groups", "/api/v1/groups/cloud/meetings/" + "x".repeat(300))) {
      for (String accept : List.of("application/json", "*/*", "text/html")) {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri(unknown)).header("Accept", accept).GET());
        if (answer.statusCode() != 404) {
          faults.add(unknown + " (" + accept + ") answered " + answer.statusCode());
        } else {
          problem(unknown + " (" + accept + ")", answer, 404);
        }
      }
    }
    assertThat(faults).isEmpty();
  }

  /**
   * Every text of every JSON body, nested ones too, sent 10,000 characters long (and one character past its
   * {@code maxLength} when the description gives one) is refused before it reaches a column and before anything else
   * is read: a 400 problem whose {@code errors} name the field, never a 404 for the resource first (a decision's
   * reason was read only once its registration was found), never a 500 from the database.
   */
  @Test
  void everyTextOfABodyTooLongIsAProblemNamingIt() throws Exception {
    JsonNode schemas = json.readTree(send(HttpRequest.newBuilder(uri("/v3/api-docs")).GET()).body())
        .path("components").path("schemas");
    for (Op op : operations()) {
      JsonNode media = op.body() == null ? null : op.body().get("application/json");
      if (media == null) {
        continue;
      }
      var texts = new ArrayList<TextField>();
      texts(schemas, media.path("schema"), "", texts, 0);
      for (TextField text : texts) {
        // 10,000 is too long only for a text without a bound, or with a smaller one: a text without one is a fault.
        var lengths = new java.util.TreeSet<Integer>();
        if (text.maxLength() <= 0 || text.maxLength() < 10_000) {
          lengths.add(10_000);
        }
        if (text.maxLength() > 0) {
          lengths.add(text.maxLength() + 1);
        }
        for (int length : lengths) {
          String body = text.body("x".repeat(length));
          HttpResponse<String> answer = send(call(op).header("Content-Type", "application/json")
              .method(op.method(), HttpRequest.BodyPublishers.ofString(body)));
          String where = op + " [" + text.path() + " of " + length + "]";
          int status = answer.statusCode();
          // Before anything else is read: not a 404 for the resource the path names, a 403, a 409 or a 412 first.
          if (status != 400) {
            faults.add(where + " answered " + status + ", not 400 naming it: " + abbreviated(answer.body()));
            continue;
          }
          problem(where, answer, status);
          String top = text.path().replaceAll("[.\\[].*", "");
          if (status == 400 && !Pattern.compile("\"field\"\\s*:\\s*\"" + Pattern.quote(top)).matcher(answer.body()).find()) {
            faults.add(where + " answered 400 without naming the field: " + abbreviated(answer.body()));
          }
        }
      }
    }
    assertThat(faults).isEmpty();
  }

  /**
   * Every bounded text of every body is taken at exactly its {@code maxLength} (refused, if at all, for another reason:
   * the other fields this body lacks, a format) and refused one character past it naming the field: the bound the
   * description gives is the server's, not one more nor one less. Counted in characters of the Basic Multilingual Plane
   * ({@code x}), where UTF-16 units and code points agree.
   */
  @Test
  void everyBoundedTextIsTakenAtExactlyItsMaxLengthAndRefusedOnePast() throws Exception {
    assertThat(boundedTextsWalked("x")).as("bounded texts of bodies").isGreaterThanOrEqualTo(100);
    assertThat(faults).isEmpty();
  }

  /**
   * The same walk in characters beyond U+FFFF ({@code 𠀀}, two UTF-16 units each): JSON Schema's {@code maxLength}
   * counts code points, and so does every bound of the server ({@code shared.CodePoints}); counted in UTF-16 units, as
   * {@code @Size} and H2 did, half the described length was refused as too long.
   */
  @Test
  void everyBoundedTextCountsCharactersBeyondTheBasicPlaneAsOne() throws Exception {
    assertThat(boundedTextsWalked("\uD840\uDC00")).as("bounded texts of bodies").isGreaterThanOrEqualTo(100);
    assertThat(faults).isEmpty();
  }

  /** Walks every bounded text of every body with {@code unit} (one character) repeated; how many it walked. */
  private int boundedTextsWalked(String unit) throws Exception {
    JsonNode schemas = json.readTree(send(HttpRequest.newBuilder(uri("/v3/api-docs")).GET()).body())
        .path("components").path("schemas");
    int walked = 0;
    for (Op op : operations()) {
      JsonNode media = op.body() == null ? null : op.body().get("application/json");
      if (media == null) {
        continue;
      }
      var texts = new ArrayList<TextField>();
      texts(schemas, media.path("schema"), "", texts, 0);
      for (TextField text : texts) {
        // A password's bound is bcrypt's 72 bytes, which no JSON Schema keyword counts: its description says so.
        if (text.maxLength() <= 0 || text.maxLength() > 200_000 || text.inBytes() && !unit.equals("x")) {
          continue;
        }
        walked++;
        String where = op + " [" + text.path() + " of " + text.maxLength() + " " + unit + "]";
        // The sentences naming it one past its bound that a short value does not get (an e-mail or a zone's own).
        var tooLong = new java.util.HashSet<>(messages(op, text, unit.repeat(text.maxLength() + 1)));
        tooLong.removeAll(messages(op, text, unit));
        if (tooLong.isEmpty()) {
          faults.add(where + " one past its bound is not refused naming it");
          continue;
        }
        HttpResponse<String> at = send(call(op).header("Content-Type", "application/json")
            .method(op.method(), HttpRequest.BodyPublishers.ofString(text.body(unit.repeat(text.maxLength())))));
        for (JsonNode error : json.readTree(at.body()).path("errors")) {
          if (error.path("field").asString("").equals(text.path()) && tooLong.contains(error.path("message").asString())) {
            faults.add(where + " at exactly its bound is refused as too long: " + abbreviated(at.body()));
          }
        }
        if (at.statusCode() >= 500) {
          faults.add(where + " at exactly its bound answered " + at.statusCode());
        }
      }
    }
    return walked;
  }

  /** The sentences of the problem that name the text's field when it is sent {@code value}. */
  private java.util.Set<String> messages(Op op, TextField text, String value) {
    var found = new java.util.HashSet<String>();
    for (JsonNode error : json.readTree(send(call(op).header("Content-Type", "application/json")
        .method(op.method(), HttpRequest.BodyPublishers.ofString(text.body(value)))).body()).path("errors")) {
      if (error.path("field").asString("").equals(text.path())) {
        found.add(error.path("message").asString());
      }
    }
    return found;
  }

  /**
   * Every list of texts of every body has a bound on its items ({@code maxItems}) and, sent that many items each at
   * its {@code maxLength} (more than most columns holding a list joined take), is stored whole or refused naming the
   * list: never a 400 from the database naming nothing, never a 5xx. A list without {@code maxItems} is a fault.
   */
  @Test
  void everyListOfTextsIsBoundedInItemsAndTogether() throws Exception {
    JsonNode schemas = json.readTree(send(HttpRequest.newBuilder(uri("/v3/api-docs")).GET()).body())
        .path("components").path("schemas");
    int walked = 0;
    for (Op op : operations()) {
      JsonNode media = op.body() == null ? null : op.body().get("application/json");
      if (media == null) {
        continue;
      }
      var lists = new ArrayList<TextList>();
      lists(schemas, media.path("schema"), "", lists, 0);
      for (TextList list : lists) {
        String where = op + " [" + list.path() + "]";
        if (list.maxItems() <= 0) {
          faults.add(where + " has no maxItems");
          continue;
        }
        walked++;
        int each = list.maxLength() > 0 ? list.maxLength() : 10_000;
        for (int count : new int[] {list.maxItems(), list.maxItems() + 1}) {
          String items = String.join(",", java.util.Collections.nCopies(count, "\"" + "x".repeat(each) + "\""));
          String body = "{\"" + list.path() + "\":[" + items + "]}";
          HttpResponse<String> answer = send(call(op).header("Content-Type", "application/json")
              .method(op.method(), HttpRequest.BodyPublishers.ofString(body)));
          int status = answer.statusCode();
          if (status >= 500 || count > list.maxItems() && status < 400) {
            faults.add(where + " of " + count + " items answered " + status + ": " + abbreviated(answer.body()));
            continue;
          }
          // At its bound the list may be refused for the other fields this body lacks (all named, Bean Validation
          // reads every rule), never by the database naming nothing; past it, it is named itself.
          String named = count > list.maxItems() ? Pattern.quote(list.path()) : "";
          if (status == 400 && !Pattern.compile("\"field\"\\s*:\\s*\"" + named).matcher(answer.body()).find()) {
            faults.add(where + " of " + count + " items answered 400 without naming it: " + abbreviated(answer.body()));
          }
        }
      }
    }
    assertThat(walked).as("lists of texts in the description").isGreaterThanOrEqualTo(5);
    assertThat(faults).isEmpty();
  }

  /** A top-level list of texts of a body: its name, its {@code maxItems} and its items' {@code maxLength}. */
  private record TextList(String path, int maxItems, int maxLength) {}

  private static void lists(JsonNode schemas, JsonNode schema, String path, List<TextList> found, int depth) {
    if (schema.has("$ref")) {
      schema = schemas.path(schema.get("$ref").asString().replaceAll(".*/", ""));
    }
    for (JsonNode part : schema.path("allOf")) {
      lists(schemas, part, path, found, depth + 1);
    }
    if (depth > 0) {
      return;
    }
    schema.path("properties").properties().stream().filter(p -> written(p.getValue())).forEach(p -> {
      JsonNode property = p.getValue();
      JsonNode items = property.path("items");
      if (items.has("$ref")) {
        items = schemas.path(items.get("$ref").asString().replaceAll(".*/", ""));
      }
      if (property.path("type").asString("").equals("array") && items.path("type").asString("").equals("string")
          && !items.has("enum") && !items.path("format").asString("").startsWith("date")) {
        found.add(new TextList(p.getKey(), property.path("maxItems").asInt(0), items.path("maxLength").asInt(0)));
      }
    });
  }

  /** A text property of a body: its path ({@code items[0].title}), its bound, and a body holding only it. */
  private record TextField(String path, int maxLength, boolean inBytes) {

    TextField(String path, int maxLength) {
      this(path, maxLength, false);
    }
    String body(String value) {
      String quoted = "\"" + value + "\"";
      String[] steps = path.split("\\.");
      String inner = quoted;
      for (int i = steps.length - 1; i >= 0; i--) {
        String step = steps[i];
        boolean list = step.endsWith("[0]");
        String name = list ? step.substring(0, step.length() - 3) : step;
        String valueOf = list ? "[" + inner + "]" : inner;
        inner = name.isEmpty() ? valueOf : "{\"" + name + "\":" + valueOf + "}";
      }
      return inner;
    }
  }

  private static void texts(JsonNode schemas, JsonNode schema, String path, List<TextField> found, int depth) {
    if (depth > 6) {
      return;
    }
    if (schema.has("$ref")) {
      schema = schemas.path(schema.get("$ref").asString().replaceAll(".*/", ""));
    }
    for (JsonNode part : schema.path("allOf")) {
      texts(schemas, part, path, found, depth + 1);
    }
    String type = schema.path("type").asString("");
    if (type.equals("string") && !schema.has("enum")
        && !schema.path("format").asString("").startsWith("date")) {
      found.add(new TextField(path, schema.path("maxLength").asInt(0),
          schema.path("description").asString("").contains("bytes in UTF-8")));
    } else if (type.equals("array")) {
      texts(schemas, schema.path("items"), path + "[0]", found, depth + 1);
    } else {
      schema.path("properties").properties().stream().filter(p -> written(p.getValue())).forEach(p ->
          texts(schemas, p.getValue(), path.isEmpty() ? p.getKey() : path + "." + p.getKey(), found, depth + 1));
    }
  }

  /**
   * Every JSON body of every write, and every object nested in one, refuses a property its request does not take (a
   * misspelt {@code titel}, {@code expiresAt} sent to the token API): a 400 problem whose {@code errors} name it where it
   * stands ({@code leaders[0].expiresAt}), never an answer that let the client believe it set something.
   */
  @Test
  void everyWriteRefusesAPropertyItDoesNotTakeNamingIt() throws Exception {
    JsonNode schemas = json.readTree(send(HttpRequest.newBuilder(uri("/v3/api-docs")).GET()).body())
        .path("components").path("schemas");
    int walked = 0;
    for (Op op : operations()) {
      JsonNode media = op.body() == null ? null : op.body().get("application/json");
      if (media == null) {
        continue;
      }
      var objects = new ArrayList<TextField>();
      objects(schemas, media.path("schema"), "", objects, 0);
      for (TextField object : objects) {
        walked++;
        HttpResponse<String> answer = send(call(op).header("Content-Type", "application/json")
            .method(op.method(), HttpRequest.BodyPublishers.ofString(object.body("x"))));
        String where = op + " [" + object.path() + "]";
        if (answer.statusCode() != 400) {
          faults.add(where + " answered " + answer.statusCode() + ", not 400 naming it: " + abbreviated(answer.body()));
          continue;
        }
        problem(where, answer, 400);
        boolean named = false;
        for (JsonNode error : json.readTree(answer.body()).path("errors")) {
          named |= error.path("field").asString("").equals(object.path());
        }
        if (!named) {
          faults.add(where + " answered 400 without naming it: " + abbreviated(answer.body()));
        }
      }
    }
    assertThat(walked).as("objects of bodies in the description").isGreaterThanOrEqualTo(40);
    assertThat(faults).isEmpty();
  }

  /**
   * Every country code and time zone of every body is checked for what it is, not only for its length: a code that is
   * no ISO 3166-1 alpha-2 code ({@code ZZ}, {@code ch}) and a zone that is no region of the zone database (an offset
   * {@code +02:00}, {@code UTC+2}, {@code Mars/Olympus}) are refused naming the field, in the reader's language; the
   * description lists the codes and gives the zone's pattern.
   */
  @Test
  void everyCountryCodeAndTimeZoneIsRefusedUnlessItIsOneNamingIt() throws Exception {
    JsonNode schemas = json.readTree(send(HttpRequest.newBuilder(uri("/v3/api-docs")).GET()).body())
        .path("components").path("schemas");
    var codes = new java.util.TreeSet<>(Set.of(java.util.Locale.getISOCountries()));
    int walked = 0;
    for (Op op : operations()) {
      JsonNode media = op.body() == null ? null : op.body().get("application/json");
      if (media == null) {
        continue;
      }
      var strings = new java.util.LinkedHashMap<String, JsonNode>();
      strings(schemas, media.path("schema"), "", strings, 0);
      for (var string : strings.entrySet()) {
        String name = string.getKey().replaceAll(".*\\.", "");
        List<String> bad = name.equals("countryCode") ? List.of("ZZ", "ch", "C1")
            : name.equals("timeZone") ? List.of("+02:00", "UTC+2", "Mars/Olympus") : List.of();
        if (bad.isEmpty()) {
          continue;
        }
        walked++;
        String where = op + " [" + string.getKey() + "]";
        var described = new java.util.TreeSet<String>();
        string.getValue().path("enum").forEach(code -> described.add(code.asString()));
        if (name.equals("countryCode") && !described.equals(codes)) {
          faults.add(where + " does not list the ISO 3166-1 codes: " + described.size() + " values");
        }
        if (name.equals("timeZone") && (!string.getValue().has("pattern")
            || !"Europe/Zurich".matches(string.getValue().get("pattern").asString().replaceAll("^\\^|\\$$", "")))) {
          faults.add(where + " has no pattern a zone matches: " + string.getValue());
        }
        for (String value : bad) {
          var sentences = new java.util.HashSet<String>();
          for (String language : List.of("en", "fr", "es", "ru", "zh", "ar")) {
            HttpResponse<String> answer = send(call(op).header("Content-Type", "application/json")
                .header("Accept-Language", language)
                .method(op.method(), HttpRequest.BodyPublishers.ofString(new TextField(string.getKey(), 0).body(value))));
            String message = null;
            for (JsonNode error : json.readTree(answer.body()).path("errors")) {
              if (error.path("field").asString("").equals(string.getKey())) {
                message = error.path("message").asString();
              }
            }
            if (answer.statusCode() != 400 || message == null) {
              faults.add(where + " " + value + " (" + language + ") answered " + answer.statusCode() + " not naming it: "
                  + abbreviated(answer.body()));
            } else {
              sentences.add(message);
            }
          }
          if (sentences.size() == 1) {
            faults.add(where + " " + value + " is refused in one language only: " + sentences);
          }
        }
      }
    }
    assertThat(walked).as("country codes and time zones of bodies").isGreaterThanOrEqualTo(5);
    assertThat(faults).isEmpty();
  }

  /**
   * Every text of every body declares a {@code pattern}, and it says what the server does with a line break and a
   * control character: sent {@code "first\nsecond"} and {@code "first\u0007second"}, a text whose pattern refuses it is
   * refused naming the field, and one whose pattern takes it is not refused for it (a one-line name, title or code
   * says so; a description, a reason or an address does not).
   */
  @Test
  void everyTextOfABodyDeclaresThePatternTheServerEnforces() throws Exception {
    JsonNode schemas = json.readTree(send(HttpRequest.newBuilder(uri("/v3/api-docs")).GET()).body())
        .path("components").path("schemas");
    int oneLine = 0;
    for (Op op : operations()) {
      JsonNode media = op.body() == null ? null : op.body().get("application/json");
      if (media == null) {
        continue;
      }
      var strings = new java.util.LinkedHashMap<String, JsonNode>();
      strings(schemas, media.path("schema"), "", strings, 0);
      for (var string : strings.entrySet()) {
        JsonNode schema = string.getValue();
        if (schema.has("enum") || schema.has("format")) {
          continue;
        }
        String where = op + " [" + string.getKey() + "]";
        if (!schema.has("pattern")) {
          faults.add(where + " has no pattern");
          continue;
        }
        Pattern declared = Pattern.compile(schema.get("pattern").asString());
        for (String value : List.of("first\nsecond", "first\u0007second")) {
          boolean takes = declared.matcher(value).find();
          oneLine += !takes && value.contains("\n") ? 1 : 0;
          HttpResponse<String> answer = send(call(op).header("Content-Type", "application/json")
              .method(op.method(), HttpRequest.BodyPublishers.ofString(
                  new TextField(string.getKey(), 0).body(value.replace("\n", "\\n").replace("\u0007", "\\u0007")))));
          boolean named = false;
          for (JsonNode error : json.readTree(answer.body()).path("errors")) {
            named |= error.path("field").asString("").equals(string.getKey());
          }
          boolean refused = answer.statusCode() == 400 && named;
          if (takes == refused) {
            faults.add(where + " pattern " + (takes ? "takes " : "refuses ") + value.replace("\n", "\\n")
                .replace("\u0007", "\\u0007") + " but the server answered " + answer.statusCode() + ": "
                + abbreviated(answer.body()));
          }
        }
      }
    }
    assertThat(oneLine).as("one-line texts of bodies").isGreaterThanOrEqualTo(50);
    assertThat(faults).isEmpty();
  }

  /** Every string property of a body, by its path ({@code leaders[0].countryCode}), with its schema. */
  private static void strings(JsonNode schemas, JsonNode schema, String path, java.util.Map<String, JsonNode> found,
      int depth) {
    if (depth > 6) {
      return;
    }
    if (schema.has("$ref")) {
      schema = schemas.path(schema.get("$ref").asString().replaceAll(".*/", ""));
    }
    for (JsonNode part : schema.path("allOf")) {
      strings(schemas, part, path, found, depth + 1);
    }
    String type = schema.path("type").asString("");
    if (type.equals("string")) {
      found.put(path, schema);
    } else if (type.equals("array")) {
      strings(schemas, schema.path("items"), path + "[0]", found, depth + 1);
    } else {
      schema.path("properties").properties().stream().filter(p -> written(p.getValue())).forEach(p ->
          strings(schemas, p.getValue(), path.isEmpty() ? p.getKey() : path + "." + p.getKey(), found, depth + 1));
    }
  }

  /**
   * Whether a body's property is written as itself: not one the server takes back and ignores ({@code readOnly}), nor
   * another name of a property walked under its own ({@code x-another-name-of}).
   */
  private static boolean written(JsonNode property) {
    return !property.path("readOnly").asBoolean(false) && !property.has("x-another-name-of");
  }

  /** A property no object of {@code schema} takes, at the path of each object a body holds ({@code hotels[0].expiresAt}). */
  private static void objects(JsonNode schemas, JsonNode schema, String path, List<TextField> found, int depth) {
    if (depth > 6) {
      return;
    }
    if (schema.has("$ref")) {
      schema = schemas.path(schema.get("$ref").asString().replaceAll(".*/", ""));
    }
    var properties = new java.util.LinkedHashMap<String, JsonNode>();
    java.util.function.Consumer<JsonNode> collect = s -> s.path("properties").properties()
        .forEach(p -> properties.put(p.getKey(), p.getValue()));
    collect.accept(schema);
    for (JsonNode part : schema.path("allOf")) {
      collect.accept(part.has("$ref") ? schemas.path(part.get("$ref").asString().replaceAll(".*/", "")) : part);
    }
    if (schema.path("type").asString("").equals("array")) {
      objects(schemas, schema.path("items"), path + "[0]", found, depth + 1);
      return;
    }
    if (schema.path("additionalProperties").isObject()) {
      objects(schemas, schema.path("additionalProperties"), path + ".fr", found, depth + 1);
    }
    if (properties.isEmpty()) {
      return;
    }
    String unknown = properties.containsKey("expiresAt") ? "titel" : "expiresAt";
    found.add(new TextField(path.isEmpty() ? unknown : path + "." + unknown, 0));
    properties.forEach((name, property) -> {
      if (written(property)) {
        objects(schemas, property, path.isEmpty() ? name : path + "." + name, found, depth + 1);
      }
    });
  }

  /**
   * Every resource that is read (GET) and replaced (PUT) at one address takes back what its GET answered, as it was
   * read, with {@code If-Match}: the properties the PUT does not take (ids, states, computed dates) are accepted and
   * ignored, and the description lists each of them in the PUT's body as {@code readOnly} (or as the name the PUT also
   * reads a property under). Sent back, the resource reads as before.
   */
  @Test
  void everyResourceReadCanBeSentBackAsItWasRead() throws Exception {
    JsonNode schemas = json.readTree(send(HttpRequest.newBuilder(uri("/v3/api-docs")).GET()).body())
        .path("components").path("schemas");
    HttpResponse<String> proposed = send(HttpRequest.newBuilder(uri("/api/v1/groups/cloud/terms")).header("Authorization", token)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
            "{\"term\": \"Round trip\", \"definition\": \"What a client reads and sends back.\"}")));
    assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(201);
    int pairs = 0;
    for (var entry : paths.properties()) {
      JsonNode get = entry.getValue().path("get").path("responses").path("200").path("content").path("application/json");
      JsonNode put = entry.getValue().path("put").path("requestBody").path("content").path("application/json");
      if (get.isMissingNode() || put.isMissingNode()) {
        continue;
      }
      pairs++;
      String address = editable(entry.getKey());
      HttpResponse<String> read = send(HttpRequest.newBuilder(uri(address)).header("Authorization", token).GET());
      if (read.statusCode() != 200) {
        faults.add("GET " + address + " answered " + read.statusCode());
        continue;
      }
      HttpResponse<String> sent = send(HttpRequest.newBuilder(uri(address)).header("Authorization", token)
          .header("Content-Type", "application/json").header("If-Match", read.headers().firstValue("ETag").orElse("*"))
          .PUT(HttpRequest.BodyPublishers.ofString(read.body())));
      if (sent.statusCode() != 200) {
        faults.add("PUT " + address + " of its GET answered " + sent.statusCode() + ": " + abbreviated(sent.body()));
        continue;
      }
      JsonNode before = json.readTree(read.body());
      JsonNode after = json.readTree(send(HttpRequest.newBuilder(uri(address)).header("Authorization", token).GET()).body());
      before.propertyNames().forEach(name -> {
        // A text is stored trimmed (the demo's practical information was loaded with its last line break).
        boolean same = before.get(name).isString() && after.path(name).isString()
            ? before.get(name).asString().strip().equals(after.get(name).asString()) : before.get(name).equals(after.get(name));
        if (!name.equals("version") && !same) {
          faults.add("PUT " + address + " of its GET changed " + name + ": " + before.get(name) + " → " + after.get(name));
        }
      });
      JsonNode declared = put.path("schema").has("$ref")
          ? schemas.path(put.path("schema").get("$ref").asString().replaceAll(".*/", "")) : put.path("schema");
      before.propertyNames().forEach(name -> {
        if (!declared.path("properties").has(name)) {
          faults.add("PUT " + entry.getKey() + " takes back " + name + " of its GET but does not describe it");
        }
      });
    }
    assertThat(pairs).as("resources read and replaced at one address").isGreaterThanOrEqualTo(3);
    assertThat(faults).isEmpty();
  }

  /** The path with real values, its {@code {id}} the first of the list before it that may still change (not agreed). */
  private String editable(String path) {
    Matcher id = Pattern.compile("\\{id}").matcher(path);
    if (!id.find()) {
      return concrete(path);
    }
    String list = concrete(path.substring(0, id.start() - 1));
    String found = "999999";
    for (JsonNode entry : json.readTree(send(HttpRequest.newBuilder(uri(list + "?limit=1000"))
        .header("Authorization", token).GET()).body())) {
      if (entry.path("status").asString("PROPOSED").equals("PROPOSED")) {
        found = entry.get("id").asString();
        break;
      }
    }
    return concrete(path.substring(0, id.start()) + found + path.substring(id.end()));
  }

  /** Whether another operation's template takes this path ({@code /terms/issue} is {@code /terms/{id}} too). */
  private boolean answeredByAnother(String method, String path) {
    String concrete = concrete(path);
    return operations().stream().anyMatch(op -> op.method().equals(method) && !op.path().equals(path)
        && concrete.matches(PATH_VARIABLE.matcher(op.path()).replaceAll("[^/]+")));
  }

  /** The description in YAML is still there once the API answers JSON only. */
  @Test
  void theDescriptionIsStillReadableInYaml() {
    HttpResponse<String> yaml = send(HttpRequest.newBuilder(uri("/v3/api-docs.yaml")).GET());
    assertThat(yaml.statusCode()).isEqualTo(200);
    assertThat(yaml.body()).startsWith("openapi: ");
  }

  /** Sends the request; its status must be declared for the operation (and one of {@code expected}, when given). */
  private void check(Op op, String probe, HttpRequest.Builder request, Set<Integer> expected) {
    HttpResponse<String> answer = send(request);
    int status = answer.statusCode();
    String where = op + " [" + probe + "]";
    if (expected != null && !expected.contains(status)) {
      faults.add(where + " answered " + status + " not " + expected + ": " + abbreviated(answer.body()));
    }
    if (!op.node().get("responses").has(String.valueOf(status))) {
      faults.add(where + " answered " + status + ", not declared: " + abbreviated(answer.body()));
    }
    if (status >= 400) {
      problem(where, answer, status);
    }
  }

  /** The answer is an RFC 9457 problem of that status with a sentence. */
  private void problem(String where, HttpResponse<String> answer, int status) {
    answer.headers().firstValue("Content-Disposition").ifPresent(header ->
        faults.add(where + " " + status + " carries Content-Disposition: " + header));
    String type = answer.headers().firstValue("Content-Type").orElse("");
    if (!type.startsWith("application/problem+json")) {
      faults.add(where + " " + status + " is " + type + ": " + abbreviated(answer.body()));
      return;
    }
    JsonNode body = json.readTree(answer.body());
    if (body.path("status").asInt() != status || body.path("detail").asString("").isBlank() || body.has("error")
        || body.has("trace")) {
      faults.add(where + " " + status + " problem without its sentence: " + abbreviated(answer.body()));
    }
  }

  private static String abbreviated(String body) {
    return body.length() > 300 ? body.substring(0, 300) + "…" : body;
  }

  private HttpRequest.Builder call(Op op) {
    return HttpRequest.newBuilder(uri(concrete(op.path()))).header("Authorization", token);
  }

  private String concrete(String path) {
    return PATH_VARIABLE.matcher(path).replaceAll(m -> switch (m.group(1)) {
      case "slug" -> "cloud";
      case "code" -> code;
      case "number" -> "FG-Cloud-I-9999";
      case "username" -> "alice";
      default -> "999999";
    });
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private record Op(String method, String path, JsonNode node) {
    JsonNode body() {
      JsonNode body = node == null ? null : node.get("requestBody");
      return body == null ? null : body.get("content");
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  private List<Op> operations() {
    var all = new ArrayList<Op>();
    paths.properties().forEach(path -> path.getValue().properties().forEach(op ->
        all.add(new Op(op.getKey().toUpperCase(), path.getKey(), op.getValue()))));
    return all;
  }
}
