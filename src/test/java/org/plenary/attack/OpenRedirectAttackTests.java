package org.plenary.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.plenary.FormClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Every redirect built from what a request carries stays on the site: the page saved before sign-in (whose full
 * address carried the Host the request claimed) and a form's {@code back}. Each payload is one a browser reads as
 * another site's address ({@code //host}, {@code /\host}, a tab, a scheme) or one that splits the header. Real HTTP,
 * demo mode; raw sockets where an HTTP client would not send the request (a forged Host).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-attack-open-redirect;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/attack-open-redirect-${random.uuid}",
    "plenary.ftp.enabled=false"})
@ActiveProfiles("demo")
public class OpenRedirectAttackTests {

  public static final List<String> PAYLOADS = List.of("//evil.example", "/\\evil.example", "%2F%2Fevil.example",
      "\\/evil.example", "https://evil.example", "/%09/evil.example", "/%5Cevil.example", "///evil.example",
      "javascript:alert(1)", "%0d%0aSet-Cookie:x=y", "\r\nSet-Cookie: x=y", "/\tevil.example", "../../..//evil.example",
      "..%2F..%2F%2Fevil.example", "../../\\evil.example");

  private static final Pattern SET_COOKIE = Pattern.compile("(?im)^Set-Cookie: ([^=;\\s]+=[^;\\r\\n]*)");
  private static final Pattern LOCATION = Pattern.compile("(?im)^Location: (.*)$");

  @LocalServerPort int port;

  @Test
  void signingInAfterARequestWithAForgedHostReturnsToThePageOnThisSite() throws IOException {
    String asked = answer("GET /desk?tab=1 HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");
    String saved = cookies(asked);
    assertThat(saved).as("the page asked for, kept for the visitor").isNotEmpty();
    String form = answer("GET /sign-in HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + saved + "\r\nConnection: close\r\n\r\n");
    String cookie = saved + "; " + cookies(form);
    String body = "username=alice&password=alice-demo&_csrf=" + URLEncoder.encode(FormClient.csrf(form), StandardCharsets.UTF_8);
    String signedIn = answer("POST /sign-in HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + cookie
        + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length()
        + "\r\nConnection: close\r\n\r\n" + body);
    assertThat(signedIn).startsWith("HTTP/1.1 302");
    assertThat(location(signedIn)).startsWith("/desk?tab=1").doesNotContainIgnoringCase("evil");
  }

  /** The cookies an answer sets, as a request's Cookie header carries them. */
  private static String cookies(String answer) {
    Matcher set = SET_COOKIE.matcher(answer);
    List<String> cookies = new java.util.ArrayList<>();
    while (set.find()) {
      cookies.add(set.group(1));
    }
    return String.join("; ", cookies);
  }

  @Test
  void aFormsBackThatNamesAnotherSiteOrSplitsTheHeaderReturnsToTheGroup() throws Exception {
    FormClient forms = new FormClient(port);
    var tsb = forms.signedIn("tsb");
    String csrf = FormClient.csrf(forms.page(tsb, "/groups/cloud").body());
    for (String payload : PAYLOADS) {
      for (String back : List.of(payload, "/groups/cloud/" + payload)) {
        var answer = forms.postForm(tsb, "/groups/cloud/registration-policy",
            Map.of("_csrf", csrf, "individualsAllowed", "false", "back", back));
        assertThat(answer.statusCode()).as(back).isEqualTo(302);
        String location = answer.headers().firstValue("Location").orElseThrow();
        if (back.equals(payload)) {
          assertThat(location).as(back).isEqualTo("/groups/cloud");
        } else {
          assertThat(location).as(back).startsWith("/groups/cloud");
          assertPlainPath(location);
        }
        assertThat(answer.headers().map()).as(back).doesNotContainKey("x");
      }
    }
    var kept = forms.postForm(tsb, "/groups/cloud/registration-policy",
        Map.of("_csrf", csrf, "individualsAllowed", "false", "back", "/groups/cloud/meetings?x=1"));
    assertThat(kept.headers().firstValue("Location")).hasValue("/groups/cloud/meetings?x=1");
  }

  /** A path a browser resolves on this site: no empty segment, backslash, white space or encoded slash. */
  public static void assertPlainPath(String location) {
    assertThat(location).as(location).startsWith("/").doesNotContain("//", "\\", "\t", "\r", "\n", " ")
        .doesNotContainIgnoringCase("%2f").doesNotContainIgnoringCase("%5c").doesNotContainIgnoringCase("%09")
        .doesNotContainIgnoringCase("%0d").doesNotContain("/../");
  }

  private static String location(String answer) {
    Matcher location = LOCATION.matcher(answer);
    assertThat(location.find()).as("a Location").isTrue();
    return location.group(1).trim();
  }

  private String answer(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
