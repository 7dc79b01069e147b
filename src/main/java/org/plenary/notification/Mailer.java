package org.plenary.notification;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps every message in the outbox and, when an SMTP server is configured ({@code
 * spring.mail.host}), hands it to {@link SmtpHandover} once the transaction that kept it has
 * committed. Each message is written for an occasion (an event, and the thing it is about when the
 * event is about several): a recipient already mailed for that occasion is not mailed again, so an
 * event delivered a second time (republished when a node starts) sends nothing twice.
 */
@Component
class Mailer {

  private final Outbox outbox;
  private final SmtpHandover handover;
  private final Clock clock;
  private final Recipients recipients;
  private final MessageSource messages;
  private final MailFolding folding;

  Mailer(Outbox outbox, SmtpHandover handover, Clock clock, Recipients recipients, MessageSource messages,
      MailFolding folding) {
    this.outbox = outbox;
    this.folding = folding;
    this.handover = handover;
    this.clock = clock;
    this.recipients = recipients;
    this.messages = messages;
  }

  /**
   * One mail per language among the recipients not yet mailed for {@code occasion}, each written by
   * {@code write} in that language (the account's preferred one, else English).
   */
  void sendEach(String occasion, List<String> addresses, Function<MailWords, MailWords.Letter> write) {
    sendAll(List.of(new Outgoing(occasion, addresses, write)));
  }

  /** {@link #sendEach} with a file: {@code attach} gives the file for a language. */
  void sendEach(String occasion, List<String> addresses, Function<MailWords, MailWords.Letter> write,
      Function<Locale, Attachment> attach) {
    String key = bounded(occasion);
    Set<String> mailed = outbox.alreadyMailed(key, addresses);
    List<String> due = addresses.stream().filter(a -> !mailed.contains(a.toLowerCase(Locale.ROOT))).toList();
    if (due.isEmpty()) {
      return;
    }
    recipients.byLanguage(due).forEach((language, group) -> {
      MailWords words = new MailWords(messages, language);
      MailWords.Letter letter = write.apply(words);
      Attachment attachment = attach.apply(language);
      send(key, group, letter.subject(), letter.body(), attachment, attachment == null ? null
          : words.say("notification.attached", attachment.name(), attachment.bytes().length));
    });
  }

  /**
   * One mail of a batch: for {@code occasion}, to {@code addresses}, written by {@code write} in each recipient's
   * language; {@code fold}: what it is about, for a kind of mail a user can repeat ({@link MailFolding}), else null.
   */
  record Outgoing(String occasion, List<String> addresses, Function<MailWords, MailWords.Letter> write, String fold) {

    Outgoing(String occasion, List<String> addresses, Function<MailWords, MailWords.Letter> write) {
      this(occasion, addresses, write, null);
    }
  }

  /**
   * {@link #sendEach} for many occasions at once, as the events about a batch of contributions need:
   * who was already mailed is read in one query, the recipients' languages in another, and the
   * messages and the notes of whom they mail are written in two batches of statements.
   */
  void sendAll(List<Outgoing> mails) {
    write(mails, outbox.alreadyMailed(mails.stream().map(mail -> bounded(mail.occasion())).toList()), null);
  }

  /**
   * {@link #sendAll} for occasions that nobody can have been mailed for yet, as the numbers allocated in
   * the caller's transaction, to addresses whose languages the caller read ({@code languages}, by
   * address in lower case, as {@link Recipients#languages} gives them): neither who was mailed nor the
   * languages are asked (the outbox's key on occasion and recipient would still refuse a second note).
   */
  void sendAllFirst(List<Outgoing> mails, Map<String, String> languages) {
    write(mails, new HashMap<>(), languages);
  }

  /**
   * Writes the mails to whom {@code mailed} (recipients by occasion, lower case) does not name already,
   * each in its recipients' languages ({@code known}; null: read them).
   */
  private void write(List<Outgoing> mails, Map<String, Set<String>> mailed, Map<String, String> known) {
    var keys = new ArrayList<String>(mails.size());
    mails.forEach(mail -> keys.add(bounded(mail.occasion())));
    var due = new ArrayList<List<String>>(mails.size());
    var everyone = new LinkedHashSet<String>();
    for (int i = 0; i < mails.size(); i++) {
      Set<String> before = mailed.computeIfAbsent(keys.get(i), k -> new HashSet<>());
      // add() also keeps an address named twice for one occasion from being mailed twice
      List<String> left = mails.get(i).addresses().stream().filter(a -> before.add(a.toLowerCase(Locale.ROOT))).toList();
      due.add(left);
      everyone.addAll(left);
    }
    if (everyone.isEmpty()) {
      return;
    }
    Map<String, String> languages = known != null ? known : recipients.languages(everyone);
    var words = new HashMap<Locale, MailWords>();
    var kept = new ArrayList<Outbox.Kept>();
    for (int i = 0; i < mails.size(); i++) {
      Outgoing mail = mails.get(i);
      String key = keys.get(i);
      Recipients.byLanguage(due.get(i), languages).forEach((language, group) -> {
        MailWords.Letter letter = mail.write().apply(words.computeIfAbsent(language, l -> new MailWords(messages, l)));
        kept.add(new Outbox.Kept(key, group, letter.subject(), letter.body(), mail.fold(), null));
      });
    }
    Instant now = clock.instant();
    kept.replaceAll(mail -> folding.fold(mail, now));
    List<Long> ids = outbox.keepAll(now, kept);
    if (handover.sending()) {
      var handOvers = new ArrayList<SmtpHandover.Kept>(kept.size());
      for (int i = 0; i < kept.size(); i++) {
        Outbox.Kept k = kept.get(i);
        // A held mail is sent by OutboxDelivery once due.
        if (k.held() == null) {
          handOvers.add(new SmtpHandover.Kept(ids.get(i), k.to(), k.subject(), k.body(), null));
        }
      }
      afterCommit(() -> handOvers.forEach(handover::handOver));
    }
  }

  /** The occasion as the outbox keeps it: as said when short, else its start and its SHA-256. */
  static String bounded(String occasion) {
    if (org.plenary.shared.CodePoints.atMost(occasion, 200)) {
      return occasion;
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(occasion.getBytes(StandardCharsets.UTF_8));
      return org.plenary.shared.CodePoints.first(occasion, 120) + "#" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A file sent with the message (a circular's PDF), kept beside it in the outbox. Its name is made of stored text
   * (a circular's title): controls, direction controls and characters no file system takes become a hyphen, as in a
   * download's name, so that the name neither breaks the mail's header nor shows "report_exe.pdf" for an ".exe".
   */
  record Attachment(String name, String contentType, byte[] bytes) {

    Attachment {
      name = name.replaceAll("[\\p{Cntrl}\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069/\\\\:*?\"<>|]+", "-");
    }
  }

  /** {@code note}: the line the outbox's body shows in the file's place, in the recipients' language. */
  private void send(String occasion, List<String> to, String subject, String body, Attachment attachment, String note) {
    long id = outbox.keep(clock.instant(), MailMessage.stored(to), subject,
        attachment == null ? body : body + "\n" + note + "\n");
    if (attachment != null) {
      outbox.keepAttachment(id, attachment);
    }
    to.forEach(recipient -> outbox.delivered(occasion, recipient, id));
    if (handover.sending()) {
      afterCommit(() -> handover.handOver(new SmtpHandover.Kept(id, to, subject, body, attachment)));
    }
  }

  /**
   * Runs {@code send} once the caller's transaction has committed (at once without one): a message is
   * handed to SMTP only when it, and the note of whom it mails, are in the outbox for good.
   */
  private static void afterCommit(Runnable send) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      send.run();
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        send.run();
      }
    });
  }
}
