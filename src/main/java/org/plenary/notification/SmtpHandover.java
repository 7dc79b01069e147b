package org.plenary.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.plenary.shared.Leases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands a kept message to the SMTP server ({@code spring.mail.host}) once across all nodes: only the
 * node whose claim succeeds sends it. A message the server could not take (not reachable, a passing
 * refusal) is kept for another attempt 1, 2, 4 and 8 minutes later, with its attachment; after the
 * fifth failed attempt, or a message that cannot be written at all, it stays in the outbox as FAILED.
 * Each step commits on its own, whatever transaction the caller is in.
 */
@Component
class SmtpHandover {

  static final int MAX_ATTEMPTS = 5;
  static final Duration FIRST_RETRY = Duration.ofMinutes(1);

  private static final Logger log = LoggerFactory.getLogger(SmtpHandover.class);

  /** A message as kept: what an attempt sends. */
  record Kept(long id, List<String> recipients, String subject, String body, Mailer.Attachment attachment) {}

  private final Outbox outbox;
  private final JavaMailSender smtp;
  private final String from;
  private final Clock clock;
  private final Leases leases;
  private final TransactionTemplate own;

  SmtpHandover(Outbox outbox, ObjectProvider<JavaMailSender> smtp, @Value("${plenary.mail.from:plenary@localhost}") String from,
      Clock clock, Leases leases, PlatformTransactionManager transactions) {
    this.outbox = outbox;
    this.smtp = smtp.getIfAvailable(); // looked up once: a look-up per mail cost more than the mail
    this.from = from;
    this.clock = clock;
    this.leases = leases;
    this.own = new TransactionTemplate(transactions);
    this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** Whether messages go to an SMTP server (otherwise the outbox is the delivery). */
  boolean sending() {
    return smtp != null;
  }

  /** Reads a kept message back from the outbox, its attachment included. */
  Kept kept(MailMessage message) {
    return new Kept(message.id(), message.to(), message.subject(), message.body(),
        outbox.attachment(message.id()).orElse(null));
  }

  /** Claims the message and sends it; a failed attempt is noted for a retry or as final. */
  void handOver(Kept message) {
    if (smtp == null || !Boolean.TRUE.equals(own.execute(status -> outbox.claim(message.id(), leases.node(), clock.instant())))) {
      return;
    }
    try {
      smtp.send(mime(message));
      own.executeWithoutResult(status -> outbox.sent(message.id(), clock.instant()));
    } catch (MailException e) {
      String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      own.executeWithoutResult(status -> {
        int attempt = outbox.attempts(message.id()) + 1;
        Instant next = e instanceof MailSendException && attempt < MAX_ATTEMPTS
            ? clock.instant().plus(FIRST_RETRY.multipliedBy(1L << (attempt - 1))) : null;
        log.warn("SMTP did not take message {} to {} (attempt {}): {}; {}", message.id(), message.recipients(), attempt,
            error, next == null ? "it stays FAILED in the outbox" : "trying again at " + next);
        outbox.failed(message.id(), error, next);
      });
    }
  }

  /**
   * The address with its domain in ASCII (IDNA: {@code bücher.example} as {@code xn--bcher-kva.example}), which every
   * SMTP server takes; a domain that is no name is left as it is, for the server to refuse.
   */
  static String asciiDomain(String address) {
    int at = address.lastIndexOf('@');
    if (at < 0 || address.substring(at + 1).chars().allMatch(c -> c < 0x80)) {
      return address;
    }
    try {
      return address.substring(0, at + 1) + java.net.IDN.toASCII(address.substring(at + 1), java.net.IDN.USE_STD3_ASCII_RULES);
    } catch (IllegalArgumentException notAName) {
      return address;
    }
  }

  private MimeMessage mime(Kept message) {
    try {
      MimeMessage mime = smtp.createMimeMessage();
      var helper = new MimeMessageHelper(mime, message.attachment() != null, "UTF-8");
      helper.setFrom(from);
      helper.setTo(message.recipients().stream().map(SmtpHandover::asciiDomain).toArray(String[]::new));
      helper.setSubject(message.subject());
      helper.setText(message.body());
      if (message.attachment() != null) {
        helper.addAttachment(message.attachment().name(), new ByteArrayResource(message.attachment().bytes()),
            message.attachment().contentType());
      }
      return mime;
    } catch (MessagingException e) {
      throw new MailPreparationException(e);
    }
  }
}
