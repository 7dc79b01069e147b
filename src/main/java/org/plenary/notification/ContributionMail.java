package org.plenary.notification;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
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
import org.plenary.contribution.ContributionEvents.ContributionWithdrawn;
import org.plenary.contribution.ContributionEvents.NumbersAllocated;
import org.plenary.contribution.ContributionFile;
import org.plenary.group.Group;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.Deadline;
import org.plenary.meeting.Meeting;
import org.plenary.meeting.MeetingCatalog;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Mail for each step of a contribution: number allocated, document received, published, rejected,
 * withdrawn; each recipient reads it in their account's language.
 */
@Component
class ContributionMail {

  private final ContributionDesk desk;
  private final GroupCatalog groups;
  private final MeetingCatalog meetings;
  private final AccountDirectory accounts;
  private final Mailer mailer;
  private final String baseUrl;
  private final int ftpPort;

  ContributionMail(ContributionDesk desk, GroupCatalog groups, MeetingCatalog meetings, AccountDirectory accounts,
      Mailer mailer, @Value("${plenary.base-url}") String baseUrl, @Value("${plenary.ftp.port}") int ftpPort) {
    this.desk = desk;
    this.groups = groups;
    this.meetings = meetings;
    this.accounts = accounts;
    this.mailer = mailer;
    this.baseUrl = baseUrl.replaceAll("/+$", "");
    this.ftpPort = ftpPort;
  }

  @ApplicationModuleListener
  void on(NumbersAllocated event) {
    var emails = new HashMap<String, Optional<String>>();
    desk.all(event.numbers()).forEach(c -> numberAllocated(c, emails));
  }

  private void numberAllocated(Contribution c, Map<String, Optional<String>> emails) {
    Group group = groups.get(c.groupId());
    Meeting meeting = meetings.get(c.meetingId());
    String host = baseUrl.replaceFirst("^https?://", "").replaceFirst("[:/].*$", "");
    send("NumbersAllocated:" + c.number(), emails, List.of(c.allocatedBy()), words -> words.letter("notification.contribution.number",
        new Object[] {c.number(), c.title()}, c.title(), group.acronym(), meeting.code(), c.number(),
        baseUrl + "/documents/" + c.number(), "ftp://" + host + ":" + ftpPort + "/t/fg/" + group.slug() + "/docs/incoming/",
        baseUrl + "/api/v1/contributions/" + c.number() + "/files", meeting.deadline(Deadline.Kind.CONTRIBUTIONS).display(words.locale())));
  }

  @ApplicationModuleListener
  void on(ContributionsReceived event) {
    var emails = new HashMap<String, Optional<String>>();
    withContributions(event.received(), ContributionReceived::number,
        (c, received) -> received(c, received.fileId(), emails));
  }

  private void received(Contribution c, long fileId, Map<String, Optional<String>> emails) {
    ContributionFile file = file(c, fileId);
    send("ContributionReceived:" + fileId, emails, List.of(c.allocatedBy(), file.uploadedBy()), words -> words.letter(
        file.late() ? "notification.contribution.receivedLate" : "notification.contribution.received",
        new Object[] {file.fileName()}, file.fileName(), file.size(), file.sha256(), baseUrl + "/documents/" + c.number()));
  }

  @ApplicationModuleListener
  void on(ContributionsPublished event) {
    var emails = new HashMap<String, Optional<String>>();
    withContributions(event.published(), ContributionPublished::number,
        (c, published) -> published(c, published.fileId(), emails));
  }

  /** Each change of a batch with its contribution, the batch's contributions read in one query. */
  private <T> void withContributions(List<T> changes, Function<T, String> number, BiConsumer<Contribution, T> each) {
    var byNumber = new HashMap<String, Contribution>();
    desk.all(changes.stream().map(number).distinct().toList()).forEach(c -> byNumber.put(c.number(), c));
    changes.forEach(change -> each.accept(byNumber.get(number.apply(change)), change));
  }

  private void published(Contribution c, long fileId, Map<String, Optional<String>> emails) {
    ContributionFile file = file(c, fileId);
    Group group = groups.get(c.groupId());
    Meeting meeting = meetings.get(c.meetingId());
    send("ContributionPublished:" + fileId, emails, everyone(c), words -> words.letter("notification.contribution.published", new Object[] {file.fileName()},
        file.fileName(), baseUrl + "/t/fg/" + group.slug() + "/docs/" + meeting.code() + "/in/" + file.fileName()));
  }

  @ApplicationModuleListener
  void on(ContributionRejected event) {
    Contribution c = desk.get(event.number());
    ContributionFile file = file(c, event.fileId());
    send("ContributionRejected:" + event.fileId(), List.of(c.allocatedBy(), file.uploadedBy()), words -> words.letter("notification.contribution.rejected",
        new Object[] {file.fileName()}, file.fileName(), event.reason(), baseUrl + "/documents/" + c.number()));
  }

  @ApplicationModuleListener
  void on(ContributionWithdrawn event) {
    Contribution c = desk.get(event.number());
    send("ContributionWithdrawn:" + event.number(), everyone(c), words -> words.letter("notification.contribution.withdrawn", new Object[] {c.number()},
        c.number(), c.title()));
  }

  private void send(String occasion, List<String> usernames, Function<MailWords, MailWords.Letter> write) {
    send(occasion, new HashMap<>(), usernames, write);
  }

  /** Mails the accounts' addresses; {@code emails} remembers addresses already read for this event. */
  private void send(String occasion, Map<String, Optional<String>> emails, List<String> usernames,
      Function<MailWords, MailWords.Letter> write) {
    Set<String> addresses = new LinkedHashSet<>();
    usernames.forEach(name -> emails.computeIfAbsent(name, n -> accounts.find(n).map(Account::email))
        .ifPresent(addresses::add));
    if (!addresses.isEmpty()) {
      mailer.sendEach(occasion, List.copyOf(addresses), write);
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
