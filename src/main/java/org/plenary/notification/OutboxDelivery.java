package org.plenary.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends what a node kept but did not send: a message still KEPT a minute after it was written (its
 * node stopped before claiming it), one whose attempt failed for a passing reason and is due again
 * ({@link SmtpHandover}), one held by {@link MailFolding} until its window has passed, or one
 * claimed for sending ten minutes ago and never finished (its node
 * died while sending; such a message may then reach SMTP twice, never zero times). Attachments are
 * read back from the outbox. Runs every 30 seconds on every node, only when an SMTP server is
 * configured; the claims make it safe on several nodes at once.
 */
@Component
class OutboxDelivery {

  static final Duration UNCLAIMED = Duration.ofMinutes(1);
  static final Duration STALE_CLAIM = Duration.ofMinutes(10);

  private static final Logger log = LoggerFactory.getLogger(OutboxDelivery.class);

  private final Outbox outbox;
  private final SmtpHandover handover;
  private final Clock clock;

  OutboxDelivery(Outbox outbox, SmtpHandover handover, Clock clock) {
    this.outbox = outbox;
    this.handover = handover;
    this.clock = clock;
  }

  @Scheduled(initialDelay = 30_000, fixedDelay = 30_000)
  void scheduled() {
    if (handover.sending()) {
      deliverLeftovers(clock.instant());
    }
  }

  /** Returns how many left-over messages were looked at. */
  int deliverLeftovers(Instant now) {
    int released = outbox.releaseClaimsBefore(now.minus(STALE_CLAIM));
    if (released > 0) {
      log.warn("{} message(s) claimed by a node that did not finish sending them are sent again.", released);
    }
    var ids = outbox.keptBefore(now.minus(UNCLAIMED), now, 100);
    ids.forEach(id -> outbox.find(id).map(handover::kept).ifPresent(handover::handOver));
    return ids.size();
  }
}
