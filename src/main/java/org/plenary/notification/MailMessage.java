package org.plenary.notification;

import java.time.Instant;

/** A message as kept in the outbox. */
record MailMessage(long id, Instant createdAt, String recipients, String subject, String body, Status status,
    Instant sentAt, String error) {

  public java.time.OffsetDateTime createdUtc() {
    return createdAt.atOffset(java.time.ZoneOffset.UTC);
  }

  /**
   * KEPT: no SMTP server is configured, the outbox is the delivery (or, with one, not yet claimed for
   * sending); SENDING: claimed by one node, which is handing it to SMTP; SENT: accepted by SMTP;
   * FAILED: refused.
   */
  enum Status { KEPT, SENDING, SENT, FAILED }
}
