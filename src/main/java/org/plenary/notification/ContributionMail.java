package org.plenary.notification;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.plenary.account.Account;
import org.plenary.account.AccountDirectory;
import org.plenary.contribution.Contribution;
import org.plenary.contribution.ContributionDesk;
import org.plenary.contribution.ContributionEvents.ContributionPublished;
import org.plenary.contribution.ContributionEvents.ContributionReceived;
import org.plenary.contribution.ContributionEvents.ContributionsPublished;
import org.plenary.contribution.ContributionEvents.ContributionsReceived;
import org.plenary.contribution.ContributionEvents.ContributionRejected;
import org.plenary.contribution.ContributionEvents.ContributionTakenBack;
import org.plenary.contribution.ContributionEvents.ContributionWithdrawn;
import org.plenary.contribution.ContributionEvents.NumbersAllocated;
import org.plenary.contribution.ContributionFile;
import org.plenary.group.Group;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.Deadline;
import org.plenary.meeting.Meeting;
import org.plenary.meeting.MeetingCatalog;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Mail for each step of a contribution: number allocated, document received, published, rejected,
 * withdrawn; each recipient reads it in their account's language. The mails of allocations, uploads
 * and publications are kept in the outbox by the transaction of the step itself; the others by a
 * module listener after it.
 */
@Component
class ContributionMail {

  private final ContributionDesk desk;
  private final GroupCatalog groups;
  private final MeetingCatalog meetings;
  private final AccountDirectory accounts;
  private final Mailer mailer;
  private final String baseUrl;
  /** The host of the base URL, which the FTP gateway answers on too. */
  private final String ftpHost;
  private final int ftpPort;

  ContributionMail(ContributionDesk desk, GroupCatalog groups, MeetingCatalog meetings, AccountDirectory accounts,
      Mailer mailer, @Value("${plenary.base-url}") String baseUrl, @Value("${plenary.ftp.port}") int ftpPort) {
    this.desk = desk;
    this.groups = groups;
    this.meetings = meetings;
    this.accounts = accounts;
    this.mailer = mailer;
    this.baseUrl = baseUrl.replaceAll("/+$", "");
    this.ftpHost = this.baseUrl.replaceFirst("^https?://", "").replaceFirst("[:/].*$", "");
    this.ftpPort = ftpPort;
  }

  /**
   * Written in the transaction that allocated the numbers, as the mails of uploads are: a module
   * listener cost each batch of numbers a publication row and three more commits on another thread
   * (processing, the mails, completed), which on the embedded database took as much time as the
   * allocation itself. That transaction holds its series' lock meanwhile, which other nodes' allocations
   * wait for, so this costs it as few queries as can be: the contributions come with the event (not
   * read again), their authors' addresses are read in one query, and who was mailed for them is not
   * asked, since within the transaction that allocated a number nobody can have been mailed for it.
   */
  @EventListener
  void on(NumbersAllocated event) {
    var letters = new Letters();
    letters.readAddresses(event.allocated().stream().map(Contribution::allocatedBy).toList());
    event.allocated().forEach(c -> numberAllocated(c, letters));
    letters.sendFirst();
  }

  /**
   * The mails of numbers an earlier version allocated and left to a module listener it no longer has
   * ({@link RetiredMailEvents}): unlike {@link #on(NumbersAllocated)}, asks the outbox who was mailed already.
   */
  void numbersAllocatedEarlier(List<String> numbers) {
    var letters = new Letters();
    desk.all(numbers).forEach(c -> numberAllocated(c, letters));
    letters.send();
  }

  /**
   * The mails of uploads an earlier version left to a module listener it no longer has: unlike
   * {@link #on(ContributionsReceived)}, reads the contributions and asks the outbox who was mailed already.
   */
  void receivedEarlier(List<ContributionReceived> received) {
    var letters = new Letters();
    withContributions(received, ContributionReceived::number, (c, r) -> received(c, r.fileId(), letters));
    letters.send();
  }

  /** The mails of publications an earlier version left to a module listener it no longer has, as {@link #receivedEarlier}. */
  void publishedEarlier(List<ContributionPublished> published) {
    var letters = new Letters();
    withContributions(published, ContributionPublished::number, (c, p) -> published(c, p.fileId(), letters));
    letters.send();
  }

  private void numberAllocated(Contribution c, Letters letters) {
    Group group = groups.get(c.groupId());
    Meeting meeting = meetings.get(c.meetingId());
    letters.add("NumbersAllocated:" + c.number(), List.of(c.allocatedBy()), words -> words.letter("notification.contribution.number",
        new Object[] {c.number(), c.title()}, c.title(), group.acronym(), meeting.code(), c.number(),
        baseUrl + "/documents/" + c.number(), "ftp://" + ftpHost + ":" + ftpPort + "/t/fg/" + group.slug() + "/docs/incoming/",
        "/api/v1/contributions/" + c.number() + "/files", meeting.deadline(Deadline.Kind.CONTRIBUTIONS).display(words.locale())));
  }

  /**
   * Written in the transaction that registered the uploads (as the mails of a publication are),
   * not by a module listener: the outbox is kept with the step it tells of, committed or rolled back
   * with it, so it is never lost nor written twice; a module listener cost each batch a publication
   * row and three commits of its own (processing, the mails, completed) on another thread. As for the
   * numbers, the contributions come with the event, the addresses are read in one query, and who was
   * mailed is not asked: nobody can have been mailed for a version that this transaction registers. A receipt
   * is folded by the contribution's number ({@link MailFolding}): one still waiting for the same people is
   * replaced, and a user re-uploading again and again does not mail the holder a receipt each time.
   */
  @EventListener
  void on(ContributionsReceived event) {
    var letters = new Letters();
    letters.readAddresses(event.received().stream()
        .flatMap(r -> receivers(event.contribution(r.number()), r.fileId()).stream()).toList());
    event.received().forEach(r -> received(event.contribution(r.number()), r.fileId(), letters));
    letters.sendFirst();
  }

  private void received(Contribution c, long fileId, Letters letters) {
    ContributionFile file = file(c, fileId);
    letters.add("ContributionReceived:" + fileId, "ContributionReceived:" + c.number(), receivers(c, fileId),
        words -> words.letter(
        file.late() ? "notification.contribution.receivedLate" : "notification.contribution.received",
        new Object[] {file.fileName()}, file.fileName(), file.size(), file.sha256(), baseUrl + "/documents/" + c.number()));
  }

  private static List<String> receivers(Contribution c, long fileId) {
    return List.of(c.allocatedBy(), file(c, fileId).uploadedBy());
  }

  /**
   * Written in the transaction that made the publications, like the mails of uploads: nobody can have
   * been mailed for a version this transaction publishes (a version is published once).
   */
  @EventListener
  void on(ContributionsPublished event) {
    var letters = new Letters();
    letters.readAddresses(event.contributions().stream().flatMap(c -> everyone(c).stream()).toList());
    event.published().forEach(p -> published(event.contribution(p.number()), p.fileId(), letters));
    letters.sendFirst();
  }

  /** Each change of a batch with its contribution, the batch's contributions read in one query. */
  private <T> void withContributions(List<T> changes, Function<T, String> number, BiConsumer<Contribution, T> each) {
    var byNumber = new HashMap<String, Contribution>();
    desk.all(changes.stream().map(number).distinct().toList()).forEach(c -> byNumber.put(c.number(), c));
    changes.forEach(change -> each.accept(byNumber.get(number.apply(change)), change));
  }

  private void published(Contribution c, long fileId, Letters letters) {
    ContributionFile file = file(c, fileId);
    Group group = groups.get(c.groupId());
    Meeting meeting = meetings.get(c.meetingId());
    letters.add("ContributionPublished:" + fileId, everyone(c), words -> words.letter("notification.contribution.published", new Object[] {file.fileName()},
        file.fileName(), baseUrl + "/t/fg/" + group.slug() + "/docs/" + meeting.code() + "/in/" + file.fileName()));
  }

  @ApplicationModuleListener
  void on(ContributionRejected event) {
    Contribution c = desk.get(event.number());
    ContributionFile file = file(c, event.fileId());
    send("ContributionRejected:" + event.fileId(), List.of(c.allocatedBy(), file.uploadedBy()), words -> words.letter("notification.contribution.rejected",
        new Object[] {file.fileName()}, file.fileName(), new MailWords.Block(event.reason()), baseUrl + "/documents/" + c.number()));
  }

  /** A waiting version taken back: its authors and its sender learn who took it back (the secretariat may have). */
  @ApplicationModuleListener
  void on(ContributionTakenBack event) {
    Contribution c = desk.get(event.number());
    ContributionFile file = file(c, event.fileId());
    var recipients = new java.util.ArrayList<>(everyone(c));
    if (!recipients.contains(file.uploadedBy())) {
      recipients.add(file.uploadedBy());
    }
    String by = desk.personName(event.takenBy());
    var letters = new Letters();
    letters.add("ContributionTakenBack:" + event.fileId(), "ContributionTakenBack:" + c.number(), recipients,
        words -> words.letter("notification.contribution.takenBack",
        new Object[] {file.fileName()}, file.fileName(), by, c.number(), baseUrl + "/documents/" + c.number()));
    letters.send();
  }

  @ApplicationModuleListener
  void on(ContributionWithdrawn event) {
    Contribution c = desk.get(event.number());
    send("ContributionWithdrawn:" + event.number(), everyone(c), words -> words.letter("notification.contribution.withdrawn", new Object[] {c.number()},
        c.number(), c.title()));
  }

  private void send(String occasion, List<String> usernames, Function<MailWords, MailWords.Letter> write) {
    var letters = new Letters();
    letters.add(occasion, usernames, write);
    letters.send();
  }

  /**
   * The mails of one event, written together ({@link Mailer#sendAll}): each account's address is
   * read once for the event, however many of its contributions the event names.
   */
  private final class Letters {

    private final Map<String, Optional<String>> emails = new HashMap<>();
    /** The languages of the addresses {@link #readAddresses} read, by address in lower case. */
    private final Map<String, String> languages = new HashMap<>();
    private final List<Mailer.Outgoing> mails = new ArrayList<>();

    /** Reads the addresses of these accounts and their languages in one query, for the mails to come. */
    void readAddresses(List<String> usernames) {
      Map<String, AccountDirectory.MailAddress> found = accounts.mailAddresses(usernames);
      for (String name : usernames) {
        AccountDirectory.MailAddress address = found.get(name.toLowerCase(Locale.ROOT));
        emails.putIfAbsent(name, Optional.ofNullable(address).map(AccountDirectory.MailAddress::email));
        if (address != null && address.language() != null) {
          languages.putIfAbsent(address.email().toLowerCase(Locale.ROOT), address.language());
        }
      }
    }

    /** A mail for {@code occasion} to these accounts' addresses (accounts without one are left out). */
    void add(String occasion, List<String> usernames, Function<MailWords, MailWords.Letter> write) {
      add(occasion, null, usernames, write);
    }

    /** {@link #add}, for a mail a newer one about {@code fold} replaces while it waits ({@link MailFolding}). */
    void add(String occasion, String fold, List<String> usernames, Function<MailWords, MailWords.Letter> write) {
      Set<String> addresses = new LinkedHashSet<>();
      usernames.forEach(name -> emails.computeIfAbsent(name, n -> accounts.find(n).map(Account::email))
          .ifPresent(addresses::add));
      if (!addresses.isEmpty()) {
        mails.add(new Mailer.Outgoing(occasion, List.copyOf(addresses), write, fold));
      }
    }

    void send() {
      if (!mails.isEmpty()) {
        mailer.sendAll(mails);
      }
    }

    /**
     * {@link #send} for occasions nobody can have been mailed for yet ({@link Mailer#sendAllFirst}), to
     * the addresses {@link #readAddresses} read, with their languages.
     */
    void sendFirst() {
      if (!mails.isEmpty()) {
        mailer.sendAllFirst(mails, languages);
      }
    }
  }

  private static List<String> everyone(Contribution c) {
    var names = new java.util.ArrayList<String>();
    names.add(c.allocatedBy());
    names.addAll(c.coauthors());
    return names;
  }

  private static ContributionFile file(Contribution c, long id) {
    return c.files().stream().filter(f -> f.id() == id).findFirst().orElseThrow();
  }
}
