package org.plenary.visa;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.plenary.account.OrganizationCategory;
import org.plenary.account.PlenaryUser;
import org.plenary.meeting.Deadline;
import org.plenary.meeting.Meeting;
import org.plenary.meeting.MeetingId;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.registration.Attendance;
import org.plenary.registration.Registration;
import org.plenary.registration.RegistrationDesk;
import org.plenary.registration.RegistrationStatus;
import org.plenary.shared.EditVersion;
import org.plenary.shared.Violations;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Visa support as the circular allows it: for representatives of Member States, Sector Members and
 * Associates with an approved registration, until the visa deadline. Passport details are kept
 * encrypted, read only by the participant, their focal point and the secretariat (each read is
 * logged), and purged {@code plenary.visa.purge-after} after the meeting.
 */
@Component
public class VisaDesk {

  /** A request as filed, with the warnings the participant should see (a passport close to expiry). */
  public record Filed(VisaRequest request, List<String> warnings) {}

  /** One read of a request's passport details: by whom (username), when, through what (page, api, letter). */
  public record PassportRead(String actor, java.time.Instant at, String purpose) {}

  private static final Set<String> ELIGIBLE = Set.of(OrganizationCategory.MEMBER_STATE.name(),
      OrganizationCategory.SECTOR_MEMBER.name(), OrganizationCategory.ASSOCIATE.name());
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

  private final VisaRequests requests;
  private final ReissueAsks asks;
  private final ReissueQueue toReissue;
  private final RegistrationDesk registrations;
  private final MeetingCatalog meetings;
  private final PassportCipher cipher;
  private final JsonMapper json;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final Period margin;

  private final org.springframework.context.MessageSource messages;

  /** A day as the asker reads it: "7 June 2010", "7 juin 2010". */
  static String day(LocalDate date) {
    Locale locale = org.plenary.shared.Languages.nearest(org.springframework.context.i18n.LocaleContextHolder.getLocale());
    return "en".equals(locale.getLanguage()) ? DATE.format(date)
        : DateTimeFormatter.ofLocalizedDate(java.time.format.FormatStyle.LONG).withLocale(locale).format(date);
  }

  /** A sentence of the bundle in the language of whoever asked (the page's or the API's {@code Accept-Language}). */
  private String say(String key, Object... args) {
    return messages.getMessage(key, args, org.springframework.context.i18n.LocaleContextHolder.getLocale());
  }

  VisaDesk(VisaRequests requests, ReissueAsks asks, ReissueQueue toReissue, RegistrationDesk registrations, MeetingCatalog meetings, PassportCipher cipher,
      JsonMapper json, ApplicationEventPublisher events, TransactionTemplate transaction, Clock clock,
      @Value("${plenary.visa.passport-margin:P3M}") Period margin, org.springframework.context.MessageSource messages) {
    this.messages = messages;
    this.requests = requests;
    this.asks = asks;
    this.toReissue = toReissue;
    this.registrations = registrations;
    this.meetings = meetings;
    this.cipher = cipher;
    this.json = json;
    this.events = events;
    this.transaction = transaction;
    this.clock = clock;
    this.margin = margin;
  }

  public Filed request(long registrationId, VisaForm form, PlenaryUser user) {
    Registration registration = registrations.get(registrationId, user);
    if (!user.id().equals(registration.accountId())) {
      throw VisaRefusedException.of(403, "visa.refused.participantOnly");
    }
    if (registration.status() != RegistrationStatus.APPROVED) {
      throw VisaRefusedException.of(409, "visa.refused.notApproved",
          VisaRefusedException.word("registration.status." + registration.status().name(), registration.status().name().toLowerCase()));
    }
    if (registration.attendance() != Attendance.IN_PERSON) {
      throw VisaRefusedException.of(409, "visa.refused.remote", registration.id());
    }
    if (!ELIGIBLE.contains(registration.category())) {
      throw VisaRefusedException.of(403, "visa.refused.category");
    }
    Meeting meeting = meetings.get(registration.meetingId());
    Deadline deadline = meeting.deadline(Deadline.Kind.VISA_SUPPORT);
    if (deadline.isPast(clock.instant())) {
      throw VisaRefusedException.of(403, "visa.refused.closed", meeting.code(), deadline.display());
    }
    var existing = requests.ofRegistration(registrationId);
    if (existing.isPresent() && existing.get().status() != VisaStatus.RETURNED) {
      throw VisaRefusedException.of(409, "visa.refused.already");
    }
    var warnings = checked(form, meeting, "");
    String sealed = cipher.encrypt(json.writeValueAsString(form.passport()));
    long id = existing.isPresent() ? resubmit(existing.get().id(), form, sealed)
        : transaction.execute(status -> requests.insert(registrationId, meeting.id(), form.getFullName().strip(),
            blankToNull(form.getFunction()), form.getMission().strip(), sealed, clock.instant()));
    return new Filed(requests.find(id).orElseThrow(), warnings);
  }

  /**
   * The rules of the passport's dates, for a request and for a correction asked with a re-issue alike (fields named
   * with {@code prefix}): refused with field sentences, or the warnings to show (a passport close to expiry).
   */
  List<String> checked(VisaForm form, Meeting meeting, String prefix) {
    // Dates the person typed in their own zone: in the future only once they are past everywhere's today.
    LocalDate today = org.plenary.shared.Times.latestToday(clock);
    new Violations()
        .check(!form.getBirthDate().isAfter(today), prefix + "birthDate", say("visa.error.birthFuture"))
        .check(!form.getIssuedOn().isAfter(today), prefix + "issuedOn", say("visa.error.issuedFuture"))
        .check(!form.getExpiresOn().isBefore(meeting.endDate()), prefix + "expiresOn", say("visa.error.expires",
            day(form.getExpiresOn()), day(meeting.endDate())))
        .throwIfAny();
    var warnings = new ArrayList<String>();
    if (form.getExpiresOn().isBefore(meeting.endDate().plus(margin))) {
      warnings.add(say("visa.warning.margin", String.valueOf(margin.toTotalMonths())));
    }
    return warnings;
  }

  public VisaRequest get(long id, PlenaryUser user) {
    // To anyone who may not read it, a request is unknown, as an id never used: ids tried in turn tell nothing.
    return requests.find(id).filter(request -> mayReadPassport(user, request))
        .orElseThrow(() -> VisaRefusedException.of(404, "visa.refused.unknown", id));
  }

  /** The passport details, for the participant, their focal point and the secretariat; every read is logged. */
  public Optional<Passport> passport(long id, PlenaryUser user, String purpose) {
    VisaRequest request = get(id, user);
    requests.logRead(request.id(), user.getUsername(), purpose, clock.instant());
    return requests.encryptedPassport(request.id()).map(sealed -> json.readValue(cipher.decrypt(sealed), Passport.class));
  }

  public VisaRequest approve(long id, PlenaryUser user) {
    return approve(id, EditVersion.ANY, user);
  }

  /**
   * Approves the request as the secretary read it ({@code seen}: the version the page or the API's {@code If-Match}
   * named): one changed since (returned, and sent again with other details) is refused (412), what it is now said.
   */
  public VisaRequest approve(long id, EditVersion seen, PlenaryUser user) {
    if (user == null || !user.isStaff()) {
      throw VisaRefusedException.of(403, "visa.refused.approveStaff");
    }
    return transaction.execute(status -> {
      VisaRequest request = decidable(id, seen, user);
      // The meeting locked and read as it stands: the reference prints its code and the letter its venue and
      // days, which a change of the meeting (or a node's cache of before it) does not make differ from them.
      Meeting meeting = meetings.forIssue(request.meetingId());
      String reference = "%s-V-%04d".formatted(meeting.code().toUpperCase(), id);
      requests.decide(id, VisaStatus.APPROVED, reference, user.getUsername(), clock.instant());
      requests.fixLetter(id, LetterFacts.of(meeting));
      events.publishEvent(new VisaLetterReady(id, request.registrationId()));
      return requests.find(id).orElseThrow();
    });
  }

  private long resubmit(long id, VisaForm form, String sealed) {
    // Made only on a request still returned, checked by the write itself: two tabs sending it again at once both
    // read "returned", and the second replaced the first's details in silence.
    transaction.executeWithoutResult(status -> {
      if (!requests.resubmit(id, form.getFullName().strip(), blankToNull(form.getFunction()), form.getMission().strip(),
          sealed, clock.instant())) {
        throw VisaRefusedException.of(409, "visa.refused.already");
      }
    });
    return id;
  }

  /** A refusal's or a return's reason at most: its column. */
  public static final int REASON_MAX = 2000;

  /** The secretariat refuses the request for good, saying why; the participant reads the reason. */
  public VisaRequest refuse(long id, String reason, PlenaryUser user) {
    return refuse(id, reason, EditVersion.ANY, user);
  }

  /** Refuses the request as the secretary read it, as {@link #approve(long, EditVersion, PlenaryUser)} approves. */
  public VisaRequest refuse(long id, String reason, EditVersion seen, PlenaryUser user) {
    return decideWithReason(id, VisaStatus.REFUSED, reason, seen, user);
  }

  /** The secretariat sends the request back to the participant to correct, saying what; it can then be sent again. */
  public VisaRequest returnForCorrection(long id, String reason, PlenaryUser user) {
    return returnForCorrection(id, reason, EditVersion.ANY, user);
  }

  /** Returns the request as the secretary read it, as {@link #approve(long, EditVersion, PlenaryUser)} approves. */
  public VisaRequest returnForCorrection(long id, String reason, EditVersion seen, PlenaryUser user) {
    return decideWithReason(id, VisaStatus.RETURNED, reason, seen, user);
  }

  /**
   * The request locked until the transaction ends and read under the lock, for a decision. The status read is the
   * one this decision replaces: two decisions at once (two approvals, an approval and a refusal) made one, the other
   * refused, instead of both, the last winning and a letter announced for a request that ends refused. A request no
   * longer at a version {@code seen} names (returned and sent again with other details since the secretary read it)
   * is refused too: what is decided is what was read.
   */
  private VisaRequest decidable(long id, EditVersion seen, PlenaryUser user) {
    requests.lock(id);
    VisaRequest request = get(id, user);
    var status = VisaRefusedException.word("visa.status." + request.status().name(), request.status().name().toLowerCase());
    if (request.status() != VisaStatus.REQUESTED) {
      throw VisaRefusedException.of(409, "visa.refused.decided", id, status);
    }
    if (!seen.accepts(lockedVersion(request))) {
      throw VisaRefusedException.of(412, "visa.refused.changed", id);
    }
    return request;
  }

  /**
   * The request's version as its decisions name it: its own and its meeting's together (each only grows, so their
   * sum moves whenever either does). A letter quotes the meeting's venue and days: a decision made on a page or a GET
   * that showed the meeting before it moved is made on facts its maker did not see, and is refused as a change of the
   * request would be.
   */
  public long version(VisaRequest request) {
    return request.version() + meetings.version(request.meetingId());
  }

  /** {@link #version(VisaRequest)} with the meeting locked first (in the caller's transaction): no move in between. */
  long lockedVersion(VisaRequest request) {
    meetings.forIssue(request.meetingId());
    return version(request);
  }

  private VisaRequest decideWithReason(long id, VisaStatus outcome, String reason, EditVersion seen, PlenaryUser user) {
    if (user == null || !user.isStaff()) {
      throw VisaRefusedException.of(403, "visa.refused.decideStaff");
    }
    new Violations().check(reason != null && !reason.isBlank(), "reason",
        say(outcome == VisaStatus.REFUSED ? "visa.error.refuseReason" : "visa.error.returnReason"))
        .length(reason, REASON_MAX, "reason").throwIfAny();
    return transaction.execute(status -> {
      decidable(id, seen, user);
      requests.decideWithReason(id, outcome, reason.strip(), user.getUsername(), clock.instant());
      return requests.find(id).orElseThrow();
    });
  }

  /** The requests of these registrations (a person's own, or a focal point's people's), newest first. */
  public List<VisaRequest> ofRegistrations(List<Long> registrationIds) {
    return requests.ofRegistrations(registrationIds);
  }

  /**
   * How many things wait for the secretariat: requests to approve, refuse or return, and letters to issue again — whose
   * meeting moved, whose facts are unknown, or that their holders asked for — each letter once (the length of the
   * desk's lists, {@link #waiting} and {@link #toReissue}).
   */
  public long waitingCount() {
    return requests.countWaiting() + toReissue.count();
  }

  /**
   * An approved letter the secretariat is to issue again, and why: its meeting moved since, what it states is not known
   * (approved before that was kept), or its holder asked ({@code asked}, the open request; else null) — or several.
   */
  public record ToReissue(VisaRequest request, boolean moved, boolean factsUnknown, ReissueAsk asked) {}

  /** For the secretariat, every letter to issue again (nothing for anyone else). */
  public List<ToReissue> toReissue(PlenaryUser user) {
    return user != null && user.isStaff() ? toReissue.all() : List.of();
  }

  /** An approved letter its holder (or their focal point) asked to be issued again, with the open request. */
  public record AskedAgain(VisaRequest request, ReissueAsk ask) {}

  /** The open re-issue requests of these visa requests (a person's own, or a focal point's people's). */
  public List<AskedAgain> askedAgain(List<VisaRequest> of) {
    return of.stream().flatMap(r -> asks.open(r.id()).map(ask -> new AskedAgain(r, ask)).stream()).toList();
  }

  public List<VisaRequest> waiting(PlenaryUser user) {
    return user != null && user.isStaff() ? requests.waiting() : List.of();
  }

  public Optional<VisaRequest> ofRegistration(long registrationId) {
    return requests.ofRegistration(registrationId);
  }

  /**
   * What the public verification page may say of a letter: nothing of the passport, and nothing at
   * all unless the reference carries the letter's verification code. A wrong code, a reference
   * without one and an unknown reference get the same empty answer.
   */
  /**
   * What the approved letter states of its meeting: as it was at the approval, whatever the meeting has become
   * since (a letter approved before this was kept states the meeting as it is).
   */
  LetterFacts letterFacts(VisaRequest request) {
    return requests.letterFacts(request.id()).orElseGet(() -> LetterFacts.of(meetings.get(request.meetingId())));
  }

  /**
   * The approved letters of the meeting that state a venue or days it no longer has (read as it stands, under
   * its lock, in the caller's transaction): their holders are to be told.
   */
  public List<OutdatedLetter> outdatedLetters(MeetingId meeting) {
    Meeting current = meetings.forIssue(meeting);
    return requests.approvedLetters(meeting).entrySet().stream().filter(letter -> !letter.getValue().standsFor(current))
        .map(letter -> new OutdatedLetter(letter.getKey().id(), letter.getKey().registrationId(), letter.getKey().fullName(),
            letter.getKey().reference(), letter.getValue().venue(), letter.getValue().starts(), letter.getValue().ends()))
        .toList();
  }

  public Optional<VisaRequest> verify(String reference) {
    return VerificationCode.Typed.parse(reference).flatMap(typed -> requests.byCode(typed.code())
        .filter(r -> r.status() == VisaStatus.APPROVED)
        .filter(r -> requests.publicReference(r.id()).filter(typed::names).isPresent()));
  }

  public List<PassportRead> reads(long id, PlenaryUser user) {
    return requests.readLog(get(id, user).id());
  }

  boolean mayReadPassport(PlenaryUser user, VisaRequest request) {
    if (user == null) {
      return false;
    }
    Registration registration;
    try {
      registration = registrations.get(request.registrationId(), user);
    } catch (RuntimeException notAllowed) {
      return false;
    }
    return user.id().equals(registration.accountId()) || registrations.mayDecide(user, registration);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
