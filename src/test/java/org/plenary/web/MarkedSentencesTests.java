package org.plenary.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.StaticMessageSource;

class MarkedSentencesTests {

  private final StaticMessageSource messages = new StaticMessageSource();
  private final MarkedSentences marked = new MarkedSentences(messages);

  MarkedSentencesTests() {
    messages.addMessage("meeting.show.heading", Locale.CHINESE, "{0} 会议，{1}");
    messages.addMessage("meeting.show.heading", Locale.forLanguageTag("ar"), "اجتماع {0}، {1}");
    messages.addMessage("meeting.show.heading", Locale.ENGLISH, "{0} meeting, {1} <&>");
    messages.addMessage("output.terms.related", Locale.CHINESE, "相关术语：{0}");
    messages.addMessage("output.terms.related", Locale.forLanguageTag("ar"), "مصطلحات ذات صلة: {0}");
  }

  /** Related terms: each in its own span, the page language's separators between them outside every span. */
  @Test
  void enumeratesMarkedItemsWithTheReadersSeparatorsOutsideTheirSpans() {
    LocaleContextHolder.setLocale(Locale.CHINESE);
    assertThat(marked.sentence("output.terms.related", marked.items(Locale.ENGLISH,
            java.util.List.of("cloud computing", "SaaS <x>"))))
        .isEqualTo("相关术语：<span lang=\"en\">cloud computing</span>、<span lang=\"en\">SaaS &lt;x&gt;</span>");
    LocaleContextHolder.setLocale(Locale.forLanguageTag("ar"));
    assertThat(marked.sentence("output.terms.related", marked.items("en", java.util.List.of("IaaS", "PaaS"))))
        .isEqualTo("مصطلحات ذات صلة: \u2068<span lang=\"en\">IaaS</span>\u2069، \u2068<span lang=\"en\">PaaS</span>\u2069");
  }

  @AfterEach
  void reset() {
    LocaleContextHolder.resetLocaleContext();
  }

  @Test
  void putsEachMarkedArgumentInASpanWithItsLanguageAndEscapesEverything() {
    LocaleContextHolder.setLocale(Locale.CHINESE);
    assertThat(marked.sentence("meeting.show.heading", "FG Cloud", marked.in(Locale.ENGLISH, "ITU <b>Headquarters</b>")))
        .isEqualTo("FG Cloud 会议，<span lang=\"en\">ITU &lt;b&gt;Headquarters&lt;/b&gt;</span>");
  }

  @Test
  void isolatesLeftToRightArgumentsOnRightToLeftPages() {
    LocaleContextHolder.setLocale(Locale.forLanguageTag("ar"));
    assertThat(marked.sentence("meeting.show.heading", "1006-gva", marked.in("en", "ITU Headquarters, Geneva")))
        .isEqualTo("اجتماع \u2068" + "1006-gva\u2069، \u2068<span lang=\"en\">ITU Headquarters, Geneva</span>\u2069");
  }

  /** A name nobody knows the language of (the desk's "Reason for rejecting Alice") is isolated in a bdi without lang. */
  @Test
  void isolatesATextOfUnknownLanguageInABdiWithoutLang() {
    LocaleContextHolder.setLocale(Locale.CHINESE);
    assertThat(marked.sentence("meeting.show.heading", marked.unknown("Alice <Example>"), "日内瓦"))
        .isEqualTo("<bdi>Alice &lt;Example&gt;</bdi> 会议，日内瓦");
    LocaleContextHolder.setLocale(Locale.ENGLISH);
    assertThat(marked.sentence("meeting.show.heading", marked.unknown("Alice"), marked.unknown("")))
        .isEqualTo("<bdi>Alice</bdi> meeting,  &lt;&amp;&gt;");
  }

  @Test
  void marksNothingInTheReadersOwnLanguageAndEscapesTheSentenceToo() {
    LocaleContextHolder.setLocale(Locale.ENGLISH);
    assertThat(marked.sentence("meeting.show.heading", marked.in("en", "FG Cloud"), marked.in("en", "")))
        .isEqualTo("FG Cloud meeting,  &lt;&amp;&gt;");
  }
}
