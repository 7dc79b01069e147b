package org.plenary.visa;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.Locale;
import java.util.stream.Collectors;
import org.plenary.account.PlenaryUser;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.shared.EditVersion;
import org.plenary.shared.InvalidInputException;
import org.plenary.shared.PageController;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
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
 * The secretariat's visa pages: the queue of requests waiting and letters to re-issue, and the decisions taken on a
 * request's page (approve, refuse, return for correction, re-issue), each on the request as the page showed it.
 */
@PageController
class VisaDecisionController {

  private final VisaDesk desk;
  private final LetterReissue reissue;
  private final ReissueAskDesk asks;
  private final MeetingCatalog meetings;
  private final MessageSource messages;

  VisaDecisionController(VisaDesk desk, LetterReissue reissue, ReissueAskDesk asks, MeetingCatalog meetings,
      MessageSource messages) {
    this.desk = desk;
    this.reissue = reissue;
    this.asks = asks;
    this.meetings = meetings;
    this.messages = messages;
  }

  /** The secretariat's queue of visa requests; refused (403) to anyone else, as the outbox is. */
  @GetMapping("/secretariat/visa")
  @PreAuthorize("hasAnyRole('SECRETARIAT', 'ADMIN')")
  String waiting(@AuthenticationPrincipal PlenaryUser user, Model model) {
    model.addAttribute("waiting", desk.waiting(user));
    var toReissue = reissue.toReissue(user);
    model.addAttribute("toReissue", toReissue);
    // What each asked re-issue changes, old and new (passport numbers masked); the read of the details is logged.
    model.addAttribute("changes", toReissue.stream().filter(t -> t.asked() != null)
        .collect(Collectors.toMap(t -> t.asked().id(), t -> asks.changes(t.asked(), user, "page"))));
    model.addAttribute("meetings", meetings);
    return "visa/waiting";
  }

  @PostMapping("/visa/{id}/{decision:refuse|return}")
  String refuseOrReturn(@PathVariable long id, @PathVariable String decision,
      @Valid @ModelAttribute ReasonForm form, BindingResult bound,
      @RequestParam(required = false) Long editVersion,
      @AuthenticationPrincipal PlenaryUser user, RedirectAttributes redirect) {
    if (org.plenary.shared.Refused.flashed(bound, redirect, decision + "-")) {
      return "redirect:/visa/" + id;
    }
    // The version the page showed: a request sent again with other details since is not decided unread.
    EditVersion seen = EditVersion.of(editVersion);
    try {
      VisaRequest request = "refuse".equals(decision) ? desk.refuse(id, form.reason(), seen, user)
          : desk.returnForCorrection(id, form.reason(), seen, user);
      redirect.addFlashAttribute("notice", say("visa.notice." + decision, request.fullName()));
    } catch (VisaRefusedException e) {
      redirect.addFlashAttribute("typed", org.plenary.shared.Typed.ofCurrentRequest());
      redirect.addFlashAttribute("problem", messages.getMessage(e, reader()));
    } catch (InvalidInputException e) {
      org.plenary.shared.Refused.flash(e, redirect, decision + "-");
    }
    return "redirect:/visa/" + id;
  }

  /** The reason of a refusal or of a return for correction: kept with its lines, as long as its column. */
  record ReasonForm(@Size(max = 2000) @org.plenary.shared.MultiLine String reason) {}

  @PostMapping("/visa/{id}/approve")
  String approve(@PathVariable long id, @RequestParam(required = false) Long editVersion,
      @AuthenticationPrincipal PlenaryUser user, RedirectAttributes redirect) {
    try {
      redirect.addFlashAttribute("notice", say("visa.notice.approved",
          desk.approve(id, EditVersion.of(editVersion), user).reference()));
    } catch (VisaRefusedException e) {
      redirect.addFlashAttribute("problem", messages.getMessage(e, reader()));
    }
    return "redirect:/visa/" + id;
  }

  /**
   * The secretariat re-issues a letter whose meeting moved, whose facts are unknown or whose holder asked, on the
   * request as the page showed it; a letter that still matches and that nobody asked for is refused with a sentence.
   */
  @PostMapping("/visa/{id}/reissue")
  String reissue(@PathVariable long id, @RequestParam(required = false) Long editVersion,
      @AuthenticationPrincipal PlenaryUser user, RedirectAttributes redirect) {
    try {
      redirect.addFlashAttribute("notice", say("visa.notice.reissued",
          this.reissue.reissue(id, EditVersion.of(editVersion), user).reference()));
    } catch (VisaRefusedException e) {
      redirect.addFlashAttribute("problem", messages.getMessage(e, reader()));
    }
    return "redirect:/visa/" + id;
  }

  /** A sentence of the visa bundle in the reader's language. */
  private String say(String key, Object... args) {
    return messages.getMessage(key, args, reader());
  }

  private static Locale reader() {
    return LocaleContextHolder.getLocale();
  }
}
