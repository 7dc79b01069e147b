package org.plenary.notification;

import org.plenary.desk.MailFailures;
import org.springframework.stereotype.Component;

/** Tells the secretariat's desk how many messages the SMTP server refused (kept in the outbox as FAILED). */
@Component
class OutboxFailures implements MailFailures {

  private final Outbox outbox;

  OutboxFailures(Outbox outbox) {
    this.outbox = outbox;
  }

  @Override
  public long failedCount() {
    return outbox.countFailed();
  }
}
