package org.plenary.visa;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plenary.meeting.Meeting;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.meeting.MeetingId;
import org.springframework.stereotype.Component;

/**
 * The approved letters the secretariat is asked to issue again: those whose meeting moved since (venue or days), those
 * approved before what letters state was kept, and those their holders asked to be issued again. One letter is one item
 * whatever its reasons, so the navigation's count, the visa desk and the personal desk agree.
 */
@Component
class ReissueQueue {

  private final VisaRequests requests;
  private final ReissueAsks asks;
  private final MeetingCatalog meetings;

  ReissueQueue(VisaRequests requests, ReissueAsks asks, MeetingCatalog meetings) {
    this.requests = requests;
    this.asks = asks;
    this.meetings = meetings;
  }

  /** How many letters are to be re-issued: read by ids, with each meeting read once. */
  long count() {
    var ids = new java.util.HashSet<Long>(movedLetters());
    ids.addAll(requests.idsOfUnknownFacts());
    asks.allOpen().forEach(ask -> ids.add(ask.visaRequestId()));
    return ids.size();
  }

  /** Every letter to re-issue, with why: moved ones first (by id), then those of unknown facts, then those asked. */
  List<VisaDesk.ToReissue> all() {
    var letters = new LinkedHashMap<Long, VisaDesk.ToReissue>();
    for (long id : movedLetters()) {
      letters.put(id, new VisaDesk.ToReissue(requests.find(id).orElseThrow(), true, false, null));
    }
    for (VisaRequest request : requests.lettersOfUnknownFacts()) {
      letters.put(request.id(), new VisaDesk.ToReissue(request, false, true, null));
    }
    for (ReissueAsk ask : asks.allOpen()) {
      VisaDesk.ToReissue known = letters.get(ask.visaRequestId());
      VisaRequest request = known != null ? known.request() : requests.find(ask.visaRequestId()).orElseThrow();
      letters.put(request.id(), new VisaDesk.ToReissue(request, known != null && known.moved(),
          known != null && known.factsUnknown(), ask));
    }
    return List.copyOf(letters.values());
  }

  /** The approved letters, not purged, that state a venue or days their meeting no longer has, by id. */
  private List<Long> movedLetters() {
    Map<MeetingId, Meeting> read = new HashMap<>();
    return requests.approvedLetterFacts().stream()
        .filter(letter -> !letter.facts().standsFor(read.computeIfAbsent(letter.meeting(), meetings::get)))
        .map(VisaRequests.StatedLetter::id).toList();
  }
}
