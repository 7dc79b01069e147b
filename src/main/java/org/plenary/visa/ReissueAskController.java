package org.plenary.visa;

import jakarta.validation.Valid;
import jakarta.validation.Validator;
import org.plenary.account.PlenaryUser;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.shared.EditVersion;
import org.plenary.shared.InvalidInputException;
import org.plenary.shared.PageController;
import org.plenary.shared.Refused;
import org.plenary.shared.Typed;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Re-issue request pages: the participant's (or focal point's) form and withdrawal, the secretariat's decline. */
@PageController
class ReissueAskController {

  private final ReissueAskDesk asks;
  private final VisaDesk desk;
  private final MeetingCatalog meetings;
  private final SpringValidatorAdapter validator;
  private final MessageSource messages;

  ReissueAskController(ReissueAskDesk asks, VisaDesk desk, MeetingCatalog meetings, Validator validator,
      MessageSource messages) {
    this.asks = asks;
    this.desk = desk;
    this.meetings = meetings;
    this.validator = new SpringValidatorAdapter(validator);
    this.messages = messages;
  }

  @GetMapping("/visa/{id}/reissue-requests/new")
  String form(@PathVariable long id, @AuthenticationPrincipal PlenaryUser user, Model model) {
    VisaRequest request = desk.get(id, user);
    var form = new ReissueAskForm();
    // The name, function and mission as the letter prints them; passport details are typed again.
    form.setFullName(request.fullName());
    form.setFunction(request.function());
    form.setMission(request.mission());
    return page(model, request, form);
  }

  @PostMapping("/visa/{id}/reissue-requests")
  String ask(@PathVariable long id, @ModelAttribute("reissueAskForm") ReissueAskForm form, BindingResult result,
      @AuthenticationPrincipal PlenaryUser user, Model model, RedirectAttributes redirect) {
    VisaRequest request = desk.get(id, user);
    // The details are checked, as a first request's, only when the asker says they changed.
    if (form.isCorrect()) {
      validator.validate(form, result);
    } else {
      // The reason's own rules only: the details' fields are not read.
      var checked = new org.springframework.validation.BeanPropertyBindingResult(form, result.getObjectName());
      validator.validate(form, checked);
      checked.getFieldErrors("reason").forEach(result::addError);
    }
    if (!(form.isCorrect() ? result.hasErrors() : result.hasFieldErrors("reason"))) {
      try {
        ReissueAskDesk.Asked asked = asks.ask(id, form.getReason(), form.isCorrect() ? form : null, "", user);
        redirect.addFlashAttribute("notice", say("visa.notice.reissueAsked", String.join(" ", asked.warnings())).strip());
        return "redirect:/visa/" + id;
      } catch (InvalidInputException e) {
        e.violations().forEach(v -> result.rejectValue(v.field(), "invalid", v.message()));
      } catch (VisaRefusedException e) {
        model.addAttribute("problem", messages.getMessage(e, LocaleContextHolder.getLocale()));
      }
    }
    return page(model, request, form);
  }

  @PostMapping("/visa/{id}/reissue-requests/{ask}/withdraw")
  String withdraw(@PathVariable long id, @PathVariable long ask, @AuthenticationPrincipal PlenaryUser user,
      RedirectAttributes redirect) {
    try {
      asks.withdraw(id, ask, user);
      redirect.addFlashAttribute("notice", say("visa.notice.reissueWithdrawn"));
    } catch (VisaRefusedException e) {
      redirect.addFlashAttribute("problem", messages.getMessage(e, LocaleContextHolder.getLocale()));
    }
    return "redirect:/visa/" + id;
  }

  @PostMapping("/visa/{id}/reissue-requests/{ask}/decline")
  String decline(@PathVariable long id, @PathVariable long ask,
      @Valid @ModelAttribute VisaDecisionController.ReasonForm form, BindingResult bound,
      @RequestParam(required = false) Long editVersion, @AuthenticationPrincipal PlenaryUser user,
      RedirectAttributes redirect) {
    if (Refused.flashed(bound, redirect, "decline-")) {
      return "redirect:/visa/" + id;
    }
    try {
      asks.decline(id, ask, form.reason(), EditVersion.of(editVersion), user);
      redirect.addFlashAttribute("notice", say("visa.notice.reissueDeclined"));
    } catch (VisaRefusedException e) {
      redirect.addFlashAttribute("typed", Typed.ofCurrentRequest());
      redirect.addFlashAttribute("problem", messages.getMessage(e, LocaleContextHolder.getLocale()));
    } catch (InvalidInputException e) {
      Refused.flash(e, redirect, "decline-");
    }
    return "redirect:/visa/" + id;
  }

  private String page(Model model, VisaRequest request, ReissueAskForm form) {
    model.addAttribute("request", request);
    model.addAttribute("meeting", meetings.get(request.meetingId()));
    model.addAttribute("reissueAskForm", form);
    return "visa/reissue";
  }

  private String say(String key, Object... args) {
    return messages.getMessage(key, args, LocaleContextHolder.getLocale());
  }
}
