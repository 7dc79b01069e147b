package org.plenary;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Starts everything as an operator would, outside demo mode, on the embedded default in a fresh
 * data folder: the first start opens {@code admin} with a one-time password that must be changed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "plenary.data-dir=target/test-data/smoke")
@ExtendWith(OutputCaptureExtension.class)
class SmokeTests {

  private static final Pattern ONE_TIME_PASSWORD = Pattern.compile("One-time password: (\\S+)");
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  static {
    org.springframework.util.FileSystemUtils.deleteRecursively(Path.of("target/test-data/smoke").toFile());
  }

  @LocalServerPort int port;

  private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

  @Test
  void theFirstAdministratorMustChooseAPasswordAtTheFirstSignIn(CapturedOutput output) throws Exception {
    assertThat(Path.of("target/test-data/smoke/db/plenary.mv.db")).exists();
    Matcher printed = ONE_TIME_PASSWORD.matcher(output.getAll());
    assertThat(printed.find()).as("the one-time password is printed").isTrue();
    String oneTime = printed.group(1);

    assertThat(get("/sign-in").body()).as("no demo sign-ins outside demo mode").doesNotContain("demo-sign-ins", "alice-demo");
    assertThat(signIn("admin", "wrong").headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/sign-in?error"));
    signIn("admin", oneTime);
    HttpResponse<String> home = get("/");
    assertThat(home.statusCode()).isEqualTo(302);
    assertThat(home.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/account?change-password"));

    String account = get("/account").body();
    assertThat(account).contains("You signed in with a one-time password");
    HttpResponse<String> changed = post("/account/password", Map.of("_csrf", csrf(account), "currentPassword", oneTime,
        "newPassword", "a-new-admin-password", "confirmation", "a-new-admin-password"));
    assertThat(changed.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/sign-in?password-changed"));

    signIn("admin", "a-new-admin-password");
    assertThat(get("/").statusCode()).isEqualTo(200);
    assertThat(get("/admin/accounts").body()).contains("admin@localhost");
    assertThat(get("/actuator/health").body()).contains("\"UP\"");
    assertThat(Files.exists(Path.of("target/test-data/smoke/demo"))).isFalse();
  }

  @Test
  void folderPathsCannotEscapeTheirRootWhateverTheEncoding() throws Exception {
    for (String path : new String[] {"/t/fg/cloud/docs/../../../../etc/passwd", "/t/fg/cloud/docs/%2e%2e/%2e%2e/etc/passwd",
        "/t/fg/cloud/docs/%252e%252e/%252e%252e/etc/passwd", "/t/fg/cloud/docs/incoming/..%5c..%5c..%5cetc%5cpasswd",
        "/t/fg/cloud/docs/..;/..;/..;/etc/passwd", "/t/fg/cloud/docs/incoming/%2e%2e%2fdb%2fplenary.mv.db",
        "/t/fg/cloud/docs/incoming/..\\..\\db\\plenary.mv.db"}) {
      String answer = raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
      String status = answer.substring(9, 12);
      assertThat(status).as(path).isIn("400", "404");
      assertThat(answer).as(path).doesNotContain("root:").doesNotContain("H:2,");
    }
  }

  /** Sends bytes exactly as written: no client normalises the path first. */
  private String raw(String request) throws Exception {
    try (var socket = new java.net.Socket("127.0.0.1", port)) {
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  private HttpResponse<String> signIn(String username, String password) throws Exception {
    String page = get("/sign-in").body();
    return post("/sign-in", Map.of("_csrf", csrf(page), "username", username, "password", password));
  }

  private static String csrf(String page) {
    Matcher token = CSRF.matcher(page);
    assertThat(token.find()).as("the form carries a CSRF token").isTrue();
    return token.group(1);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
    String body = form.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
