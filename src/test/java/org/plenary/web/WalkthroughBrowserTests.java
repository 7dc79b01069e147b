package org.plenary.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.plenary.DemoMeetings;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the browser walkthrough of 6 December saw, each fixed where it started: a group's text shown in its working
 * language laid out right to left on an Arabic page (full stops at the wrong end); a meeting's code in an Arabic
 * sentence shown backwards (gva-2701); tables squeezed into a phone's 375 px that broke Chinese words one character
 * a line and telephone numbers and meeting codes across lines; e-mail fields typed right to left; hidden buttons
 * shown ("Move item 1 up" on the first item, which did nothing); a participant list with no one in it that showed
 * an empty table and empty counts.
 */
class WalkthroughBrowserTests extends CappedDemoBrowserTest {

  /** Whether the text's first character is laid out to the left of its last one (a left-to-right run), in the element. */
  private static final String READS_LEFT_TO_RIGHT = """
      var walker = document.createTreeWalker(arguments[0], NodeFilter.SHOW_TEXT), text = arguments[1];
      for (var node = walker.nextNode(); node; node = walker.nextNode()) {
        var at = node.nodeValue.indexOf(text);
        if (at < 0) { continue; }
        var first = document.createRange(), last = document.createRange();
        first.setStart(node, at); first.setEnd(node, at + 1);
        last.setStart(node, at + text.length - 1); last.setEnd(node, at + text.length);
        return first.getBoundingClientRect().left < last.getBoundingClientRect().left;
      }
      return null;""";

  /** The elements matched whose text, one word (no space or punctuation to break at), takes more than one line. */
  private static final String BROKEN_WORDS = """
      var oneWord = arguments[1];
      return Array.from(document.querySelectorAll(arguments[0])).filter(function (e) {
        var text = e.textContent.trim();
        if (!text || (oneWord && /[\\s\\u3000-\\u303f\\uff08-\\uff1f,;:()-]/.test(text))) { return false; }
        var range = document.createRange();
        range.selectNodeContents(e);
        var tops = Array.from(range.getClientRects()).filter(function (r) { return r.width > 0; })
          .map(function (r) { return r.top; }).sort(function (a, b) { return a - b; });
        return tops.length > 0 && tops[tops.length - 1] - tops[0] > 8;
      }).map(function (e) { return e.textContent.trim(); });""";

  @Autowired MeetingCatalog meetings;
  @Autowired GroupCatalog groups;

  @AfterEach
  void wideAndSignedOut() {
    browser.windowViewport();
    browser.driver().manage().window().setSize(new Dimension(1280, 900));
    browser.driver().manage().deleteAllCookies();
  }

  @Test
  void theGroupsTextInItsWorkingLanguageReadsLeftToRightOnAnArabicPage() {
    String meeting = "/groups/cloud/meetings/" + DemoMeetings.upcoming(groups, meetings);
    browser.open(meeting + "?lang=ar");
    assertThat(direction("html")).isEqualTo("rtl");
    assertThat(direction("#practical-info")).as("practical information, in English").isEqualTo("ltr");
    assertThat(direction("#practical-info p")).as("its paragraphs").isEqualTo("ltr");
    assertThat(direction("ol.agenda .title")).as("an agenda item's English title").isEqualTo("ltr");
    assertThat(direction("ol.agenda")).as("the agenda's list itself, Arabic").isEqualTo("rtl");
    // English data in a cell or a value is marked by an element inside it: the cell keeps the page's direction.
    assertThat(direction("#fee bdi")).as("the fee as typed, \"None\"").isEqualTo("ltr");
    assertThat(direction("#fee")).as("the fee's value, in the page's direction").isEqualTo("rtl");
    browser.open("/groups/cloud?lang=ar");
    assertThat(direction("section.tor")).as("a clause of the terms of reference, in English").isEqualTo("ltr");
    assertThat(direction("#group-deliverables li a")).as("a deliverable's English title").isEqualTo("ltr");
    browser.open("/groups/cloud/deliverables?lang=ar");
    assertThat(direction("#deliverables td a")).as("a deliverable's English title").isEqualTo("ltr");
    assertThat(direction("#milestones td:nth-child(2) bdi")).as("a milestone's English title").isEqualTo("ltr");
    assertThat(direction("#milestones td:nth-child(2)")).as("its cell, in the page's direction").isEqualTo("rtl");
    browser.open("/groups/cloud/living-list?lang=ar");
    assertThat(direction("#living-list td:nth-child(3) bdi")).as("the topics of a living list's entry").isEqualTo("ltr");
    assertThat(direction("#living-list th")).as("the list's own headings, Arabic").isEqualTo("rtl");
    browser.open(meeting + "?lang=en");
    assertThat(direction("#practical-info")).as("on an English page nothing changes").isEqualTo("ltr");
  }

  @Test
  void aTimeAndAPlaceAreJoinedAsThePagesLanguageJoinsThem() {
    var meeting = DemoMeetings.upcomingMeeting(groups, meetings);
    browser.open("/groups/cloud/meetings/" + meeting.code() + "?lang=zh");
    assertThat(fact(meeting.deskPlace())).isEqualTo(meeting.deskOpensAt() + " 起，" + meeting.deskPlace());
    assertThat(fact(meeting.venueAddress())).isEqualTo(meeting.venueName() + "，" + meeting.venueAddress());
    browser.open("/groups/cloud/meetings/" + meeting.code() + "?lang=fr");
    assertThat(fact(meeting.deskPlace())).isEqualTo("À partir de " + meeting.deskOpensAt() + ", " + meeting.deskPlace());
  }

  @Test
  void tablesOnAPhoneKeepChineseWordsTelephoneNumbersAndMeetingCodesOnOneLine() {
    browser.viewport(375, 740);
    String meeting = "/groups/cloud/meetings/" + DemoMeetings.upcoming(groups, meetings);
    browser.open("/groups/cloud?lang=zh");
    assertThat(brokenWords("main th, main td", true)).as("Chinese words in the group page's tables").isEmpty();
    assertThat(brokenWords("main .whole", false)).as("meeting codes").isEmpty();
    for (String language : new String[] {"zh", "ar", "en"}) {
      browser.open(meeting + "?lang=" + language);
      assertThat(brokenWords("main th, main td", true)).as("words in the meeting page's tables, %s", language).isEmpty();
      assertThat(brokenWords("main .whole", false)).as("telephone numbers and rates, %s", language).isEmpty();
    }
  }

  @Test
  void aMeetingsCodeInAnArabicSentenceKeepsItsOrderAndAnEmailIsTypedLeftToRight() {
    String code = DemoMeetings.upcoming(groups, meetings);
    browser.signIn("tsb", "tsb-demo");
    browser.open("/groups/cloud/meetings/" + code + "/participants?lang=ar");
    var crumb = browser.find(By.cssSelector("nav.breadcrumb li:nth-child(3) a"));
    assertThat(browser.script(READS_LEFT_TO_RIGHT, crumb, code)).as("%s in «%s»", code, crumb.getText()).isEqualTo(true);
    var heading = browser.find(By.tagName("h1"));
    assertThat(browser.script(READS_LEFT_TO_RIGHT, heading, code)).as("%s in «%s»", code, heading.getText()).isEqualTo(true);
    browser.open("/admin/accounts?lang=ar");
    assertThat(direction("main input[type=email]")).isEqualTo("ltr");
    assertThat(direction("main input[type=text]")).as("a name is typed in the page's direction").isEqualTo("rtl");
  }

  @Test
  void aHiddenButtonIsNotShownWhateverItsClassSays() {
    String code = DemoMeetings.upcoming(groups, meetings);
    browser.signIn("chair", "chair-demo");
    browser.open("/groups/cloud/meetings/" + code + "/agenda?lang=en");
    var rows = browser.all(By.cssSelector("ol[data-reorder] > li"));
    assertThat(rows).hasSizeGreaterThan(1);
    assertThat(rows.getFirst().findElement(By.cssSelector("button[value^='up:']")).isDisplayed())
        .as("Move item 1 up").isFalse();
    assertThat(rows.getLast().findElement(By.cssSelector("button[value^='down:']")).isDisplayed())
        .as("Move the last item down").isFalse();
    assertThat(rows.get(1).findElement(By.cssSelector("button[value^='up:']")).isDisplayed())
        .as("Move item 2 up").isTrue();
  }

  @Test
  void aParticipantListWithNoOneToShowSaysSoInsteadOfShowingAnEmptyTable() {
    String code = DemoMeetings.upcoming(groups, meetings);
    browser.signIn("tsb", "tsb-demo");
    var none = java.util.Map.of("fr", "Personne ne s’est encore inscrit à cette réunion.", "ar", "لم يسجّل أحد في هذا الاجتماع بعد.");
    var noMatch = java.util.Map.of("fr", "Aucune inscription ne correspond à ce filtre.", "ar", "لا يوجد تسجيل يطابق عامل التصفية هذا.");
    for (String language : new String[] {"fr", "ar"}) {
      // Other classes of this context may have registered someone: the list then has rows, and the filter none.
      browser.open("/groups/cloud/meetings/" + code + "/participants?lang=" + language);
      boolean anyone = !browser.all(By.cssSelector("main > table")).isEmpty();
      if (!anyone) {
        assertThat(browser.find(By.id("no-participants")).getText()).isEqualTo(none.get(language));
        assertThat(browser.all(By.id("counts-heading"))).as("counts of no one").isEmpty();
      }
      browser.open("/groups/cloud/meetings/" + code + "/participants?q=nobody-is-called-this&lang=" + language);
      assertThat(browser.find(By.id("no-participants")).getText()).isEqualTo((anyone ? noMatch : none).get(language));
      assertThat(browser.all(By.cssSelector("main > table"))).as("an empty table").isEmpty();
      browser.assertAccessible();
    }
  }

  /** The text of the meeting's fact (a dd of the facts list) that holds the value. */
  private String fact(String value) {
    return browser.all(By.cssSelector("dl.facts dd")).stream().map(dd -> dd.getText()).filter(text -> text.contains(value))
        .findFirst().orElseThrow();
  }

  private String direction(String selector) {
    return (String) browser.script("return getComputedStyle(document.querySelector(arguments[0])).direction;", selector);
  }

  @SuppressWarnings("unchecked")
  private List<String> brokenWords(String selector, boolean oneWordOnly) {
    return (List<String>) browser.script(BROKEN_WORDS, selector, oneWordOnly);
  }
}
