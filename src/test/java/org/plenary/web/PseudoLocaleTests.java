package org.plenary.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.plenary.shared.MessageBundles;
import org.springframework.context.MessageSource;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.mock.env.MockEnvironment;

/**
 * The pseudo-locale makes pseudo only what a bundle says: a sentence that comes from code (the default
 * message of a resolvable whose key no bundle has) stays plain English, so the browser test sees it as
 * untranslated instead of taking it for a translation.
 */
class PseudoLocaleTests {

  private final MessageSource messages = (MessageSource) new PseudoLocale(
      new MockEnvironment().withProperty("plenary.i18n.pseudo-locale", "true"))
      .postProcessAfterInitialization(new MessageBundles().messageSource(), "messageSource");

  @Test
  void aKeyedSentenceIsWrappedAndItsArgumentsKeptAsTheyAre() {
    var refusal = new DefaultMessageSourceResolvable(new String[] {"output.unknown.term"}, new Object[] {"FG Cloud", "42"},
        "FG Cloud has no term 42.");
    String said = messages.getMessage(refusal, PseudoLocale.LOCALE);
    assertThat(said).startsWith("[!! ").endsWith(" !!]").contains("FG Cloud", "42");
  }

  @Test
  void aSentenceWrittenInCodeStaysUnwrapped() {
    var written = new DefaultMessageSourceResolvable(new String[] {"nowhere.in.any.bundle"}, null,
        "There is no such thing here.");
    assertThat(messages.getMessage(written, PseudoLocale.LOCALE)).isEqualTo("There is no such thing here.");
    assertThat(messages.getMessage("nowhere.in.any.bundle", null, "Written in code.", PseudoLocale.LOCALE))
        .isEqualTo("Written in code.");
    assertThat(messages.getMessage("web.status.404", null, "Not found", PseudoLocale.LOCALE)).startsWith("[!! ");
  }

  @Test
  void aNumberArgumentStillChoosesTheWordsAndIsFormattedAsANumber() {
    assertThat(messages.getMessage("search.count", new Object[] {3L}, PseudoLocale.LOCALE))
        .startsWith("[!! ").contains("3").doesNotContain("{0");
    assertThat(messages.getMessage("search.count", new Object[] {1L}, null, PseudoLocale.LOCALE)).startsWith("[!! 1 ");
  }

  @Test
  void otherLanguagesAreUntouched() {
    var refusal = new DefaultMessageSourceResolvable(new String[] {"output.unknown.term"}, new Object[] {"FG Cloud", "42"});
    assertThat(messages.getMessage(refusal, Locale.FRENCH)).isEqualTo("Le FG Cloud n’a pas de terme 42.");
  }
}
