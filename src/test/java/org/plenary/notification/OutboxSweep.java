package org.plenary.notification;

import java.time.Instant;
import org.springframework.boot.test.context.TestComponent;

/** For tests of other packages: runs the outbox's delivery of left-over and held mails as at {@code now}. */
@TestComponent
public class OutboxSweep {

  private final OutboxDelivery delivery;

  OutboxSweep(OutboxDelivery delivery) {
    this.delivery = delivery;
  }

  public int deliverDue(Instant now) {
    return delivery.deliverLeftovers(now);
  }
}
