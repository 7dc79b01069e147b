package org.plenary.notification;

import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import org.plenary.shared.Leases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Keeps every message in the outbox and, when an SMTP server is configured ({@code
 * spring.mail.host}), sends it there too, after claiming it (so that of several nodes only one sends
 * it). A refused message stays in the outbox marked FAILED.
 */
@Component
class Mailer {

  private static final Logger log = LoggerFactory.getLogger(Mailer.class);

  private final Outbox outbox;
  private final JavaMailSender smtp;
  private final String from;
  private final Clock clock;
  private final Leases leases;

  private final Recipients recipients;
  private final MessageSource messages;

  Mailer(Outbox outbox, ObjectProvider<JavaMailSender> smtp, @Value("${plenary.mail.from:plenary@localhost}") String from,
      Clock clock, Recipients recipients, MessageSource messages, Leases leases) {
    this.recipients = recipients;
    this.messages = messages;
    this.outbox = outbox;
    this.leases = leases;
    this.smtp = smtp.getIfAvailable(); // looked up once: a look-up per mail cost more than the mail
    this.from = from;
    this.clock = clock;
  }

  /**
   * One mail per language among the recipients, each written by {@code write} in that language
   * (the account's preferred one, else English).
   */
  void sendEach(List<String> addresses, Function<MailWords, MailWords.Letter> write) {
    recipients.byLanguage(addresses).forEach((language, group) -> {
      MailWords.Letter letter = write.apply(new MailWords(messages, language));
      send(group, letter.subject(), letter.body());
    });
  }

  /** {@link #sendEach} with a file: {@code attach} gives the file for a language. */
  void sendEach(List<String> addresses, Function<MailWords, MailWords.Letter> write,
      Function<java.util.Locale, Attachment> attach) {
    recipients.byLanguage(addresses).forEach((language, group) -> {
      MailWords words = new MailWords(messages, language);
      MailWords.Letter letter = write.apply(words);
      Attachment attachment = attach.apply(language);
      send(group, letter.subject(), letter.body(), attachment,
          words.say("notification.attached", attachment.name(), attachment.bytes().length));
    });
  }

  void send(List<String> recipients, String subject, String body) {
    long id = outbox.keep(clock.instant(), String.join(", ", recipients), subject, body);
    if (smtp == null) {
      return;
    }
    deliver(id, recipients, () -> smtp.send(plain(recipients, subject, body)));
  }

  /** Whether messages go to an SMTP server (otherwise the outbox is the delivery). */
  boolean sending() {
    return smtp != null;
  }

  /**
   * Sends a message its node kept but did not send (it stopped in between), as plain text: an
   * attachment is not kept in the outbox, its body names it.
   */
  void resend(MailMessage kept) {
    List<String> recipients = List.of(kept.recipients().split(", "));
    deliver(kept.id(), recipients, () -> smtp.send(plain(recipients, kept.subject(), kept.body())));
  }

  private SimpleMailMessage plain(List<String> recipients, String subject, String body) {
    var message = new SimpleMailMessage();
    message.setFrom(from);
    message.setTo(recipients.toArray(String[]::new));
    message.setSubject(subject);
    message.setText(body);
    return message;
  }

  /** A file sent with the message (a circular's PDF); the outbox keeps the body, which names it. */
  record Attachment(String name, String contentType, byte[] bytes) {}

  /** {@code note}: the line the outbox keeps in the file's place, in the recipients' language. */
  void send(List<String> recipients, String subject, String body, Attachment attachment, String note) {
    long id = outbox.keep(clock.instant(), String.join(", ", recipients), subject, body + "\n" + note + "\n");
    if (smtp == null) {
      return;
    }
    deliver(id, recipients, () -> {
      try {
        MimeMessage message = smtp.createMimeMessage();
        var helper = new MimeMessageHelper(message, true, "UTF-8");
        helper.setFrom(from);
        helper.setTo(recipients.toArray(String[]::new));
        helper.setSubject(subject);
        helper.setText(body);
        helper.addAttachment(attachment.name(), new ByteArrayResource(attachment.bytes()), attachment.contentType());
        smtp.send(message);
      } catch (MessagingException e) {
        throw new MailPreparationException(e);
      }
    });
  }

  /** Sends a kept message once across all nodes: only the node whose claim succeeds hands it to SMTP. */
  private void deliver(long id, List<String> recipients, Runnable send) {
    if (!outbox.claim(id, leases.node(), clock.instant())) {
      return;
    }
    try {
      send.run();
      outbox.sent(id, clock.instant());
    } catch (MailException e) {
      log.warn("SMTP refused message {} to {}: {}", id, recipients, e.getMessage());
      outbox.failed(id, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
  }
}
