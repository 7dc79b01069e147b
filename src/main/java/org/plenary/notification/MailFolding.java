package org.plenary.notification;

import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Keeps a user who repeats an action from multiplying the mails it writes to others (a co-author re-uploading a
 * waiting file twenty times mailed the number's holder twenty receipts). A mail of a kind that can be repeated
 * carries what it is about ({@link Outbox.Kept#fold()}: its kind and the contribution): a newer one replaces one
 * still waiting in the outbox about the same thing to no one else (one receipt, saying the latest version), and
 * once {@code plenary.mail.fold-after} mails of its kind went to one of its recipients within {@code
 * plenary.mail.fold-window}, the next is held until the window has passed (newer ones fold into it), then sent.
 * Decisions (publication, rejection, registration, visa letters) carry nothing to fold by: never folded nor held.
 */
@Component
class MailFolding {

  private final Outbox outbox;
  private final Duration window;
  private final int after;

  MailFolding(Outbox outbox, @Value("${plenary.mail.fold-window:10m}") Duration window,
      @Value("${plenary.mail.fold-after:3}") int after) {
    this.outbox = outbox;
    this.window = window;
    this.after = after;
  }

  /** The mail as it is to be kept: folding the waiting ones about the same thing, and held when its kind is over the bound. */
  Outbox.Kept fold(Outbox.Kept mail, Instant now) {
    if (mail.fold() == null || window.isZero()) {
      return mail;
    }
    Instant held = outbox.fold(mail.fold(), mail.to());
    if (held == null && after > 0 && outbox.keptSince(kind(mail.fold()), mail.to(), now.minus(window)) >= after) {
      held = now.plus(window);
    }
    return held == null ? mail : mail.heldUntil(held);
  }

  /** The kind of a fold key ({@code ContributionReceived:FG-0001} gives {@code ContributionReceived}). */
  private static String kind(String fold) {
    int colon = fold.indexOf(':');
    return colon < 0 ? fold : fold.substring(0, colon);
  }
}
