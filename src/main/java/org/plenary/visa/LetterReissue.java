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

  LetterReissue(VisaDesk desk, VisaRequests requests, MeetingCatalog meetings, ApplicationEventPublisher events,
      TransactionTemplate transaction, Clock clock) {
    this.desk = desk;
    this.requests = requests;
    this.meetings = meetings;
    this.events = events;
    this.transaction = transaction;
    this.clock = clock;
  }

  /**
   * The secretariat re-issues an approved letter whose meeting moved since: under the request's row lock (two
   * re-issues at once make one letter, the other is refused as the letter then matches), the letter held so far is
   * kept as superseded, still checked by its reference, and the request gets a new reference (the request's, then
   * {@code -R} and the count of re-issues, with a new verification code), the meeting's venue and days as they stand,
   * and the day of this re-issue. A letter that still states the meeting as it is is not re-issued (409).
   */
  VisaRequest reissue(long id, PlenaryUser user) {
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
      Meeting meeting = meetings.forIssue(request.meetingId());
      LetterFacts held = desk.letterFacts(request);
      if (held.standsFor(meeting)) {
        throw VisaRefusedException.of(409, "visa.refused.stillValid", request.reference(), held.venue(),
            held.dates(org.springframework.context.i18n.LocaleContextHolder.getLocale()));
      }
      String code = VerificationCode.generate();
      int superseded = requests.supersede(id, code, clock.instant());
      String reference = "%s-V-%04d-R%d".formatted(meeting.code().toUpperCase(), id, superseded + 1);
      requests.reissue(id, reference, code, user.getUsername(), clock.instant());
      LetterFacts now = LetterFacts.of(meeting);
      requests.fixLetter(id, now);
      VisaRequest issued = requests.find(id).orElseThrow();
      events.publishEvent(new VisaLetterReissued(id, request.registrationId(), request.reference(), issued.reference(),
          now.venue(), now.starts(), now.ends()));
      return issued;
    });
  }

  /** Whether the request's approved letter states a venue or days its meeting no longer has (it may be re-issued). */
  boolean outdated(VisaRequest request) {
    return request.status() == VisaStatus.APPROVED && request.purgedAt() == null
        && !desk.letterFacts(request).standsFor(meetings.get(request.meetingId()));
  }

  /** For the secretariat: the approved letters whose meeting moved since, to re-issue (nothing for anyone else). */
  List<VisaRequest> toReissue(PlenaryUser user) {
    if (user == null || !user.isStaff()) {
      return List.of();
    }
    var letters = new ArrayList<VisaRequest>();
    for (MeetingId meeting : requests.meetingsWithApprovedLetters()) {
      Meeting current = meetings.get(meeting);
      requests.approvedLetters(meeting).forEach((request, facts) -> {
        if (!facts.standsFor(current)) {
          letters.add(request);
        }
      });
    }
    return letters;
  }

  /** The printed references of the letters the request held before the current one, oldest first. */
  List<String> supersededReferences(VisaRequest request) {
    return requests.supersededReferences(request.id());
  }

  /**
   * A letter replaced by a re-issue, found by its full reference: what it states, when it was superseded, and the
   * reference of the letter that replaced it (no more of the person than the check of a current letter shows).
   */
  record Superseded(VisaRequest request, String reference, LetterFacts facts, java.time.Instant at, String by) {}

  /** The superseded letter this full reference names (the same forgiving reading, and nothing for a wrong code). */
  Optional<Superseded> superseded(String reference) {
    return VerificationCode.Typed.parse(reference).flatMap(typed -> requests.supersededByCode(typed.code())
        .filter(row -> typed.names(row.reference()))
        .flatMap(row -> requests.find(row.request()).map(request -> new Superseded(request,
            row.reference() + "-" + VerificationCode.grouped(row.code()),
            row.facts() == null ? LetterFacts.of(meetings.get(request.meetingId())) : row.facts(), row.supersededAt(),
            requests.printedByCode(row.supersededByCode()).orElse(request.reference())))));
  }
}
