package org.plenary.visa;

import org.plenary.meeting.MeetingCatalog;
import org.plenary.shared.PageController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The public check of a letter by its full reference: what the letter states, whether the meeting moved since, and,
 * for a letter superseded by a re-issue, which reference replaced it. Nothing of the passport.
 */
@PageController
class VisaVerificationController {

  private final VisaDesk desk;
  private final LetterReissue reissue;
  private final MeetingCatalog meetings;

  VisaVerificationController(VisaDesk desk, LetterReissue reissue, MeetingCatalog meetings) {
    this.desk = desk;
    this.reissue = reissue;
    this.meetings = meetings;
  }

  @GetMapping("/visa/verify")
  String verify(@RequestParam(defaultValue = "") String reference, Model model) {
    model.addAttribute("reference", reference);
    VisaRequest found = reference.isBlank() ? null : desk.verify(reference).orElse(null);
    model.addAttribute("found", found);
    // A letter replaced by a re-issue: what it states, and which reference superseded it.
    LetterReissue.Superseded superseded = found != null || reference.isBlank() ? null : reissue.superseded(reference).orElse(null);
    model.addAttribute("superseded", superseded);
    VisaRequest request = found != null ? found : superseded != null ? superseded.request() : null;
    if (request != null) {
      // The meeting as the letter states it; and, if it moved since the letter was issued, where to.
      LetterFacts letter = found != null ? desk.letterFacts(found) : superseded.facts();
      var meeting = meetings.get(request.meetingId());
      java.util.Locale reader = org.springframework.context.i18n.LocaleContextHolder.getLocale();
      model.addAttribute("meeting", meeting);
      model.addAttribute("letterVenue", letter.venue());
      model.addAttribute("letterDates", letter.dates(reader));
      model.addAttribute("moved", !letter.standsFor(meeting));
      // A letter approved before what letters state was kept: what it printed is not known, and the page says so.
      model.addAttribute("factsUnknown", found != null && reissue.factsUnknown(found));
      model.addAttribute("nowDates", meeting.dates(reader));
    }
    return "visa/verify";
  }
}
