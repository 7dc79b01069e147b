package org.plenary.visa;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.plenary.account.PlenaryUser;
import org.plenary.meeting.Meeting;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.registration.RegistrationDesk;
import org.plenary.shared.EditVersion;
import org.plenary.shared.Violations;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * A participant, or their organization's focal point, asks for an approved letter to be issued again (a renewed
 * passport, a name spelled as the new passport spells it, an embassy that wants a later date), until the meeting
 * ends, one request at a time, and may withdraw it; the secretariat re-issues the letter ({@link LetterReissue}) or
 * declines with a reason. Corrected details follow the rules of a first request and are kept sealed, as the
 * request's own, until the request is settled or the purge comes.
 */
@Component
class ReissueAskDesk {

  /** The details a re-issue corrects, sealed as one value until it is settled. */
  record Correction(String fullName, String function, String mission, Passport passport) {}

  /** A re-issue request as asked, with the warnings the asker should see (a passport close to expiry). */
  record Asked(ReissueAsk ask, List<String> warnings) {}

  /** One detail a re-issue request changes, as the secretariat reads it (passport numbers masked). */
  record Change(String field, Object before, Object after) {}

  private final VisaDesk desk;
  private final VisaRequests requests;
  private final ReissueAsks asks;
  private final RegistrationDesk registrations;
  private final MeetingCatalog meetings;
  private final PassportCipher cipher;
  private final JsonMapper json;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate transaction;
  private final Clock clock;

  ReissueAskDesk(VisaDesk desk, VisaRequests requests, ReissueAsks asks, RegistrationDesk registrations,
      MeetingCatalog meetings, PassportCipher cipher, JsonMapper json, ApplicationEventPublisher events,
      TransactionTemplate transaction, Clock clock) {
    this.desk = desk;
    this.requests = requests;
    this.asks = asks;
    this.registrations = registrations;
    this.meetings = meetings;
    this.cipher = cipher;
    this.json = json;
    this.events = events;
    this.transaction = transaction;
    this.clock = clock;
  }

  /**
   * Asks for the request's letter to be issued again, for {@code reason}, with corrected {@code details} where they
   * are the cause (null: the letter as it is, dated anew). Details are checked as a first request's are (fields
   * named with {@code prefix}); the request must have a letter whose meeting has not ended, and no open request.
   */
  Asked ask(long id, String reason, VisaForm details, String prefix, PlenaryUser user) {
    VisaRequest request = desk.get(id, user);
    mayAsk(request, user);
    new Violations().check(reason != null && !reason.isBlank(), "reason", "visa", "visa.error.reissueReason").throwIfAny();
    Meeting meeting = meetings.get(request.meetingId());
    List<String> warnings = details == null ? List.of() : desk.checked(details, meeting, prefix);
    return transaction.execute(status -> {
      requests.lock(id);
      VisaRequest locked = desk.get(id, user);
      // The meeting as it stands (never a cached copy of before a change of its days) says whether it has ended.
      askable(locked, meetings.forIssue(locked.meetingId()));
      if (asks.open(id).isPresent()) {
        throw VisaRefusedException.of(409, "visa.refused.reissueOpen", locked.reference());
      }
      Correction now = current(locked);
      Correction asked = details == null ? null : new Correction(details.getFullName().strip(),
          blankToNull(details.getFunction()), details.getMission().strip(), details.passport());
      List<String> changes = asked == null ? List.of() : changes(now, asked).stream().map(Change::field).toList();
      long ask = asks.insert(id, reason.strip(), changes.isEmpty() ? null : cipher.encrypt(json.writeValueAsString(asked)),
          changes, user.getUsername(), clock.instant());
      requests.touch(id);
      events.publishEvent(new VisaReissueRequestUpdated(id, locked.registrationId(), ask, ReissueAsk.State.OPEN, reason.strip(),
          locked.reference(), changes));
      return new Asked(asks.find(ask).orElseThrow(), warnings);
    });
  }

  /** The asker (or another who may ask for the same letter) withdraws the open request; a settled one is refused. */
  ReissueAsk withdraw(long id, long ask, PlenaryUser user) {
    VisaRequest request = desk.get(id, user);
    mayAsk(request, user);
    return settle(id, ask, user, EditVersion.ANY, ReissueAsk.State.WITHDRAWN, null);
  }

  /** The secretariat declines the open request, saying why, on the request as it was read ({@code seen}). */
  ReissueAsk decline(long id, long ask, String reason, EditVersion seen, PlenaryUser user) {
    if (user == null || !user.isStaff()) {
      throw VisaRefusedException.of(403, "visa.refused.reissueStaff");
    }
    new Violations().check(reason != null && !reason.isBlank(), "reason", "visa", "visa.error.declineReason").throwIfAny();
    return settle(id, ask, user, seen, ReissueAsk.State.DECLINED, reason.strip());
  }

  private ReissueAsk settle(long id, long ask, PlenaryUser user, EditVersion seen, ReissueAsk.State state, String answer) {
    return transaction.execute(status -> {
      requests.lock(id);
      VisaRequest request = desk.get(id, user);
      ReissueAsk open = asks.find(ask).filter(a -> a.visaRequestId() == id)
          .orElseThrow(() -> VisaRefusedException.of(404, "visa.refused.reissueUnknown", ask));
      if (open.state() != ReissueAsk.State.OPEN) {
        throw VisaRefusedException.of(409, "visa.refused.reissueSettled", ask,
            VisaRefusedException.word("visa.reissue.state." + open.state().name(), open.state().name().toLowerCase()));
      }
      if (!seen.accepts(desk.version(request))) {
        throw VisaRefusedException.of(412, "visa.refused.changed", id);
      }
      asks.settle(ask, state, user.getUsername(), clock.instant(), answer, null);
      requests.touch(id);
      events.publishEvent(new VisaReissueRequestUpdated(id, request.registrationId(), ask, state, answer,
          request.reference(), open.changes()));
      return asks.find(ask).orElseThrow();
    });
  }

  /** The request's open re-issue request, if any, for whoever may read the request. */
  Optional<ReissueAsk> open(VisaRequest request) {
    return asks.open(request.id());
  }

  /** The request's re-issue requests, newest first. */
  List<ReissueAsk> history(VisaRequest request) {
    return asks.of(request.id());
  }

  /** The request's re-issue requests, newest first, for whoever may read the request (404 to anyone else). */
  List<ReissueAsk> history(long id, PlenaryUser user) {
    return history(desk.get(id, user));
  }

  /** One page of the request's re-issue requests ({@link #history(long, PlenaryUser)}), newest first, read by key. */
  org.plenary.shared.Paged<ReissueAsk> history(long id, PlenaryUser user, org.plenary.shared.Paged.Asked asked) {
    return asks.of(desk.get(id, user).id(), asked);
  }

  /** One re-issue request of the visa request, for whoever may read the request (404 to anyone else). */
  ReissueAsk find(long id, long ask, PlenaryUser user) {
    desk.get(id, user);
    return asks.find(ask).filter(a -> a.visaRequestId() == id)
        .orElseThrow(() -> VisaRefusedException.of(404, "visa.refused.reissueUnknown", ask));
  }

  /** The corrected details of an open request, for whoever may read the request's passport details; the read is logged. */
  Optional<Correction> readCorrection(ReissueAsk ask, PlenaryUser user, String purpose) {
    VisaRequest request = desk.get(ask.visaRequestId(), user);
    Optional<Correction> correction = correction(ask);
    correction.ifPresent(c -> requests.logRead(request.id(), user.getUsername(), purpose, clock.instant()));
    return correction;
  }

  /** Every open re-issue request, for the secretariat (nothing for anyone else). */
  List<ReissueAsk> allOpen(PlenaryUser user) {
    return user != null && user.isStaff() ? asks.allOpen() : List.of();
  }

  /**
   * What the open request changes, old and new, for the secretariat (the passport numbers masked); the read of the
   * passport details it takes is logged as any other.
   */
  List<Change> changes(ReissueAsk ask, PlenaryUser user, String purpose) {
    if (user == null || !user.isStaff() || ask.changes().isEmpty()) {
      return List.of();
    }
    VisaRequest request = desk.get(ask.visaRequestId(), user);
    Optional<Correction> asked = correction(ask);
    if (asked.isEmpty()) {
      return List.of();
    }
    requests.logRead(request.id(), user.getUsername(), purpose, clock.instant());
    return changes(current(request), asked.get()).stream().map(c -> c.field().equals("passportNumber")
        ? new Change(c.field(), masked(c.before()), masked(c.after()))
        : new Change(c.field(), shown(c.before()), shown(c.after()))).toList();
  }

  /** The corrected details of an open request, unsealed. */
  Optional<Correction> correction(ReissueAsk ask) {
    return asks.sealedDetails(ask.id()).map(sealed -> json.readValue(cipher.decrypt(sealed), Correction.class));
  }

  private Correction current(VisaRequest request) {
    Passport passport = requests.encryptedPassport(request.id())
        .map(sealed -> json.readValue(cipher.decrypt(sealed), Passport.class)).orElse(null);
    return new Correction(request.fullName(), request.function(), request.mission(), passport);
  }

  private static List<Change> changes(Correction was, Correction is) {
    var changes = new ArrayList<Change>();
    compare(changes, "fullName", was.fullName(), is.fullName());
    compare(changes, "function", was.function(), is.function());
    compare(changes, "mission", was.mission(), is.mission());
    Passport a = was.passport();
    Passport b = is.passport();
    compare(changes, "passportNumber", a == null ? null : a.number(), b.number());
    compare(changes, "issuingCountry", a == null ? null : a.issuingCountry(), b.issuingCountry());
    compare(changes, "issuedOn", a == null ? null : a.issuedOn(), b.issuedOn());
    compare(changes, "expiresOn", a == null ? null : a.expiresOn(), b.expiresOn());
    compare(changes, "birthDate", a == null ? null : a.birthDate(), b.birthDate());
    compare(changes, "birthPlace", a == null ? null : a.birthPlace(), b.birthPlace());
    compare(changes, "nationality", a == null ? null : a.nationality(), b.nationality());
    return changes;
  }

  private static void compare(List<Change> changes, String field, Object before, Object after) {
    if (!Objects.equals(before, after)) {
      changes.add(new Change(field, before, after));
    }
  }

  /** A value as the page shows it: a date in the reader's words, nothing as an empty string. */
  private static String shown(Object value) {
    return value == null ? "" : value instanceof LocalDate date ? VisaDesk.day(date) : value.toString();
  }

  private static String masked(Object number) {
    return number == null ? null : new Passport(number.toString(), "", null, null, null, "", "").maskedNumber();
  }

  /** Whether the reader may ask for the request's letter now (the page offers it): a letter, the meeting on, none open. */
  boolean offered(VisaRequest request, PlenaryUser user) {
    try {
      mayAsk(request, user);
      askable(request, meetings.get(request.meetingId()));
    } catch (VisaRefusedException refused) {
      return false;
    }
    return asks.open(request.id()).isEmpty();
  }

  /** Only the participant and their organization's focal point ask (the secretariat re-issues without asking). */
  private void mayAsk(VisaRequest request, PlenaryUser user) {
    var registration = registrations.get(request.registrationId(), user);
    boolean holder = user.id().equals(registration.accountId());
    if (!holder && user.isStaff()) {
      throw VisaRefusedException.of(403, "visa.refused.reissueAskers");
    }
  }

  /** A letter may be asked for again while it is the request's, its details kept, and its meeting not over. */
  private void askable(VisaRequest request, Meeting meeting) {
    if (request.status() != VisaStatus.APPROVED || request.reference() == null) {
      throw VisaRefusedException.of(409, "visa.refused.notIssued", request.id(),
          VisaRefusedException.word("visa.status." + request.status().name(), request.status().name().toLowerCase()));
    }
    if (request.purgedAt() != null) {
      throw VisaRefusedException.of(409, "visa.refused.purged");
    }
    LocalDate after = meeting.endDate().plusDays(1);
    if (!clock.instant().isBefore(after.atStartOfDay(meeting.timeZone()).toInstant())) {
      throw VisaRefusedException.of(409, "visa.refused.reissueEnded", meeting.code(), VisaDesk.day(meeting.endDate()));
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
