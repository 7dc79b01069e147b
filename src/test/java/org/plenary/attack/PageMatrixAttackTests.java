package org.plenary.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.plenary.FormClient;
import org.plenary.account.AccessTokens;
import org.plenary.account.AccountDirectory;
import org.plenary.account.OrganizationDirectory;
import org.plenary.attack.MatrixFixture.Owned;
import org.plenary.meeting.MeetingCatalog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The pages' matrix, as {@link AuthorizationMatrixAttackTests} is the API's: every route the application maps
 * outside {@code /api/v1} (read from Spring's handler mapping, so a route added later is walked too, and one whose
 * variables this test cannot fill fails it), called with a session of every kind of reader (no one, a participant
 * of another organization, a colleague of the owner's, the chair, the owner's focal point, the owner, the
 * secretariat) with the ids of the owner's registration, visa request and document of a private meeting. A GET is
 * never a 500 and gives no secret to a reader who may not see it, whether in a page, a CSV, a calendar, a ZIP or
 * a PDF's text; a POST, sent with the reader's own CSRF token by those who may not make it, changes nothing of
 * the owner's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-page-matrix;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/page-matrix-${random.uuid}"})
@ActiveProfiles("demo")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PageMatrixAttackTests {

  private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)(:[^}]*)?}");
  private static final List<String> PERSONAL = List.of(MatrixFixture.PASSPORT, MatrixFixture.BIRTHPLACE,
      MatrixFixture.EMAIL, MatrixFixture.FUNCTION);
  private static final List<String> READERS = List.of("anonymous", "stranger", "bob", "chair", "focal", "alice", "tsb");

  @LocalServerPort int port;
  @Autowired AccountDirectory accounts;
  @Autowired OrganizationDirectory organizations;
  @Autowired AccessTokens tokens;
  @Autowired MeetingCatalog meetings;
  @Autowired org.plenary.group.GroupCatalog groups;
  @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

  private MatrixFixture fixture;
  private Owned owned;
  private Map<String, HttpClient> sessions;

  @BeforeAll
  void plant() throws Exception {
    fixture = new MatrixFixture(port, accounts, organizations, tokens, groups, meetings);
    fixture.stranger();
    owned = fixture.owned();
    sessions = sessions();
  }

  @Test
  void everyPageAnswersEveryReaderWithoutA500AndGivesNoSecretToAReaderWhoMayNotSeeIt() throws Exception {
    var soft = new SoftAssertions();
    int calls = 0;
    for (String template : routes(RequestMethod.GET)) {
      for (String uri : uris(template, owned, fixture.meeting)) {
        int anonymous = 0;
        String signInTo = "";
        for (String reader : READERS) {
          HttpResponse<byte[]> answer = sessions.get(reader).send(HttpRequest.newBuilder(uri(uri))
              .header("Accept-Language", "en").build(), HttpResponse.BodyHandlers.ofByteArray());
          calls++;
          String text = text(answer);
          String what = "GET " + uri + " as " + reader + " -> " + answer.statusCode() + " "
              + text.substring(0, Math.min(200, text.length()));
          soft.assertThat(answer.statusCode()).as(what).isLessThan(500);
          for (var secret : MatrixFixture.secrets().entrySet()) {
            if (!secret.getValue().contains(reader)) {
              soft.assertThat(text).as(secret.getKey() + " leaked: " + what).doesNotContain(secret.getKey());
            }
          }
          if (reader.equals("anonymous")) {
            anonymous = answer.statusCode();
            signInTo = answer.headers().firstValue("Location").orElse("");
          } else if (reader.equals("alice") && answer.statusCode() == 200
              && PERSONAL.stream().anyMatch(text::contains)) {
            // What shows the owner her personal data sends a stranger to sign in, or refuses them (a public page
            // that shows a signed-in reader more, as a private meeting's titles, answers a stranger without them).
            soft.assertThat(anonymous == 302 ? signInTo : String.valueOf(anonymous))
                .as("GET " + uri + " without signing in").matches("/sign-in.*|401|403|404");
          }
        }
      }
    }
    soft.assertThat(calls).as("pages called").isGreaterThan(400);
    soft.assertAll();
  }

  @Test
  void noFormOfAReaderWhoMayNotWriteThereChangesAnythingOfTheOwners() throws Exception {
    Map<String, String> before = ownersState();
    var forms = new FormClient(port);
    var soft = new SoftAssertions();
    int calls = 0;
    for (String template : routes(RequestMethod.POST)) {
      for (String uri : uris(template, owned, fixture.meeting)) {
        for (String reader : List.of("anonymous", "stranger", "bob")) {
          HttpClient session = sessions.get(reader);
          String token = FormClient.csrf(forms.page(session, "/sign-in").body());
          HttpResponse<String> answer = forms.postForm(session, uri, Map.of("_csrf", token, "reason", "matrix",
              "editVersion", "0", "organizationId", String.valueOf(fixture.orange())));
          calls++;
          soft.assertThat(answer.statusCode()).as("POST " + uri + " as " + reader + " -> " + answer.statusCode() + " "
              + answer.body().substring(0, Math.min(200, answer.body().length()))).isLessThan(500);
        }
      }
    }
    soft.assertThat(calls).as("forms posted").isGreaterThan(100);
    soft.assertThat(ownersState()).as("the owner's objects after every refused form").isEqualTo(before);
    soft.assertAll();
  }

  /** The fixture's state but for the accounts of the posters themselves (their own language, their own tokens). */
  private Map<String, String> ownersState() throws Exception {
    Map<String, String> state = fixture.state(owned);
    var accountsList = (tools.jackson.databind.node.ArrayNode) MatrixFixture.JSON.readTree(state.get("accounts"));
    for (int i = accountsList.size() - 1; i >= 0; i--) {
      if (List.of("bob", "stranger").contains(accountsList.get(i).get("username").asString())) {
        accountsList.remove(i);
      }
    }
    state.put("accounts", accountsList.toString());
    return state;
  }

  /** Every path pattern mapped for the method outside the API (whose matrix is the OpenAPI one). */
  private TreeSet<String> routes(RequestMethod method) {
    return routes(mappings, method);
  }

  static TreeSet<String> routes(RequestMappingHandlerMapping mappings, RequestMethod method) {
    var routes = new TreeSet<String>();
    mappings.getHandlerMethods().forEach((info, handler) -> {
      var methods = info.getMethodsCondition().getMethods();
      if (methods.isEmpty() || methods.contains(method)) {
        info.getPathPatternsCondition().getPatternValues().stream()
            .filter(p -> !p.startsWith("/api/v1/") && !p.startsWith("/v3/api-docs")).forEach(routes::add);
      }
    });
    assertThat(routes).as("routes mapped for " + method).hasSizeGreaterThan(20);
    return routes;
  }

  /** The route with the owner's ids (a meeting's route with the open meeting's code and the private one's). */
  static List<String> uris(String template, Owned owned, String meeting) {
    if (template.endsWith("/**")) {
      String base = template.substring(0, template.length() - 3);
      return List.of(base + "/fg/cloud/docs/" + MatrixFixture.PRIVATE_MEETING + "/in/",
          base + "/fg/cloud/docs/" + MatrixFixture.PRIVATE_MEETING + "/in/" + owned.number() + ".txt",
          base + "/fg/cloud/docs/incoming/" + owned.number() + ".txt");
    }
    List<String> codes = template.contains("{code}") ? List.of(meeting, MatrixFixture.PRIVATE_MEETING) : List.of("");
    var uris = new ArrayList<String>();
    for (String code : codes) {
      Matcher m = VARIABLE.matcher(template);
      uris.add(m.replaceAll(v -> switch (v.group(1)) {
        case "slug" -> "cloud";
        case "code" -> code;
        case "number" -> owned.number();
        case "name" -> owned.number() + ".txt";
        case "folder", "kind" -> "in";
        case "action" -> "withdraw";
        // No re-issue request of the owner's (her request waits for a decision): any id is refused alike.
        case "ask" -> "1";
        case "decision" -> template.startsWith("/visa/") ? "refuse" : "reject";
        case "id" -> String.valueOf(template.startsWith("/registrations/") ? owned.registration()
            : template.startsWith("/visa/") ? owned.visa() : 1);
        default -> throw new AssertionError("No id to fill {" + v.group(1) + "} of " + template
            + ": give this matrix one, so that the route is walked");
      }));
    }
    return uris;
  }

  /** A page client of each reader: signed in on the form, or (anonymous) keeping only a session cookie. */
  private Map<String, HttpClient> sessions() throws Exception {
    var sessions = new LinkedHashMap<String, HttpClient>();
    for (String reader : READERS) {
      sessions.put(reader, reader.equals("anonymous")
          ? HttpClient.newBuilder().cookieHandler(new CookieManager()).build()
          : new FormClient(port).signedIn(reader));
    }
    return sessions;
  }

  /** What a reader sees of an answer: a PDF's text, anything else's bytes (a ZIP stores small files as they are). */
  private static String text(HttpResponse<byte[]> answer) throws Exception {
    byte[] body = answer.body();
    if (answer.headers().firstValue("Content-Type").orElse("").startsWith("application/pdf")) {
      try (var pdf = Loader.loadPDF(body)) {
        return new PDFTextStripper().getText(pdf);
      }
    }
    return new String(body, StandardCharsets.ISO_8859_1) + new String(body, StandardCharsets.UTF_8);
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }
}
