package org.plenary.visa;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.plenary.account.PlenaryUser;
import org.plenary.meeting.Meeting;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.meeting.MeetingId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.plenary.shared.EditVersion;
import tools.jackson.databind.json.JsonMapper;

/**
 * A letter issued again after its meeting moved: the secretariat gives the request a new letter (new reference,
 * the meeting as it stands, dated by the re-issue) and the letter it replaces keeps being checked, saying which
 * reference superseded it.
 */
@Component
class LetterReissue {

  private final VisaDesk desk;
  private final VisaRequests requests;
  private final MeetingCatalog meetings;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final ReissueAsks asks;
  private final ReissueAskDesk correction;
  private final PassportCipher cipher;
  private final JsonMapper json;

  LetterReissue(VisaDesk desk, VisaRequests requests, MeetingCatalog meetings, ApplicationEventPublisher events,
      TransactionTemplate transaction, Clock clock, ReissueAsks asks, ReissueAskDesk correction, PassportCipher cipher,
      JsonMapper json) {
    this.asks = asks;
    this.correction = correction;
    this.cipher = cipher;
    this.json = json;
    this.desk = desk;
    this.requests = requests;
    this.meetings = meetings;
    this.events = events;
    this.transaction = transaction;
    this.clock = clock;
  }

  VisaRequest reissue(long id, PlenaryUser user) {
    return reissue(id, EditVersion.ANY, user);
  }

  /**
   * The secretariat re-issues an approved letter whose meeting moved since, whose facts are unknown (approved before
   * they were kept), or that its participant asked to be issued again: under the request's row lock (two re-issues at
   * once make one letter, the other is refused as the letter then matches), the letter held so far is kept as
   * superseded, still checked by its reference, and the request gets a new reference (the request's, then {@code -R}
   * and the count of re-issues, with a new verification code), the meeting's venue and days as they stand, the
   * details the open request corrects, and the day of this re-issue. A letter that still states the meeting as it is,
   * and that nobody asked for, is not re-issued (409); nor is a request changed since the secretary read it
   * ({@code seen}: a request asked, withdrawn or asked again since, or its meeting's venue or days changed since, 412:
   * the new letter quotes the meeting as the secretary saw it, or is not made).
   */
  VisaRequest reissue(long id, EditVersion seen, PlenaryUser user) {
    if (user == null || !user.isStaff()) {
      throw VisaRefusedException.of(403, "visa.refused.reissueStaff");
    }
    return transaction.execute(status -> {
      requests.lock(id);
      VisaRequest request = desk.get(id, user);
      if (request.status() != VisaStatus.APPROVED) {
        throw VisaRefusedException.of(409, "visa.refused.notIssued", id,
            VisaRefusedException.word("visa.status." + request.status().name(), request.status().name().toLowerCase()));
      }
      if (request.purgedAt() != null) {
        throw VisaRefusedException.of(409, "visa.refused.purged");
      }
      if (!seen.accepts(desk.lockedVersion(request))) {
        throw VisaRefusedException.of(412, "visa.refused.changed", id);
      }
      Meeting meeting = meetings.forIssue(request.meetingId());
      LetterFacts held = desk.letterFacts(request);
      Optional<ReissueAsk> asked = asks.open(id);
      if (asked.isEmpty() && !requests.factsUnknown(id) && held.standsFor(meeting)) {
        throw VisaRefusedException.of(409, "visa.refused.stillValid", request.reference(), held.venue(),
            held.dates(org.springframework.context.i18n.LocaleContextHolder.getLocale()));
      }
      String code = VerificationCode.generate();
      int superseded = requests.supersede(id, code, clock.instant());
      asked.flatMap(correction::correction).ifPresent(fixed -> requests.correct(id, fixed.fullName(), fixed.function(),
          fixed.mission(), cipher.encrypt(json.writeValueAsString(fixed.passport()))));
      String reference = "%s-V-%04d-R%d".formatted(meeting.code().toUpperCase(), id, superseded + 1);
      requests.reissue(id, reference, code, user.getUsername(), clock.instant());
      LetterFacts now = LetterFacts.of(meeting);
      requests.fixLetter(id, now);
      VisaRequest issued = requests.find(id).orElseThrow();
      asked.ifPresent(ask -> asks.settle(ask.id(), ReissueAsk.State.REISSUED, user.getUsername(), clock.instant(), null,
          issued.reference()));
      events.publishEvent(new VisaLetterReissued(id, request.registrationId(), request.reference(), issued.reference(),
          now.venue(), now.starts(), now.ends(), asked.map(ReissueAsk::reason).orElse(null)));
      return issued;
    });
  }

  /** Whether the request's approved letter states a venue or days its meeting no longer has (it may be re-issued). */
  boolean outdated(VisaRequest request) {
    return request.status() == VisaStatus.APPROVED && request.purgedAt() == null && !requests.factsUnknown(request.id())
        && !desk.letterFacts(request).standsFor(meetings.get(request.meetingId()));
  }

  /** Whether the request's letter was approved before what letters state was kept: whether it moved is not known. */
  boolean factsUnknown(VisaRequest request) {
    return request.status() == VisaStatus.APPROVED && request.purgedAt() == null && requests.factsUnknown(request.id());
  }

  /** For the secretariat: the letters to re-issue and why (nothing for anyone else). */
  List<VisaDesk.ToReissue> toReissue(PlenaryUser user) {
    return desk.toReissue(user);
  }

  /** The printed references of the letters the request held before the current one, oldest first. */
  List<String> supersededReferences(VisaRequest request) {
    return requests.supersededReferences(request.id());
  }

  /**
   * A letter replaced by a re-issue, found by its full reference: what it states, when it was superseded, and the
   * reference of the letter that replaced it (no more of the person than the check of a current letter shows).
   */
  record Superseded(VisaRequest request, String reference, LetterFacts facts, java.time.Instant at, String by,
      String fullName) {}

  /** The superseded letter this full reference names (the same forgiving reading, and nothing for a wrong code). */
  Optional<Superseded> superseded(String reference) {
    return VerificationCode.Typed.parse(reference).flatMap(typed -> requests.supersededByCode(typed.code())
        .filter(row -> typed.names(row.reference()))
        .flatMap(row -> requests.find(row.request()).map(request -> new Superseded(request,
            row.reference() + "-" + VerificationCode.grouped(row.code()),
            row.facts() == null ? LetterFacts.of(meetings.get(request.meetingId())) : row.facts(), row.supersededAt(),
            requests.printedByCode(row.supersededByCode()).orElse(request.reference()),
            row.fullName() == null ? request.fullName() : row.fullName()))));
  }
}
