package org.plenary.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code /api}, Swagger UI inside Plenary's layout, in a real Chromium: axe-core's WCAG 2.2 AA rules pass once
 * the description is drawn and with an operation opened for "Try it out" (Swagger UI's own palette, its deep
 * links inside buttons, its unnamed server list and its example blocks failed them), in English and in Arabic,
 * at 1280 and 320 px without a page wider than the window; Springdoc's own page leads there. axe's best-practice
 * rules pass too from "moderate" up: Swagger UI's own layout nested a second {@code main} in the page's and a second
 * {@code h1} with its tags' {@code h3} below it. Its Authorize window is a modal dialog, named, that Esc closes with
 * the focus back on its button (the focus fell to the page's body).
 */
class ApiPageBrowserTests extends CappedDemoBrowserTest {

  @Test
  void theDescriptionPassesAxeWithAnOperationOpenInEnglishAndArabicAtEveryWidthBestPracticesIncluded() {
    for (String language : new String[] {"en", "ar"}) {
      // One load a language, laid out at each width with the operation open (the layout follows the viewport).
      browser.viewport(1280, 900);
      browser.open("/api?lang=" + language);
      new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
          .until(d -> !d.findElements(By.cssSelector("#swagger-ui .opblock")).isEmpty());
      assertThat(browser.find(By.id("swagger-ui")).getAttribute("lang")).isEqualTo("en");
      browser.find(By.cssSelector("[id$='-allocateContribution'] .opblock-summary-control")).click();
      browser.find(By.cssSelector("[id$='-allocateContribution'] .try-out__btn")).click();
      browser.find(By.cssSelector("[id$='-allocateContribution'] textarea"));
      for (int width : new int[] {1280, 320}) {
        browser.relayout(width, 900);
        browser.assertAccessibleHeadingsInOrderAndNoViolationsFrom("moderate");
        assertThat(browser.script("return document.documentElement.scrollWidth - document.documentElement.clientWidth;"))
            .as("%s px wider than the window at %d px in %s", "/api", width, language).isEqualTo(0L);
      }
    }
    browser.windowViewport();
  }

  @Test
  void theAuthorizeWindowIsAModalDialogThatEscClosesGivingTheFocusBackToItsButton() {
    browser.viewport(1280, 900);
    browser.open("/api?lang=fr");
    new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
        .until(d -> !d.findElements(By.cssSelector("#swagger-ui .opblock")).isEmpty());
    WebElement authorize = browser.find(By.cssSelector("#swagger-ui .btn.authorize"));
    authorize.sendKeys(Keys.ENTER);
    WebElement dialog = browser.find(By.cssSelector("#swagger-ui .modal-ux"));
    assertThat(dialog.getAttribute("role")).isEqualTo("dialog");
    assertThat(dialog.getAttribute("aria-modal")).isEqualTo("true");
    assertThat(browser.find(By.id(dialog.getAttribute("aria-labelledby"))).getText()).as("the dialog's name").isNotBlank();
    browser.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
    new WebDriverWait(browser.driver(), Duration.ofSeconds(5))
        .until(d -> d.findElements(By.cssSelector("#swagger-ui .modal-ux")).isEmpty());
    assertThat(browser.driver().switchTo().activeElement()).as("the focus after Esc").isEqualTo(authorize);
  }

  /**
   * The keyboard sees the site's focus ring on {@code /api} (amber around a dark ring, as on every other page):
   * Swagger UI drew its own blue one. In forced colours what Swagger UI marks out by a background alone (the method
   * badges, the version stamps) keeps an edge: those modes drop backgrounds, and the badges were gone.
   */
  @Test
  void theApiPageShowsTheSitesFocusRingAndKeepsItsBadgesInForcedColours() {
    browser.viewport(1280, 900);
    browser.open("/api?lang=en");
    new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
        .until(d -> !d.findElements(By.cssSelector("#swagger-ui .opblock")).isEmpty());
    browser.find(By.cssSelector("[id$='-allocateContribution'] .opblock-summary-control")).click();
    browser.script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);");
    browser.find(By.tagName("body")).sendKeys(Keys.TAB);
    java.util.List<String> otherRings = new java.util.ArrayList<>();
    int inside = 0;
    for (int i = 0; i < 80; i++) {
      Object ring = browser.script("""
          var e = document.activeElement, s = getComputedStyle(e);
          if (!e.closest('#swagger-ui')) { return null; }
          return e.tagName + '.' + e.className + ' ' + s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor + ' | ' + s.boxShadow;""");
      if (ring != null) {
        inside++;
        if (!String.valueOf(ring).contains("solid 3px rgb(242, 169, 0) | rgb(27, 31, 36)")) {
          otherRings.add(String.valueOf(ring));
        }
      }
      browser.driver().switchTo().activeElement().sendKeys(Keys.TAB);
    }
    assertThat(inside).as("stops of the Tab key inside Swagger UI").isGreaterThan(10);
    assertThat(otherRings).as("focus rings other than the site's").isEmpty();
    try {
      browser.script("""
          function behind(e) { for (; e; e = e.parentElement) { var c = getComputedStyle(e).backgroundColor;
            if (c !== 'rgba(0, 0, 0, 0)') { return c; } } return 'rgb(255, 255, 255)'; }
          document.querySelectorAll('#swagger-ui *').forEach(function (e) {
            var s = getComputedStyle(e);
            if (s.display === 'inline' || !e.checkVisibility() || s.backgroundColor === 'rgba(0, 0, 0, 0)'
                || s.backgroundColor === behind(e.parentElement) || e.textContent.trim() === '') { return; }
            e.setAttribute('data-background-edge', '');
          });""");
      assertThat(browser.all(By.cssSelector("#swagger-ui .opblock-summary-method[data-background-edge]"))).as("method badges").isNotEmpty();
      browser.emulateMedia("", java.util.Map.of("forced-colors", "active"));
      Object edgeless = browser.script("""
          return Array.from(document.querySelectorAll('[data-background-edge]')).filter(function (e) {
            var s = getComputedStyle(e);
            return !['Top', 'Right', 'Bottom', 'Left'].some(function (side) {
              return parseFloat(s['border' + side + 'Width']) > 0 && s['border' + side + 'Style'] !== 'none'; });
          }).map(function (e) { return e.tagName + '.' + e.className + ' "' + e.textContent.trim().substring(0, 20) + '"'; })
            .filter(function (v, i, all) { return all.indexOf(v) === i; }).slice(0, 12).join(', ');""");
      assertThat(edgeless).as("shapes of Swagger UI drawn by a background only, lost in forced colours").isEqualTo("");
    } finally {
      browser.emulateMedia("", java.util.Map.of());
    }
  }

  @Test
  void springdocsOwnPageLeadsToTheApiPage() throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      for (String old : new String[] {"/api/swagger-ui.html", "/api/swagger-ui/index.html"}) {
        HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + old)).build(),
            HttpResponse.BodyHandlers.discarding());
        assertThat(answer.statusCode()).as(old).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location")).as(old).hasValueSatisfying(l -> assertThat(l).endsWith("/api"));
      }
      HttpResponse<Void> css = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
          + "/webjars/swagger-ui/swagger-ui-bundle.js")).build(), HttpResponse.BodyHandlers.discarding());
      assertThat(css.statusCode()).as("Swagger UI's script, which /api loads").isEqualTo(200);
    }
  }
}
