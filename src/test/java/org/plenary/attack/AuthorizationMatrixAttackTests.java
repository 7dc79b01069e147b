package org.plenary.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenary.account.AccessTokens;
import org.plenary.account.AccountDirectory;
import org.plenary.account.OrganizationDirectory;
import org.plenary.attack.MatrixFixture.Owned;
import org.plenary.meeting.MeetingCatalog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * Every operation the OpenAPI description lists (so every operation added later too), called by every
 * kind of reader: a stranger without a token, a participant of another organization, a colleague of the
 * owner's organization, the group's chair, the owner's focal point, the owner and the secretariat, with
 * the ids of the owner's registration, visa request and a document of a private meeting. Each answer is one
 * the description declares for that operation (never a 500); no answer carries a secret to a reader who
 * may not see it (the passport's number and birthplace: owner, focal point, secretariat; the registration's
 * e-mail and function: also the chair; the private meeting's document: anyone signed in); and the writes of
 * the readers who may not write there, whatever the body, change nothing of the owner's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-attack-matrix;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/attack-matrix-${random.uuid}"})
@ActiveProfiles("demo")
class AuthorizationMatrixAttackTests {

  private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)}");

  @LocalServerPort int port;
  @Autowired AccountDirectory accounts;
  @Autowired OrganizationDirectory organizations;
  @Autowired AccessTokens tokens;
  @Autowired MeetingCatalog meetings;
  @Autowired org.plenary.group.GroupCatalog groups;

  private final HttpClient http = HttpClient.newHttpClient();
  private MatrixFixture fixture;
  private String meeting;

  @BeforeEach
  void plant() {
    fixture = new MatrixFixture(port, accounts, organizations, tokens, groups, meetings);
    meeting = fixture.meeting;
  }

  @Test
  void everyOperationAnswersEveryReaderAsDescribedAndGivesNoSecretToAReaderWhoMayNotSeeIt() throws Exception {
    String stranger = fixture.stranger();
    Owned owned = fixture.owned();
    Map<String, String> before = fixture.state(owned);
    JsonNode paths = MatrixFixture.JSON.readTree(fixture.send("GET", "/v3/api-docs", null, null).body()).get("paths");
    var soft = new SoftAssertions();
    int calls = 0;
    for (var path : paths.properties()) {
      for (var operation : path.getValue().properties()) {
        String method = operation.getKey().toUpperCase(java.util.Locale.ROOT);
        Set<String> documented = new java.util.HashSet<>(operation.getValue().get("responses").propertyNames());
        for (String uri : uris(path.getKey(), operation.getValue(), owned)) {
          for (String reader : readers(method, uri, owned, stranger)) {
            HttpResponse<String> answer = fixture.send(method, uri, reader.equals("anonymous") ? null : fixture.bearer(reader),
                method.equals("GET") || method.equals("DELETE") ? null : "{}");
            calls++;
            String what = method + " " + uri + " as " + reader + " -> " + answer.statusCode() + " "
                + answer.body().substring(0, Math.min(200, answer.body().length()));
            soft.assertThat(answer.statusCode()).as(what).isLessThan(500);
            soft.assertThat(String.valueOf(answer.statusCode())).as("declared: " + what).isIn(documented);
            if (!method.equals("GET")) {
              // Only readers who may not write on the owner's objects are sent here (see readers).
              soft.assertThat(answer.statusCode()).as("a write by someone who may not: " + what)
                  .isGreaterThanOrEqualTo(400);
            }
            for (var secret : MatrixFixture.secrets().entrySet()) {
              if (!secret.getValue().contains(reader)) {
                soft.assertThat(answer.body()).as(secret.getKey() + " leaked: " + what).doesNotContain(secret.getKey());
              }
            }
          }
        }
      }
    }
    soft.assertThat(calls).as("operations called").isGreaterThan(300);
    soft.assertThat(fixture.state(owned)).as("the owner's objects after every refused write").isEqualTo(before);
    soft.assertAll();
  }

  /**
   * A folder listing's page for readers who are not signed in is made once per language and kept. It was made
   * with whatever request came first: the secretariat's first listing in a language gave every stranger after
   * it the secretariat's name, menu, counts and sign-out button, and a query sent with it went into every
   * stranger's language links.
   */
  @Test
  void aListingKeptForStrangersHoldsNothingOfWhoeverAskedFirst() throws Exception {
    for (String language : List.of("en", "fr", "es", "ru", "zh", "ar")) {
      String folder = "/t/fg/cloud/docs/";
      HttpResponse<String> secretariat = http.send(HttpRequest.newBuilder(fixture.uri(folder + "?poisoned=1"))
          .header("Authorization", fixture.bearer("tsb")).header("Accept-Language", language).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(secretariat.statusCode()).isEqualTo(200);
      assertThat(secretariat.body()).as("the secretariat's own page names them").contains("/admin/accounts");
      for (String path : List.of(folder, "/t/fg/cloud/docs/1006-gva/")) {
        HttpResponse<String> stranger = http.send(HttpRequest.newBuilder(fixture.uri(path)).header("Accept-Language", language)
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stranger.statusCode()).isEqualTo(200);
        assertThat(stranger.body()).as(language + " " + path).contains("href=\"/sign-in")
            .doesNotContain("/admin/accounts", "/secretariat/", "/sign-out", "TSB Secretariat", "poisoned");
      }
    }
  }

  /**
   * Who calls an operation: everyone reads; a write that names one of the owner's objects (or any object:
   * the stranger and the colleague) is sent by those who may not make it. The chair and the focal point
   * write only where they have no say: visa decisions, accounts, organizations, documents.
   */
  private static List<String> readers(String method, String uri, Owned owned, String stranger) {
    if (method.equals("GET")) {
      return List.of("anonymous", "stranger", "bob", "chair", "focal", "alice", "tsb");
    }
    var writers = new ArrayList<>(List.of("anonymous", "stranger", "bob"));
    if (uri.startsWith("/api/v1/visa/") || uri.startsWith("/api/v1/accounts") || uri.startsWith("/api/v1/organizations")
        || uri.startsWith("/api/v1/contributions/")) {
      writers.addAll(List.of("chair", "focal"));
    }
    // What a participant may do for themselves: sign in, choose their language, register, ask for a number,
    // fill a hotel form. Those are not refused to them; the stranger's and the colleague's own are not the owner's.
    if (uri.equals("/api/v1/tokens") || uri.equals("/api/v1/account/language") || uri.endsWith("/registrations")
        || uri.endsWith("/contributions") || uri.endsWith("/hotel-form")) {
      writers.removeAll(List.of("stranger", "bob"));
      if (uri.equals("/api/v1/tokens") || uri.endsWith("/hotel-form")) {
        writers.remove("anonymous");
      }
    }
    return writers;
  }

  /** The operation's path with the owner's ids (and, for a meeting, both the open one and the private one). */
  private List<String> uris(String template, JsonNode operation, Owned owned) {
    List<String> codes = template.contains("{code}") ? List.of(meeting, MatrixFixture.PRIVATE_MEETING) : List.of("");
    var uris = new ArrayList<String>();
    for (String code : codes) {
      Matcher m = VARIABLE.matcher(template);
      String uri = m.replaceAll(v -> switch (v.group(1)) {
        case "slug" -> "cloud";
        case "code" -> code;
        case "number" -> owned.number();
        case "username" -> "alice";
        case "lang" -> "fr";
        case "reference" -> "X";
        case "id" -> String.valueOf(template.startsWith("/api/v1/registrations/") ? owned.registration()
            : template.startsWith("/api/v1/visa/") ? owned.visa() : 1);
        default -> "1";
      });
      var query = new ArrayList<String>();
      for (JsonNode parameter : operation.path("parameters")) {
        if (parameter.get("in").asString().equals("query") && parameter.get("name").asString().equals("q")) {
          // A word of the private title: the search says back what it was asked, never the title itself.
          query.add("q=roadmap");
        }
      }
      uris.add(query.isEmpty() ? uri : uri + "?" + String.join("&", query));
    }
    return uris;
  }
}
