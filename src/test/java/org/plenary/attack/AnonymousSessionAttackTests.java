package org.plenary.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.plenary.FormClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * A visitor who is not signed in costs the database nothing: looking at the sign-in page, the hotel form, a page that
 * needs a sign-in, or sending a refused sign-in wrote a web session row (Spring Session JDBC, kept 30 minutes) for
 * every request without a cookie, so one client looping on {@code /sign-in} grew the session table by a row a request.
 * The form's token and the page asked for are the visitor's own cookies now; a session begins at sign-in. Real HTTP
 * (Java's client, with and without a cookie store), demo mode, the session table read directly.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-attack-anonymous-session;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/attack-anonymous-session-${random.uuid}",
    "plenary.ftp.enabled=false"})
@ActiveProfiles("demo")
class AnonymousSessionAttackTests {

  private static final List<String> PAGES = List.of("/sign-in", "/sign-in?lang=fr", "/sign-in?error",
      "/groups/cloud/meetings/1006-gva/hotel-form", "/desk", "/account", "/groups/cloud/edit", "/registrations",
      "/visa/verify", "/no-such-page", "/");

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  @Test
  void aVisitorWithoutCookiesLookingAndSigningInWrongWritesNoSession() throws Exception {
    HttpClient visitor = HttpClient.newHttpClient();
    FormClient forms = new FormClient(port);
    long before = sessions();
    for (int round = 0; round < 5; round++) {
      for (String page : PAGES) {
        var answer = forms.page(visitor, page);
        assertThat(answer.headers().allValues("Set-Cookie")).as(page).noneMatch(c -> c.startsWith("SESSION="));
      }
      var refused = forms.postForm(visitor, "/sign-in", Map.of("username", "mallory", "password", "wrong"));
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("SESSION="));
      // A wrong password sent with the visitor's own token and cookie: refused as before, still no session (twice:
      // five would lock the name out).
      if (round > 1) {
        continue;
      }
      var form = forms.page(visitor, "/sign-in");
      var wrong = send(visitor, "/sign-in", "username=mallory&password=wrong&_csrf=" + FormClient.csrf(form.body()),
          cookies(form));
      assertThat(wrong.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("error"));
      assertThat(wrong.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("SESSION="));
    }
    Thread.sleep(300);
    assertThat(sessions()).as("session rows written by a visitor who never signed in").isEqualTo(before);
  }

  @Test
  void aVisitorSignsInWithTheirOwnPagesTokenOnlyAndReturnsToThePageAsked() throws Exception {
    FormClient forms = new FormClient(port);
    HttpClient victim = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    HttpClient attacker = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    assertThat(forms.page(victim, "/account").statusCode()).isEqualTo(302);
    String victimsToken = FormClient.csrf(forms.page(victim, "/sign-in").body());
    String attackersToken = FormClient.csrf(forms.page(attacker, "/sign-in").body());
    long before = sessions();

    // Another visitor's token (a cross-site form carries the attacker's, never the victim's) is refused.
    var forged = forms.postForm(victim, "/sign-in", Map.of("_csrf", attackersToken, "username", "alice",
        "password", "alice-demo"));
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forms.page(victim, "/account").statusCode()).isEqualTo(302);

    var signedIn = forms.postForm(victim, "/sign-in", Map.of("_csrf", victimsToken, "username", "alice",
        "password", "alice-demo"));
    assertThat(signedIn.headers().firstValue("Location")).hasValue("/account");
    assertThat(signedIn.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("SESSION="))
        .anyMatch(c -> c.startsWith("PLENARY-CSRF=;"));
    assertThat(forms.page(victim, "/account").statusCode()).isEqualTo(200);
    // Signed in, the form token lives in the session: the visitor's token no longer opens a form.
    var stale = forms.postForm(victim, "/sign-out", Map.of("_csrf", victimsToken));
    assertThat(stale.statusCode()).isEqualTo(403);
    Thread.sleep(300);
    assertThat(sessions()).isEqualTo(before + 1);
  }

  @Test
  void aVisitorGetsTheHotelFormWithTheirCookiesTokenAndNoSession() throws Exception {
    FormClient forms = new FormClient(port);
    HttpClient visitor = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    String page = "/groups/cloud/meetings/1006-gva/hotel-form";
    String token = FormClient.csrf(forms.page(visitor, page).body());
    long before = sessions();
    var pdf = visitor.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + page))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + java.net.URLEncoder.encode(token, "UTF-8")
            + "&hotel=1&room=SINGLE&rooms=1&arrival=2010-06-13&departure=2010-06-17&familyName=Durand&firstName=Ana"))
        .build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(pdf.statusCode()).isEqualTo(200);
    assertThat(pdf.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/pdf"));
    assertThat(pdf.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("SESSION="));
    // Without the cookie, the page's token alone is refused: it proves nothing on its own.
    var bare = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + page))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + java.net.URLEncoder.encode(token, "UTF-8")
            + "&hotel=1&room=SINGLE&rooms=1&arrival=2010-06-13&departure=2010-06-17&familyName=Durand&firstName=Ana"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(bare.statusCode()).isEqualTo(403);
    Thread.sleep(300);
    assertThat(sessions()).isEqualTo(before);
  }

  private long sessions() {
    return jdbc.sql("SELECT COUNT(*) FROM SPRING_SESSION").query(Long.class).single();
  }

  private HttpResponse<String> send(HttpClient client, String path, String form, String cookie) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookie)
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The cookies an answer set, as the next request's Cookie header carries them. */
  private static String cookies(HttpResponse<String> answer) {
    return String.join("; ", answer.headers().allValues("Set-Cookie").stream().map(c -> c.split(";", 2)[0]).toList());
  }
}
