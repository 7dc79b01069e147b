package org.plenary.visa;

import jakarta.validation.Valid;
import org.plenary.account.PlenaryUser;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.registration.Attendance;
import org.plenary.registration.RegistrationDesk;
import org.plenary.shared.InvalidInputException;
import org.plenary.shared.PageController;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Visa-support pages: the request form, the request (passport shown to those who may see it) and the letter; the
 * secretariat's queue and decisions are {@link VisaDecisionController}'s, re-issue requests {@link ReissueAskController}'s.
 */
@PageController
class VisaController {

  private final VisaDesk desk;
  private final LetterReissue reissue;
  private final ReissueAskDesk asks;
  private final VisaLetter letter;
  private final RegistrationDesk registrations;
  private final MeetingCatalog meetings;
  private final org.plenary.account.AccountDirectory accounts;

  private final org.springframework.context.MessageSource messages;

  VisaController(VisaDesk desk, LetterReissue reissue, ReissueAskDesk asks, VisaLetter letter, RegistrationDesk registrations,
      MeetingCatalog meetings, org.plenary.account.AccountDirectory accounts, org.springframework.context.MessageSource messages) {
    this.asks = asks;
    this.messages = messages;
    this.accounts = accounts;
    this.desk = desk;
    this.reissue = reissue;
    this.letter = letter;
    this.registrations = registrations;
    this.meetings = meetings;
  }

  /** A sentence of the visa bundle in the reader's language. */
  private String say(String key, Object... args) {
    return messages.getMessage(key, args, org.springframework.context.i18n.LocaleContextHolder.getLocale());
  }

  @GetMapping("/registrations/{id}/visa")
  String form(@PathVariable long id, @AuthenticationPrincipal PlenaryUser user, Model model) {
    var existing = desk.ofRegistration(registrations.get(id, user).id());
    if (existing.isPresent() && existing.get().status() != VisaStatus.RETURNED) {
      return "redirect:/visa/" + existing.get().id();
    }
    var registration = registrations.get(id, user);
    var form = new VisaForm();
    // What the registration (or the returned request) already knows; passport details are typed again.
    form.setFullName(existing.map(VisaRequest::fullName).orElse(registration.fullName()));
    form.setFunction(existing.map(VisaRequest::function).orElse(registration.function()));
    existing.ifPresent(returned -> {
      form.setMission(returned.mission());
      model.addAttribute("returned", returned);
    });
    if (registration.attendance() != Attendance.IN_PERSON) {
      model.addAttribute("problem", say("visa.notice.remote"));
    }
    return page(model, id, user, form);
  }

  @PostMapping("/registrations/{id}/visa")
  String request(@PathVariable long id, @Valid @ModelAttribute("visaForm") VisaForm form, BindingResult result,
      @AuthenticationPrincipal PlenaryUser user, Model model, RedirectAttributes redirect) {
    if (!result.hasErrors()) {
      try {
        VisaDesk.Filed filed = desk.request(id, form, user);
        redirect.addFlashAttribute("notice", say("visa.notice.filed", String.join(" ", filed.warnings())));
        return "redirect:/visa/" + filed.request().id();
      } catch (InvalidInputException e) {
        e.violations().forEach(v -> result.rejectValue(v.field(), "invalid", v.message()));
      } catch (VisaRefusedException e) {
        model.addAttribute("problem", messages.getMessage(e, org.springframework.context.i18n.LocaleContextHolder.getLocale()));
      }
    }
    return page(model, id, user, form);
  }

  @GetMapping("/visa/{id}")
  String show(@PathVariable long id, @AuthenticationPrincipal PlenaryUser user, Model model) {
    VisaRequest request = desk.get(id, user);
    // The meeting as the database holds it, its version read first: the forms carry the version of the venue and
    // days the page shows (a re-issue or an approval after the meeting moved again is refused, not made unseen).
    var meeting = meetings.versioned(request.meetingId());
    model.addAttribute("request", request);
    model.addAttribute("version", request.version() + meeting.version());
    model.addAttribute("meeting", meeting.meeting());
    model.addAttribute("passport", desk.passport(id, user, "page").orElse(null));
    model.addAttribute("isStaff", user.isStaff());
    model.addAttribute("reads", user.isStaff() ? desk.reads(id, user).stream()
        .map(r -> new Read(accounts.findEvenDisabled(r.actor()).map(a -> a.displayName()).orElse(r.actor()), r.at(),
            r.purpose())).toList() : java.util.List.of());
    model.addAttribute("decidedBy", request.decidedBy() == null ? null
        : accounts.findEvenDisabled(request.decidedBy()).map(a -> a.displayName()).orElse(request.decidedBy()));
    model.addAttribute("mayResubmit", request.status() == VisaStatus.RETURNED);
    // An approved letter that states a venue or days the meeting no longer has: the secretariat may re-issue it.
    java.util.Locale reader = org.springframework.context.i18n.LocaleContextHolder.getLocale();
    LetterFacts held = request.status() == VisaStatus.APPROVED ? desk.letterFacts(request) : null;
    model.addAttribute("outdated", reissue.outdated(request));
    model.addAttribute("factsUnknown", user.isStaff() && reissue.factsUnknown(request));
    var open = asks.open(request);
    model.addAttribute("openAsk", open.orElse(null));
    model.addAttribute("changes", open.map(ask -> asks.changes(ask, user, "page")).orElse(java.util.List.of()));
    model.addAttribute("askHistory", asks.history(request));
    model.addAttribute("mayAsk", asks.offered(request, user));
    model.addAttribute("letterVenue", held == null ? null : held.venue());
    model.addAttribute("letterDates", held == null ? null : held.dates(reader));
    model.addAttribute("nowDates", meeting.meeting().dates(reader));
    model.addAttribute("superseded", reissue.supersededReferences(request));
    model.addAttribute("zone", meeting.meeting().timeZone());
    return "visa/show";
  }

  /** One read of the passport details as the page shows it: the reader's name, the time, the channel. */
  record Read(String name, java.time.Instant at, String purpose) {}

  @GetMapping("/visa/{id}/letter.pdf")
  ResponseEntity<byte[]> letter(@PathVariable long id, @RequestParam(required = false) String lang,
      @AuthenticationPrincipal PlenaryUser user) {
    return letter.download(id, user, org.plenary.shared.Languages.supported(lang)).inline();
  }

  private String page(Model model, long registrationId, PlenaryUser user, VisaForm form) {
    var registration = registrations.get(registrationId, user);
    model.addAttribute("registration", registration);
    model.addAttribute("meeting", meetings.get(registration.meetingId()));
    model.addAttribute("visaForm", form);
    if (!model.containsAttribute("returned")) {
      desk.ofRegistration(registrationId).filter(r -> r.status() == VisaStatus.RETURNED)
          .ifPresent(r -> model.addAttribute("returned", r));
    }
    return "visa/form";
  }
}
