package org.plenary.notification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A message as kept in the outbox. {@code recipients} is the column as stored: one address a line
 * ({@link #stored}), or, in messages kept before that, the addresses joined by ", ".
 */
record MailMessage(long id, Instant createdAt, String recipients, String subject, String body, Status status,
    Instant sentAt, String error) {

  /**
   * The addresses as the outbox keeps them, one a line: an address may hold ", " in its quoted
   * local part ({@code "Smith, J"@example.org}) but never a line break, so they read back as written.
   */
  static String stored(List<String> to) {
    for (String address : to) {
      if (address.indexOf('\n') >= 0 || address.indexOf('\r') >= 0) {
        throw new IllegalArgumentException("An e-mail address cannot hold a line break: " + address.strip());
      }
    }
    return String.join("\n", to);
  }

  /** The addresses this message mails, as they were kept. */
  List<String> to() {
    if (recipients.indexOf('\n') >= 0) {
      return List.of(recipients.split("\n"));
    }
    return legacy(recipients);
  }

  /** The addresses for a page: joined by ", ". */
  public String toLine() {
    return String.join(", ", to());
  }

  /** A column written before one address a line: split at ", " outside quotes. */
  private static List<String> legacy(String joined) {
    var addresses = new ArrayList<String>();
    var current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < joined.length(); i++) {
      char c = joined.charAt(i);
      if (c == '\\' && quoted && i + 1 < joined.length()) {
        current.append(c).append(joined.charAt(++i));
        continue;
      }
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == ',' && joined.startsWith(", ", i)) {
        addresses.add(current.toString());
        current.setLength(0);
        i++;
        continue;
      }
      current.append(c);
    }
    addresses.add(current.toString());
    return List.copyOf(addresses);
  }

  public java.time.OffsetDateTime createdUtc() {
    return createdAt.atOffset(java.time.ZoneOffset.UTC);
  }

  /**
   * KEPT: no SMTP server is configured, the outbox is the delivery (or, with one, not yet claimed for
   * sending); SENDING: claimed by one node, which is handing it to SMTP; SENT: accepted by SMTP;
   * FAILED: refused; FOLDED: replaced, while it waited, by a newer mail about the same thing ({@link MailFolding}).
   */
  enum Status { KEPT, SENDING, SENT, FAILED, FOLDED }
}
