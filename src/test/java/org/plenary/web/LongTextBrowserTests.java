package org.plenary.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
import org.plenary.contribution.DemoApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A title and a source of one long word each (what a pasted file name or an organization written without spaces
 * gives) keep the pages that show them within the window, at a phone's 320 px and at 1280 px, left to right and
 * right to left: before, the document page's facts grew to the word's width (1,185 px wide at 320).
 */
class LongTextBrowserTests extends CappedDemoBrowserTest {

  @Autowired JdbcClient jdbc;

  @Test
  void aTitleAndASourceOfOneLongWordWrapInsteadOfWideningThePage() throws Exception {
    var api = new DemoApi(HttpClient.newHttpClient(), port);
    String token = api.token("alice");
    String code = api.upcoming();
    String title = "Supercalifragilisticexpialidocious".repeat(6) + " of the reference architecture";
    String source = "OrganisationWithAVeryLongNameWithoutSpaces".repeat(3);
    HttpResponse<String> made = api.http().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/api/v1/groups/cloud/meetings/" + code + "/contributions"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"" + title + "\",\"source\":\"" + source + "\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
    String number = DemoApi.field(made.body(), "number");
    browser.signIn("alice", "alice-demo");
    for (String language : new String[] {"en", "ar"}) {
      for (String path : new String[] {"/documents/" + number, "/groups/cloud/meetings/" + code + "/documents", "/desk"}) {
        browser.viewport(320, 900);
        browser.open(path + "?lang=" + language);
        for (int width : new int[] {320, 1280}) { // one load, laid out at each width
          browser.relayout(width, 900);
          assertThat(browser.script("return document.documentElement.scrollWidth - document.documentElement.clientWidth;"))
              .as("px wider than the window: %s at %d px in %s", path, width, language).isEqualTo(0L);
        }
      }
    }
  }

  /**
   * An agenda item's title stored before RIGHT-TO-LEFT OVERRIDE left open was refused ("Opening" U+202E) is shown on a
   * document's page with the next item after it on the same line: the next item reads left to right, in its order.
   * The override ran on to the end of the line: "2. Working methods" read "sdohtem gnikroW .2". (The title is closed
   * where the template shows it; a title marked with its language is isolated by the style sheet as well.)
   */
  @Test
  void aTitleLeavingADirectionOverrideOpenReordersNothingAfterIt() throws Exception {
    var api = new DemoApi(HttpClient.newHttpClient(), port);
    String code = api.upcoming();
    var items = jdbc.sql("SELECT i.id FROM meeting_agenda_items i JOIN meetings m ON m.id = i.meeting_id WHERE m.code = ?"
        + " ORDER BY i.ordinal").param(code).query(Long.class).list();
    HttpResponse<String> made = api.http().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/api/v1/groups/cloud/meetings/" + code + "/contributions"))
        .header("Authorization", "Bearer " + api.token("alice")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Agenda order\",\"source\":\"Orange\",\"agendaItemIds\":["
            + items.get(0) + "," + items.get(1) + "]}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
    String number = DemoApi.field(made.body(), "number");
    String title = jdbc.sql("SELECT title FROM meeting_agenda_items WHERE id = ?").param(items.get(0)).query(String.class).single();
    jdbc.sql("UPDATE meeting_agenda_items SET title = ? WHERE id = ?").params("Opening \u202Eof the meeting", items.get(0)).update();
    try {
      Thread.sleep(1_200); // meetings read before are kept for plenary.catalog.cache-time (1 s here)
      browser.driver().manage().window().setSize(new Dimension(1280, 900));
      browser.open("/documents/" + number + "?lang=en");
      Object inOrder = browser.script("""
          var spans = document.querySelectorAll('.agenda-item');
          if (spans.length < 2 || spans[0].textContent.indexOf('\\u202E') < 0) { return 'not shown: ' + spans.length; }
          var next = spans[1].firstChild, range = document.createRange();
          range.setStart(next, 3); range.setEnd(next, 4);
          var first = range.getBoundingClientRect().left;
          range.setStart(next, 5); range.setEnd(next, 6);
          return first < range.getBoundingClientRect().left;""");
      assertThat(inOrder).as("the next agenda item after the title reads left to right").isEqualTo(true);
    } finally {
      jdbc.sql("UPDATE meeting_agenda_items SET title = ? WHERE id = ?").params(title, items.get(0)).update();
    }
  }
}
