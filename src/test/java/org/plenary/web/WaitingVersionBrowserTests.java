package org.plenary.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.plenary.contribution.DemoApi;

/**
 * Two tabs of one author: the document's page, opened before the other tab (here the API) sent a version,
 * does not replace that version unseen. Its upload is refused with the sentence naming the waiting file;
 * the page it then shows says which version an upload replaces, and replaces it.
 */
class WaitingVersionBrowserTests extends CappedDemoBrowserTest {

  @Test
  void thePageOpenedBeforeAnotherTabsUploadRefusesToReplaceItUnseenThenReplacesItKnowingly() throws Exception {
    var api = new DemoApi(HttpClient.newHttpClient(), port);
    String token = api.token("alice");
    String number = api.allocate(token, "Two tabs");
    browser.driver().manage().deleteAllCookies();
    browser.signIn("alice", "alice-demo");
    browser.open("/documents/" + number + "?lang=en");
    assertThat(browser.all(By.id("upload-replaces"))).as("nothing waits yet").isEmpty();

    var other = api.upload(token, number, number + ".txt", "the other tab's version".getBytes(StandardCharsets.UTF_8));
    assertThat(other.statusCode()).as(other.body()).isEqualTo(201);
    Path file = Files.createTempFile("plenary-", ".txt");
    Path named = Files.move(file, file.resolveSibling(number + ".txt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    try {
      Files.writeString(named, "this tab's version");
      send(named);
      assertThat(browser.find(By.tagName("main")).getText())
          .contains(number + ".txt sent by Alice Martin on", "is waiting for the secretariat; yours was not stored");
      assertThat(incoming(number)).as("the other tab's version still waits").isEqualTo(DemoApi.field(other.body(), "sha256"));
      browser.assertAccessible();

      assertThat(browser.find(By.id("upload-replaces")).getText())
          .startsWith("This replaces the version waiting now: " + number + ".txt, sent by Alice Martin on");
      send(named);
      assertThat(browser.find(By.tagName("main")).getText()).doesNotContain("is waiting for the secretariat");
      assertThat(incoming(number)).as("this tab's version waits now").isEqualTo(
          java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
              .digest("this tab's version".getBytes(StandardCharsets.UTF_8))));
      var now = api.upload(token, number, number + ".txt", "a third".getBytes(StandardCharsets.UTF_8), null);
      assertThat(now.statusCode()).isEqualTo(409);
      assertThat(now.body()).contains(number + ".txt sent by Alice Martin");
    } finally {
      Files.deleteIfExists(named);
    }
  }

  /** The SHA-256 of the version waiting, as the API gives the contribution. */
  private String incoming(String number) throws Exception {
    var answer = HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://localhost:" + port + "/api/v1/contributions/" + number)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    return answer.body().replaceAll("(?s).*\"incoming\":\\{[^}]*\"sha256\":\"([0-9a-f]+)\".*", "$1");
  }

  private void send(Path file) {
    String before = browser.find(By.id("upload-form")).getAttribute("data-max-bytes");
    browser.find(By.id("file")).sendKeys(file.toString());
    var form = browser.find(By.id("upload-form"));
    browser.find(By.cssSelector("#upload-form button[type=submit]")).click();
    new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d -> {
      try {
        form.isDisplayed();
        return false;
      } catch (org.openqa.selenium.StaleElementReferenceException replaced) {
        return true;
      }
    });
    assertThat(before).isNotNull();
  }
}
