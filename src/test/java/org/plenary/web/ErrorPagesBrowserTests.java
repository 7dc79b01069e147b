package org.plenary.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.plenary.Browser;
import org.plenary.contribution.DemoApi;

/**
 * Refusals a browser meets, in a real Chromium: a form sent with an expired CSRF token says so (not "Your account
 * may not do this"), in the page's language; a file past the upload cap is refused next to the field before it is
 * sent (before, sent whole, and past the web server's multipart limit the script wrote Tomcat's 413 problem in JSON
 * over the page; an answer that is not a page is no longer written over it); a new number's
 * audit trail names its allocation in each language (before, {@code ??contribution.audit.ALLOCATED_en??}).
 * {@link Browser#open} fails on any raw message key.
 */
class ErrorPagesBrowserTests extends CappedDemoBrowserTest {

  @Test
  void aFormSentWithAnExpiredTokenSaysSoInThePagesLanguage() {
    browser.driver().manage().deleteAllCookies();
    browser.open("/sign-in?lang=fr");
    browser.find(By.id("username")).sendKeys("alice");
    browser.find(By.id("password")).sendKeys("alice-demo");
    // The session that held the form's token ends (a restart, a time-out) before the form is sent; the
    // language chosen stays in its own cookie.
    browser.driver().manage().getCookies().stream().filter(c -> !c.getName().equals("plenary-lang"))
        .forEach(c -> browser.driver().manage().deleteCookie(c));
    browser.clickAndWait(By.cssSelector("main form button[type=submit]"));
    assertThat(browser.find(By.tagName("h1")).getText()).startsWith("403");
    assertThat(browser.find(By.tagName("main")).getText())
        .contains("code de sécurité expiré").doesNotContain("Votre compte");
    browser.assertAccessible();
  }

  /**
   * The same file sent by a browser without JavaScript: the page is the size refusal, in the page's language. Before,
   * the error page's own reading of {@code ?lang=} read the body again and failed, and the answer was another error's
   * problem in JSON ("its request line or headers are malformed").
   */
  @Test
  void aFormOverTheCapSentWithoutJavaScriptGetsTheSizeRefusalAsAPage() throws Exception {
    String boundary = "plenary-test";
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"FG-Cloud-I-0001.pdf\"\r\n"
        + "Content-Type: application/pdf\r\n\r\n" + "x".repeat(1_100_000) + "\r\n--" + boundary + "--\r\n";
    var answer = HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://127.0.0.1:" + port + "/documents/FG-Cloud-I-0001/files?lang=fr"))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Accept", "text/html")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    org.assertj.core.api.Assertions.assertThat(answer.statusCode()).isEqualTo(413);
    org.assertj.core.api.Assertions.assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> org.assertj.core.api.Assertions.assertThat(type).startsWith("text/html"));
    org.assertj.core.api.Assertions.assertThat(answer.body()).contains("dépasse ce que ce serveur accepte")
        .doesNotContain("malformed", "Exception");
  }

  @Test
  void aFileOverTheCapIsRefusedNextToTheFieldBeforeItIsSent() throws Exception {
    var api = new DemoApi(HttpClient.newHttpClient(), port);
    String number = api.allocate(api.token("alice"), "Too large for the cap");
    browser.driver().manage().deleteAllCookies();
    browser.signIn("alice", "alice-demo");
    for (String language : new String[] {"en", "fr", "es", "ru", "zh", "ar"}) {
      browser.open("/documents/" + number + "?lang=" + language);
      assertThat(browser.find(By.cssSelector("main table")).getText()).as(language).doesNotContain("ALLOCATED");
    }
    browser.open("/documents/" + number + "?lang=en");
    Path file = Files.createTempFile("plenary-", ".pdf");
    Files.write(file, new byte[2048]);
    browser.find(By.id("file")).sendKeys(file.toString());
    browser.find(By.cssSelector("#upload-form button[type=submit]")).click();
    new WebDriverWait(browser.driver(), Duration.ofSeconds(5))
        .until(d -> !d.findElement(By.id("upload-status")).getText().isEmpty());
    assertThat(browser.find(By.id("upload-status")).getText()).isEqualTo("The file is larger than the 1 KB limit; nothing was kept.");
    assertThat(browser.find(By.id("file")).getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(browser.path()).isEqualTo("/documents/" + number);
    browser.assertAccessible();
    Files.delete(file);
  }
}
