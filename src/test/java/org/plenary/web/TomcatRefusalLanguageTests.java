package org.plenary.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;

/**
 * What Tomcat refuses before the application (a %-escape that is none, a header too long): a browser gets a small
 * page in its language, everyone else (the API, curl) a problem in theirs. Raw sockets: HTTP clients will not send a
 * broken escape.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-tomcat-refusal;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/tomcat-refusal-${random.uuid}"})
class TomcatRefusalLanguageTests {

  private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
  /** What a browser sends, and the language each should be answered in. */
  private static final Map<String, Locale> LANGUAGES = Map.of("en-GB,en;q=0.9", Locale.ENGLISH,
      "fr-CH, fr;q=0.9, en;q=0.8", Locale.FRENCH, "es-419,es;q=0.9", Locale.forLanguageTag("es"),
      "ru-RU,ru;q=0.9,en-US;q=0.8", Locale.forLanguageTag("ru"), "zh-CN,zh;q=0.9", Locale.CHINESE,
      "ar-EG,ar;q=0.9", Locale.forLanguageTag("ar"));

  @LocalServerPort int port;
  @Autowired MessageSource messages;

  @Test
  void aBrowserRefusedByTomcatGetsASmallPageInItsLanguage() throws IOException {
    LANGUAGES.forEach((acceptLanguage, locale) -> {
      for (String path : new String[] {"/groups/%ZZ", "/t/fg/cloud/docs/%E0%A4%A"}) {
        String answer = answer("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: " + BROWSER
            + "\r\nAccept-Language: " + acceptLanguage + "\r\nConnection: close\r\n\r\n");
        String what = path + " in " + acceptLanguage;
        String head = answer.substring(0, answer.indexOf("\r\n\r\n"));
        String body = answer.substring(head.length() + 4);
        assertThat(head).as(what).startsWith("HTTP/1.1 400").containsIgnoringCase("Content-Type: text/html;charset=UTF-8")
            .containsIgnoringCase("Content-Language: " + locale.getLanguage())
            .containsIgnoringCase("X-Content-Type-Options: nosniff").containsIgnoringCase("X-Frame-Options: DENY")
            .containsIgnoringCase("Content-Security-Policy: default-src 'none'").containsIgnoringCase("Cache-Control: no-store")
            .containsIgnoringCase("Referrer-Policy: same-origin");
        assertThat(body).as(what).startsWith("<!DOCTYPE html>")
            .contains("<html lang=\"" + locale.getLanguage() + "\" dir=\"" + (locale.getLanguage().equals("ar") ? "rtl" : "ltr"))
            .contains(html(messages.getMessage("web.refused.detail", null, locale)))
            .contains(html(messages.getMessage("web.status.400", null, locale)))
            .contains("<a href=\"/\">" + html(messages.getMessage("web.error.back", null, locale)) + "</a>")
            .doesNotContain("Tomcat", "Exception", "<script", "<link", "<img", "{\"");
      }
    });
  }

  @Test
  void theApiAndClientsThatAskForNoPageGetAProblemInTheirLanguage() throws IOException {
    LANGUAGES.forEach((acceptLanguage, locale) -> {
      for (String[] request : new String[][] {{"/groups/%ZZ", "*/*"}, {"/api/v1/groups/%ZZ", BROWSER},
          {"/api/v1/groups/%ZZ", "application/json"}}) {
        String answer = answer("GET " + request[0] + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: " + request[1]
            + "\r\nAccept-Language: " + acceptLanguage + "\r\nConnection: close\r\n\r\n");
        String what = request[0] + " " + request[1] + " in " + acceptLanguage;
        assertThat(answer).as(what).startsWith("HTTP/1.1 400").containsIgnoringCase("Content-Type: application/problem+json")
            .containsIgnoringCase("Content-Language: " + locale.getLanguage())
            .containsIgnoringCase("Content-Security-Policy: default-src 'none'")
            .contains("\"status\":400", "\"detail\":\"" + messages.getMessage("web.refused.detail", null, locale) + "\"")
            .doesNotContain("<html");
      }
    });
  }

  /**
   * A cookie grown too large (the browser keeps sending it) is refused by Tomcat after the headers before it were read:
   * the page, in the reader's language. A request line too long stops Tomcat before any header: English JSON.
   */
  @Test
  void aHeaderTooLongAfterAcceptGetsThePageAndARequestLineTooLongAProblem() {
    String cookie = answer("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: " + BROWSER + "\r\nAccept-Language: ar\r\n"
        + "Cookie: big=" + "c".repeat(20_000) + "\r\nConnection: close\r\n\r\n");
    assertThat(cookie).startsWith("HTTP/1.1 400").containsIgnoringCase("Content-Type: text/html")
        .contains("<html lang=\"ar\" dir=\"rtl\"", html(messages.getMessage("web.refused.detail", null, Locale.forLanguageTag("ar"))));
    String line = answer("GET /search?q=" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: " + BROWSER
        + "\r\nAccept-Language: ar\r\nConnection: close\r\n\r\n");
    assertThat(line).startsWith("HTTP/1.1 400").containsIgnoringCase("Content-Type: application/problem+json")
        .contains("could not be read");
  }

  /** Without an Accept-Language the page is English; a request with no Accept is answered a problem. */
  @Test
  void noAcceptLanguageIsEnglishAndNoAcceptIsAProblem() {
    assertThat(answer("GET /groups/%ZZ HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: " + BROWSER + "\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 400").contains("<html lang=\"en\" dir=\"ltr\"", "could not be read");
    assertThat(answer("GET /groups/%ZZ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 400").containsIgnoringCase("Content-Type: application/problem+json").contains("could not be read");
  }

  private static String html(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private String answer(String request) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
