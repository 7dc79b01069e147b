package org.plenary.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A request whose Host header names another site: no redirect the server answers may send the
 * reader there (a Location built from the Host header is an open redirect for whoever can put a
 * forged Host in front of a cache or a proxy). Raw sockets, since HTTP clients will not forge Host. Answers
 * made outside the page chain (Tomcat's refusals, the API, management) carry the security headers too.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-attack-host;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/attack-host-${random.uuid}"})
class HostHeaderAttackTests {

  @LocalServerPort int port;

  @Test
  void noRedirectNamesTheHostTheRequestClaimed() throws IOException {
    for (String path : List.of("/account", "/desk", "/registrations", "/admin/accounts",
        "/groups/cloud/meetings/x/register", "/visa/letters")) {
      for (String host : List.of("evil.example", "evil.example:8443", "EVIL.example.", "127.0.0.1." )) {
        String head = head("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
        String what = path + " with Host: " + host;
        assertThat(head).as(what).startsWith("HTTP/1.1 302");
        String location = head.lines().filter(line -> line.regionMatches(true, 0, "Location:", 0, 9))
            .findFirst().orElseThrow().substring(9).trim();
        assertThat(location).as(what).startsWith("/sign-in").doesNotContainIgnoringCase("evil");
      }
      // A Host no name can be (user information in it) is refused before any redirect is made.
      String refused = head("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "@evil.example\r\n"
          + "Connection: close\r\n\r\n");
      assertThat(refused).as(path + " with user information in Host").startsWith("HTTP/1.1 400")
          .doesNotContainIgnoringCase("Location:");
    }
  }

  /**
   * The OpenAPI description names its server relatively ("/": where it was read from), never the Host the
   * request claimed: Swagger UI on /api sends its calls, and the token typed into it, to that server.
   */
  @Test
  void theApiDescriptionNamesNoServerFromTheHostTheRequestClaimed() throws IOException {
    for (String path : List.of("/v3/api-docs", "/v3/api-docs.yaml")) {
      for (String host : List.of("evil.example", "evil.example:8443")) {
        String answer = answer("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
        assertThat(answer).as(path + " with Host: " + host).startsWith("HTTP/1.1 200").doesNotContainIgnoringCase("evil");
      }
    }
    assertThat(answer("GET /v3/api-docs HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"))
        .contains("\"servers\":[{\"url\":\"/\"");
  }

  /** A method no page takes is 405 with the methods it does take, for every reader, not a CSRF refusal (403). */
  @Test
  void aMethodNoPageTakesIsNotAllowedRatherThanForbidden() throws IOException {
    for (String method : List.of("PUT", "DELETE", "PATCH")) {
      for (String path : List.of("/groups/cloud", "/", "/search")) {
        String head = head(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html\r\n"
            + "Content-Length: 0\r\nConnection: close\r\n\r\n");
        assertThat(head).as(method + " " + path).startsWith("HTTP/1.1 405").containsIgnoringCase("Allow: ")
            .containsIgnoringCase("X-Frame-Options: DENY");
      }
    }
    // A form sent without its token is still refused.
    assertThat(head("POST /sign-in HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        + "Content-Length: 30\r\nConnection: close\r\n\r\nusername=alice&password=secret")).startsWith("HTTP/1.1 403");
  }

  @Test
  void requestsTomcatRefusesGetAProblemNotItsPage() throws IOException {
    String longLine = "GET /search?q=" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    String longHeader = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Long: " + "b".repeat(20_000) + "\r\nConnection: close\r\n\r\n";
    String malformed = "GET /\u0001 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    for (String request : List.of(longLine, longHeader, malformed)) {
      String answer = answer(request);
      String what = request.substring(0, 30);
      assertThat(answer).as(what).startsWith("HTTP/1.1 400").containsIgnoringCase("Content-Type: application/problem+json")
          .contains("\"status\":400", "could not be read").doesNotContain("<html", "Tomcat", "Exception");
      assertThat(head(request)).as(what).containsIgnoringCase("X-Content-Type-Options: nosniff")
          .containsIgnoringCase("X-Frame-Options: DENY").containsIgnoringCase("Content-Security-Policy: default-src 'none'")
          .containsIgnoringCase("Cache-Control: no-store");
    }
  }

  @Test
  void pathsTheSecurityFirewallRefusesGetAProblemWithTheSecurityHeadersOfEveryOtherAnswer() throws IOException {
    // Refused ahead of every filter chain (encoded dots, path parameters, encoded percent): no header writer ran.
    for (String path : List.of("/t/fg/cloud/docs/%2e%2e/x", "/t/fg/cloud/docs/in/..;/x", "/x/%252e%252e/",
        "/api/v1/groups/%2e%2e/x", "/groups;jsessionid=1/cloud")) {
      for (String accept : List.of("*/*", "text/html")) {
        String answer = answer("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: " + accept
            + "\r\nConnection: close\r\n\r\n");
        String head = answer.substring(0, answer.indexOf("\r\n\r\n"));
        assertThat(head).as(path + " " + accept).startsWith("HTTP/1.1 400")
            .containsIgnoringCase("X-Content-Type-Options: nosniff").containsIgnoringCase("X-Frame-Options: DENY")
            .containsIgnoringCase("Content-Security-Policy: default-src ").containsIgnoringCase("frame-ancestors 'none'")
            .containsIgnoringCase("Referrer-Policy: same-origin").containsIgnoringCase("Cache-Control: no-store");
        assertThat(answer).as(path).doesNotContain("Exception", "Tomcat");
      }
    }
  }

  @Test
  void everyAnswerOfTheApiAndManagementEndpointsForbidsActiveContentAndFraming() throws IOException {
    for (String path : List.of("/api/v1/groups", "/api/v1/groups/nowhere", "/api/v1/me/desk", "/api/v1/search?q=%3Cb%3E",
        "/actuator/health", "/actuator/prometheus")) {
      String head = head("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
      assertThat(head).as(path).containsIgnoringCase("Content-Security-Policy: default-src 'none'; frame-ancestors 'none'")
          .containsIgnoringCase("X-Content-Type-Options: nosniff");
    }
  }

  /**
   * Data the pages' chain answers (the OpenAPI description, as a calendar or a feed) gets the policy that lets nothing load
   * or run, as the API does; pages keep theirs. {@code /v3/api-docs} carried the pages' policy (scripts of the site).
   */
  @Test
  void dataOutsideTheApiForbidsActiveContentAndPagesKeepTheirPolicy() throws IOException {
    for (String path : List.of("/v3/api-docs", "/v3/api-docs.yaml")) {
      String head = head("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
      assertThat(head).as(path).startsWith("HTTP/1.1 200")
          .containsIgnoringCase("Content-Security-Policy: default-src 'none'; frame-ancestors 'none'")
          .doesNotContain("script-src");
    }
    for (String path : List.of("/", "/api", "/sign-in")) {
      String head = head("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
      assertThat(head).as(path).startsWith("HTTP/1.1 200").containsIgnoringCase("Content-Type: text/html")
          .containsIgnoringCase("Content-Security-Policy: default-src 'self'").contains("script-src 'self'");
    }
  }

  /**
   * No origin is granted CORS: a preflight from another site (OPTIONS with Origin and Access-Control-Request-Method)
   * is refused alike on every chain, 403 with a sentence and no Access-Control-* header, so a browser sends no
   * cross-site request that needs one (a DELETE, a JSON body, an Authorization header). It was a 200 whose Allow named
   * every method the servlet knows (TRACE, PUT, PATCH) on the API and the pages, and a 401 on management. A plain
   * OPTIONS keeps its answer, and a request a site sends anyway gets no Access-Control-* header either.
   */
  @Test
  void aPreflightFromAnotherSiteIsRefusedAlikeOnEveryChainAndGrantedNoCors() throws IOException {
    for (String path : List.of("/api/v1/groups", "/api/v1/tokens", "/", "/sign-in", "/actuator/health", "/t/")) {
      String answer = answer("OPTIONS " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: https://evil.example\r\n"
          + "Access-Control-Request-Method: DELETE\r\nAccess-Control-Request-Headers: authorization, content-type\r\n"
          + "Accept-Language: en\r\nConnection: close\r\n\r\n");
      assertThat(answer).as(path).startsWith("HTTP/1.1 403").containsIgnoringCase("Content-Type: application/problem+json")
          .contains("grants no cross-origin request").doesNotContainIgnoringCase("access-control-")
          .doesNotContainIgnoringCase("Allow:").containsIgnoringCase("Content-Security-Policy: default-src 'none'");
      String get = head("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: https://evil.example\r\n"
          + "Connection: close\r\n\r\n");
      assertThat(get).as(path).doesNotContainIgnoringCase("access-control-");
    }
    String options = head("OPTIONS /api/v1/groups HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    assertThat(options).startsWith("HTTP/1.1 200").containsIgnoringCase("Allow: ").doesNotContain("TRACE");
  }

  /** The status line and headers of the answer to {@code request}. */
  private String head(String request) throws IOException {
    String answer = answer(request);
    int end = answer.indexOf("\r\n\r\n");
    return end < 0 ? answer : answer.substring(0, end);
  }

  /** The whole answer to {@code request}. */
  private String answer(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      // The first description is made on request (springdoc), several seconds on a busy host.
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
