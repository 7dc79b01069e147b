package org.plenary.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
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
    String code = DateTimeFormatter.ofPattern("yyMM").format(LocalDate.now().plusWeeks(8)) + "-gva";
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
    for (int width : new int[] {320, 1280}) {
      browser.driver().manage().window().setSize(new Dimension(width, 900));
      for (String language : new String[] {"en", "ar"}) {
        for (String path : new String[] {"/documents/" + number, "/groups/cloud/meetings/" + code + "/documents", "/desk"}) {
          browser.open(path + "?lang=" + language);
          assertThat(browser.script("return document.documentElement.scrollWidth - document.documentElement.clientWidth;"))
              .as("px wider than the window: %s at %d px in %s", path, width, language).isEqualTo(0L);
        }
      }
    }
  }

  /**
   * A deliverable's title stored before RIGHT-TO-LEFT OVERRIDE left open was refused ("Benefits" U+202E) is shown on the
   * group's page followed by its state on the same line: the state reads left to right, in its order, on an English
   * page and a French one. The override ran on to the end of the line: "Draft" read "tfarD".
   */
  @Test
  void aTitleLeavingADirectionOverrideOpenReordersNothingAfterIt() {
    long id = jdbc.sql("SELECT MIN(id) FROM deliverables WHERE title LIKE 'Benefits of cloud%'").query(Long.class).single();
    String title = jdbc.sql("SELECT title FROM deliverables WHERE id = ?").param(id).query(String.class).single();
    jdbc.sql("UPDATE deliverables SET title = ? WHERE id = ?").params("Benefits of cloud \u202Ecomputing", id).update();
    try {
      for (String language : new String[] {"en", "fr"}) {
        browser.open("/groups/cloud?lang=" + language);
        Object inOrder = browser.script("""
            var link = [...document.querySelectorAll('#group-deliverables li a')]
                .find(function (a) { return a.textContent.indexOf('Benefits of cloud') === 0; });
            var state = link.parentElement.querySelector('span').firstChild, range = document.createRange();
            var latin = state.textContent.search(/[A-Za-z]{3}/);
            if (latin < 0) { return 'no Latin word in ' + state.textContent; }
            range.setStart(state, latin); range.setEnd(state, latin + 1);
            var first = range.getBoundingClientRect().left;
            range.setStart(state, latin + 2); range.setEnd(state, latin + 3);
            return first < range.getBoundingClientRect().left;""");
        assertThat(inOrder).as("the state after the title reads left to right in " + language).isEqualTo(true);
      }
    } finally {
      jdbc.sql("UPDATE deliverables SET title = ? WHERE id = ?").params(title, id).update();
    }
  }
}
