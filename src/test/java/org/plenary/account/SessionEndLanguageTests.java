package org.plenary.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.plenary.shared.MessageBundles;
import org.springframework.context.MessageSource;

/** A lock-out and an ended session are told in the reader's language on every channel (FTP after LANG too). */
class SessionEndLanguageTests {

  private final MessageSource messages = new MessageBundles().messageSource();

  @Test
  void aLockOutIsToldInFrenchWithTheTimeAndTheWaitInFrench() {
    var now = Instant.parse("2026-12-02T14:20:00Z");
    var locked = new SignInResult.LockedOut(now.plusSeconds(12 * 60), now);
    assertThat(locked.message(messages, Locale.FRENCH))
        .isEqualTo("Trop de tentatives de connexion échouées pour ce nom d’utilisateur ou depuis votre adresse."
            + " Réessayez après 14:32 UTC (dans 12 minutes).");
    assertThat(locked.message()).contains("Try again after 14:32 UTC (in 12 minutes)");
  }

  @Test
  void anEndedSessionIsToldInArabic() {
    assertThat(messages.getMessage(Standing.Ended.ACCOUNT_DISABLED.sentence(), Locale.forLanguageTag("ar")))
        .isEqualTo(messages.getMessage("account.ended.disabled", null, Locale.forLanguageTag("ar")))
        .doesNotContain("Your account");
  }
}
