package org.plenary.contribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * {@code If-Match} on {@code POST …/publish} read as RFC 9110 (13.1.1) reads it: a list matches when
 * any of its entity tags names the version waiting, and {@code *} matches whatever version waits.
 * Over a real port, as a client sends the header.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
    "server.port=0", "server.address=127.0.0.1",
    "spring.datasource.url=jdbc:h2:mem:plenary-publish-if-match;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}"})
@ActiveProfiles("demo")
class PublishIfMatchListTests {

  @org.springframework.boot.test.web.server.LocalServerPort int port;
  private final HttpClient http = HttpClient.newHttpClient();
  private DemoApi api;

  @org.junit.jupiter.api.BeforeEach
  void client() {
    api = new DemoApi(http, port);
  }

  @Test
  void aListOfEntityTagsMatchesWhenAnyOfThemNamesTheVersionWaiting() throws Exception {
    String alice = api.token("alice");
    String tsb = api.token("tsb");
    String number = api.allocate(alice, "Listed tags");
    String first = sha(api.upload(alice, number, number + ".txt", bytes("first")));
    String second = sha(api.upload(alice, number, number + ".txt", bytes("second"), "\"" + first + "\""));

    HttpResponse<String> stale = publish(tsb, number, "\"" + first + "\", W/\"" + "0".repeat(64) + "\"");
    assertThat(stale.statusCode()).as(stale.body()).isEqualTo(412);
    assertThat(stale.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));

    HttpResponse<String> listed = publish(tsb, number, "\"" + first + "\" ,\"" + second + "\"");
    assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
    assertThat(DemoApi.field(listed.body(), "status")).isEqualTo("PUBLISHED");
  }

  @Test
  void anAsteriskMatchesWhateverVersionWaits() throws Exception {
    String alice = api.token("alice");
    String tsb = api.token("tsb");
    String number = api.allocate(alice, "Any version");
    api.upload(alice, number, number + ".txt", bytes("the one waiting"));

    HttpResponse<String> any = publish(tsb, number, "*");
    assertThat(any.statusCode()).as(any.body()).isEqualTo(200);
    assertThat(DemoApi.field(any.body(), "status")).isEqualTo("PUBLISHED");

    HttpResponse<String> none = publish(tsb, number, "*");
    assertThat(none.statusCode()).as("nothing waits any more: " + none.body()).isEqualTo(409);
  }

  private HttpResponse<String> publish(String token, String number, String ifMatch) throws Exception {
    return http.send(HttpRequest.newBuilder(api.url("/api/v1/contributions/" + number + "/publish"))
        .header("Authorization", "Bearer " + token).header("If-Match", ifMatch)
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String sha(HttpResponse<String> uploaded) {
    assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
    return DemoApi.field(uploaded.body(), "sha256");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
