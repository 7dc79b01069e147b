package org.plenary.notification;

import java.util.List;
import java.util.Locale;
import org.plenary.account.Account;
import org.plenary.account.AccountDirectory;
import org.plenary.account.OrganizationDirectory;
import org.plenary.account.Role;
import org.plenary.group.Days;
import org.plenary.group.Group;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.Meeting;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.meeting.MeetingMoved;
import org.plenary.registration.Registration;
import org.plenary.registration.RegistrationLookup;
import org.plenary.shared.Labelled;
import org.plenary.shared.Listed;
import org.plenary.visa.OutdatedLetter;
import org.plenary.visa.ReissueAsk;
import org.plenary.visa.VisaDesk;
import org.plenary.visa.VisaLetterReady;
import org.plenary.visa.VisaLetterReissued;
import org.plenary.visa.VisaReissueRequestUpdated;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Tells the participant and their focal points that a visa-support letter is ready, that a meeting their
 * approved letter states moved since (and that the secretariat issues a new letter), and the new reference when it
 * re-issued it; tells the secretariat which letters a move left stating the former venue or days, and which letters
 * their holders asked to be issued again, to re-issue. The
 * mails hold no passport data.
 */
@Component
class VisaMail {

  private final RegistrationLookup registrations;
  private final OrganizationDirectory organizations;
  private final VisaDesk visas;
  private final MeetingCatalog meetings;
  private final GroupCatalog groups;
  private final AccountDirectory accounts;
  private final Mailer mailer;
  private final String baseUrl;

  VisaMail(RegistrationLookup registrations, OrganizationDirectory organizations, VisaDesk visas, MeetingCatalog meetings,
      GroupCatalog groups, AccountDirectory accounts, Mailer mailer, @Value("${plenary.base-url}") String baseUrl) {
    this.registrations = registrations;
    this.organizations = organizations;
    this.visas = visas;
    this.meetings = meetings;
    this.groups = groups;
    this.accounts = accounts;
    this.mailer = mailer;
    this.baseUrl = baseUrl.replaceAll("/+$", "");
  }

  @ApplicationModuleListener
  void on(VisaLetterReady event) {
    Registration r = registrations.byId(event.registration());
    mailer.sendEach("VisaLetterReady:" + event.request(), RegistrationMail.participantAndFocalPoints(r, organizations), words -> words.letter(
        "notification.visa.ready", new Object[] {r.fullName()}, r.fullName(), baseUrl + "/visa/" + event.request()));
  }

  /**
   * The secretariat re-issued a letter after its meeting moved: its participant and focal points get the new
   * reference, the venue and days it states, and the former reference it supersedes, in their languages.
   */
  @ApplicationModuleListener
  void on(VisaLetterReissued event) {
    Registration r = registrations.byId(event.registration());
    Meeting meeting = meetings.get(r.meetingId());
    Group group = groups.get(meeting.groupId());
    mailer.sendEach("VisaLetterReissued:" + event.request() + ":" + event.reference(),
        RegistrationMail.participantAndFocalPoints(r, organizations), words -> words.letter(
            event.asked() == null ? "notification.visa.reissued" : "notification.visa.reissuedAsked",
            new Object[] {r.fullName()}, r.fullName(), group.acronym(), meeting.code(), event.reference(),
            event.venue(), Days.range(event.starts(), event.ends(), words.locale()), baseUrl + "/visa/" + event.request(),
            event.former(), event.asked() == null ? "" : event.asked()));
  }

  /**
   * A new letter was asked for, the request withdrawn, or declined by the secretariat: the participant and their
   * focal points are told, in their languages, with the reason (the asker's, or the secretariat's when declined).
   */
  @ApplicationModuleListener
  void on(VisaReissueRequestUpdated event) {
    Registration r = registrations.byId(event.registration());
    Meeting meeting = meetings.get(r.meetingId());
    Group group = groups.get(meeting.groupId());
    String key = "notification.visa.reissue" + switch (event.state()) {
      case OPEN -> "Asked";
      case WITHDRAWN -> "Withdrawn";
      default -> "Declined";
    };
    mailer.sendEach("VisaReissueRequest:" + event.ask() + ":" + event.state().name(),
        RegistrationMail.participantAndFocalPoints(r, organizations), words -> words.letter(key,
            new Object[] {r.fullName()}, r.fullName(), group.acronym(), meeting.code(),
            event.reason() == null ? "" : event.reason(), baseUrl + "/visa/" + event.request()));
    if (event.state() == ReissueAsk.State.OPEN) {
      // The secretariat re-issues or declines: told of each new ask, as of letters a move left outdated.
      mailer.sendEach("VisaReissueAsked:" + event.ask(), secretariat(), words -> words.letter(
          "notification.visa.reissueAskedStaff", new Object[] {r.fullName(), group.acronym(), meeting.code()},
          r.fullName(), group.acronym(), meeting.code(), event.reference() == null ? "" : event.reference(),
          event.reason() == null ? "" : event.reason(), corrected(event.changes(), words),
          baseUrl + "/visa/" + event.request(), baseUrl + "/secretariat/visa"));
    }
  }

  /** The details an ask corrects, by their labels in the recipient's language (never their values). */
  private static String corrected(List<String> changes, MailWords words) {
    if (changes == null || changes.isEmpty()) {
      return words.say("notification.visa.reissueAskedStaff.noChanges");
    }
    return words.say("notification.visa.reissueAskedStaff.changes", words.listed(changes.stream()
        .map(field -> words.say("fullName".equals(field) ? "visa.field.fullNameAsInPassport" : "visa.field." + field))
        .toArray(String[]::new)));
  }

  /** Every enabled secretariat account's address. */
  private List<String> secretariat() {
    return accounts.all().stream().filter(a -> a.enabled() && a.has(Role.SECRETARIAT)).map(Account::email).toList();
  }

  /**
   * A meeting moved: each approved letter that states a venue or days it no longer has is told of, to its
   * participant and their focal points, in their languages, once per place and days the meeting moved to (a
   * second move is told again; a move back to what the letter states is not); the secretariat gets the list.
   */
  @ApplicationModuleListener
  void on(MeetingMoved event) {
    List<OutdatedLetter> letters = visas.outdatedLetters(event.meeting());
    if (letters.isEmpty()) {
      return;
    }
    Meeting meeting = meetings.forIssue(event.meeting());
    Group group = groups.get(meeting.groupId());
    String movedTo = meeting.startDate() + ":" + meeting.endDate() + ":" + Integer.toHexString(meeting.venueName().hashCode());
    String contact = group.contactEmail() == null || group.contactEmail().isBlank() ? null : group.contactEmail();
    for (OutdatedLetter letter : letters) {
      Registration r = registrations.byId(letter.registration());
      mailer.sendEach("VisaLetterMoved:" + letter.request() + ":" + movedTo, RegistrationMail.participantAndFocalPoints(r, organizations),
          words -> words.letter(contact == null ? "notification.visa.moved" : "notification.visa.movedContact",
              new Object[] {group.acronym(), meeting.code()}, letter.fullName(), group.acronym(), meeting.code(),
              letter.reference(), letter.venue(), Days.range(letter.starts(), letter.ends(), words.locale()),
              meeting.venueName(), words.dates(meeting), baseUrl + "/visa/verify?reference=" + letter.reference(),
              baseUrl + "/visa/" + letter.request(), contact == null ? "" : contact));
    }
    mailer.sendEach("VisaLettersMoved:" + event.meeting().value() + ":" + movedTo, secretariat(), words -> words.letter(
        "notification.visa.movedStaff", new Object[] {group.acronym(), meeting.code(), letters.size()},
        group.acronym(), meeting.code(), meeting.venueName(), words.dates(meeting), letters.size(), list(letters, words.locale())));
  }

  private String list(List<OutdatedLetter> letters, Locale locale) {
    var lines = new StringBuilder();
    for (OutdatedLetter letter : letters) {
      lines.append("- ").append(Labelled.join(locale, Listed.aside(locale, letter.reference(), MailWords.quoted(letter.fullName())),
              Listed.parts(locale, MailWords.quoted(letter.venue()), Days.range(letter.starts(), letter.ends(), locale))))
          .append(" — ").append(baseUrl).append("/visa/").append(letter.request()).append('\n');
    }
    return lines.toString();
  }
}
