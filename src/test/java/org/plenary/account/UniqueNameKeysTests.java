package org.plenary.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * Names that must be unique are compared by their key (V091: no surrounding spaces, NFC, case-folded), and
 * the database holds that key unique: "José" typed with a combining accent is the "José" already there,
 * "ALICE@EXAMPLE.ORG" the address "alice@example.org", and two administrators adding the same name in two
 * spellings at once get one organization and a field error, never two, never a 500. Over a real port, on
 * H2 here and on PostgreSQL in {@link PostgresUniqueNameKeysTests}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
    "server.port=0", "server.address=127.0.0.1",
    "spring.datasource.url=jdbc:h2:mem:plenary-unique-name-keys;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}"})
@ActiveProfiles("demo")
class UniqueNameKeysTests {

  private static final String COMPOSED = "Jos\u00e9";
  private static final String DECOMPOSED = "Jose\u0301";

  private final HttpClient http = HttpClient.newHttpClient();
  @org.springframework.boot.test.web.server.LocalServerPort int port;
  private String tsb;

  @BeforeEach
  void signIn() throws Exception {
    HttpResponse<String> token = send("POST", "/api/v1/tokens", null, "{\"username\":\"tsb\",\"password\":\"tsb-demo\"}");
    tsb = token.body().replaceAll("(?s).*\"token\":\"([^\"]+)\".*", "$1");
  }

  @Test
  void anOrganizationNameIsOneWhateverItsCaseItsAccentsFormOrTheSpacesAroundIt() throws Exception {
    assertThat(organization(COMPOSED + " Telecom").statusCode()).isEqualTo(201);
    for (String same : List.of(DECOMPOSED + " Telecom", "JOS\u00c9 TELECOM", "  jos\u00e9 telecom  ", "JOSE\u0301 TELECOM")) {
      HttpResponse<String> again = organization(same);
      assertThat(again.statusCode()).as(same).isEqualTo(400);
      assertThat(again.body()).as(same).contains("\"field\":\"name\"").contains("already exists");
    }
    HttpResponse<String> spaced = organization("  Kiribati " + DECOMPOSED + " Net  ");
    assertThat(spaced.statusCode()).isEqualTo(201);
    assertThat(spaced.body()).as("stored composed, without the spaces").contains("\"name\":\"Kiribati " + COMPOSED + " Net\"");
  }

  @Test
  void twoAdministratorsAddingOneOrganizationInTwoSpellingsAtOnceMakeOne() throws Exception {
    var tasks = new ArrayList<Callable<HttpResponse<String>>>();
    for (int i = 0; i < 8; i++) {
      String name = i % 2 == 0 ? "Race Telecom" : "RACE telecom";
      tasks.add(() -> organization(name));
    }
    int created = 0;
    try (var pool = Executors.newFixedThreadPool(8)) {
      for (Future<HttpResponse<String>> done : pool.invokeAll(tasks)) {
        HttpResponse<String> answer = done.get();
        assertThat(answer.statusCode()).as(answer.body()).isIn(201, 400);
        created += answer.statusCode() == 201 ? 1 : 0;
      }
    }
    assertThat(created).isEqualTo(1);
  }

  @Test
  void anAddressIsOneWhateverItsCaseOrItsAccentsForm() throws Exception {
    assertThat(account("keys1", COMPOSED.toLowerCase() + "@example.org").statusCode()).isEqualTo(201);
    HttpResponse<String> same = account("keys2", "JOSE\u0301@Example.ORG");
    assertThat(same.statusCode()).as(same.body()).isEqualTo(400);
    var tasks = new ArrayList<Callable<HttpResponse<String>>>();
    for (int i = 0; i < 8; i++) {
      String email = i % 2 == 0 ? "Race@Example.org" : "race@example.ORG";
      String username = "keysrace" + i;
      tasks.add(() -> account(username, email));
    }
    int created = 0;
    try (var pool = Executors.newFixedThreadPool(8)) {
      for (Future<HttpResponse<String>> done : pool.invokeAll(tasks)) {
        HttpResponse<String> answer = done.get();
        assertThat(answer.statusCode()).as(answer.body()).isIn(201, 400);
        created += answer.statusCode() == 201 ? 1 : 0;
      }
    }
    assertThat(created).isEqualTo(1);
  }

  private HttpResponse<String> organization(String name) throws Exception {
    return send("POST", "/api/v1/organizations", tsb,
        "{\"name\": \"" + name + "\", \"category\": \"SECTOR_MEMBER\", \"countryCode\": \"CH\"}");
  }

  private HttpResponse<String> account(String username, String email) throws Exception {
    return send("POST", "/api/v1/accounts", tsb, """
        {"username": "%s", "email": "%s", "displayName": "Delegate %1$s", "countryCode": "CH",
         "password": "a-fine-password", "oneTimePassword": false}""".formatted(username, email));
  }

  private HttpResponse<String> send(String method, String path, String token, String json) throws Exception {
    var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
