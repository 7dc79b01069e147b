package org.plenary.notification;

import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Keeps every message in the outbox and, when an SMTP server is configured ({@code
 * spring.mail.host}), sends it there too. A refused message stays in the outbox marked FAILED.
 */
@Component
class Mailer {

  private static final Logger log = LoggerFactory.getLogger(Mailer.class);

  private final Outbox outbox;
  private final JavaMailSender smtp;
  private final String from;
  private final Clock clock;

  Mailer(Outbox outbox, ObjectProvider<JavaMailSender> smtp, @Value("${plenary.mail.from:plenary@localhost}") String from,
      Clock clock) {
    this.outbox = outbox;
    this.smtp = smtp.getIfAvailable(); // looked up once: a look-up per mail cost more than the mail
    this.from = from;
    this.clock = clock;
  }

  void send(List<String> recipients, String subject, String body) {
    long id = outbox.keep(clock.instant(), String.join(", ", recipients), subject, body);
    if (smtp == null) {
      return;
    }
    var message = new SimpleMailMessage();
    message.setFrom(from);
    message.setTo(recipients.toArray(String[]::new));
    message.setSubject(subject);
    message.setText(body);
    try {
      smtp.send(message);
      outbox.sent(id, clock.instant());
    } catch (MailException e) {
      log.warn("SMTP refused message {} to {}: {}", id, recipients, e.getMessage());
      outbox.failed(id, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
  }
}
