package org.plenary.registration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.plenary.account.Account;
import org.plenary.account.AccountDirectory;
import org.plenary.account.Countries;
import org.plenary.account.OrganizationDirectory;
import org.plenary.account.PlenaryUser;
import org.plenary.account.Role;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.Meeting;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.shared.EditVersion;
import org.plenary.shared.InvalidInputException;
import org.plenary.shared.PageController;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Registering for a meeting, one's registrations, and the decisions of focal points and the secretariat. */
@PageController
class RegistrationController {

  private final RegistrationDesk desk;
  private final GroupCatalog groups;
  private final MeetingCatalog meetings;
  private final AccountDirectory accounts;
  private final OrganizationDirectory organizations;
  private final Countries countries;
  private final RegistrationConfirmation confirmationPdf;
  private final RepresentedOrganization represented;
  private final java.time.Clock clock;

  private final org.springframework.context.MessageSource messages;

  /** A sentence of the registration bundle in the reader's language. */
  private String say(String key, Object... args) {
    return messages.getMessage(key, args, org.springframework.context.i18n.LocaleContextHolder.getLocale());
  }

  RegistrationController(RegistrationConfirmation confirmationPdf, RegistrationDesk desk, GroupCatalog groups,
      MeetingCatalog meetings, AccountDirectory accounts, OrganizationDirectory organizations, Countries countries,
      RepresentedOrganization represented, java.time.Clock clock, org.springframework.context.MessageSource messages) {
    this.messages = messages;
    this.clock = clock;
    this.confirmationPdf = confirmationPdf;
    this.represented = represented;
    this.desk = desk;
    this.groups = groups;
    this.meetings = meetings;
    this.accounts = accounts;
    this.organizations = organizations;
    this.countries = countries;
  }

  @GetMapping("/groups/{slug}/meetings/{code}/register")
  String form(@PathVariable String slug, @PathVariable String code, @AuthenticationPrincipal PlenaryUser user,
      Model model) {
    Account account = accounts.get(user.id());
    var form = new RegistrationForm();
    form.setFullName(account.displayName());
    form.setEmail(account.email());
    form.setOrganizationId(account.organizationId() == null ? null : account.organizationId().value());
    form.setCountryCode(account.countryCode());
    return page(model, slug, code, form, user);
  }

  @PostMapping("/groups/{slug}/meetings/{code}/register")
  String register(@PathVariable String slug, @PathVariable String code,
      @Valid @ModelAttribute("registrationForm") RegistrationForm form, BindingResult result,
      @AuthenticationPrincipal PlenaryUser user, Model model, RedirectAttributes redirect) {
    if (!result.hasErrors()) {
      try {
        Registration registration = desk.register(slug, code, form, user);
        redirect.addFlashAttribute("notice", say("registration.notice.registered"));
        return "redirect:/registrations/" + registration.id();
      } catch (InvalidInputException e) {
        e.violations().forEach(v -> result.rejectValue(v.field(), "invalid", v.message()));
      } catch (RegistrationRefusedException e) {
        model.addAttribute("problem", messages.getMessage(e, org.springframework.context.i18n.LocaleContextHolder.getLocale()));
      }
    }
    return page(model, slug, code, form, user);
  }

  @GetMapping("/registrations")
  String mine(@AuthenticationPrincipal PlenaryUser user, Model model) {
    model.addAttribute("mine", desk.of(user));
    model.addAttribute("waiting", desk.waitingFor(user));
    model.addAttribute("meetings", meetings);
    return "registration/list";
  }

  @GetMapping("/registrations/{id}")
  String show(@PathVariable long id, @AuthenticationPrincipal PlenaryUser user, Model model) {
    Registration registration = desk.get(id, user);
    Meeting meeting = meetings.get(registration.meetingId());
    model.addAttribute("registration", registration);
    model.addAttribute("meeting", meeting);
    model.addAttribute("group", groups.get(meeting.groupId()));
    model.addAttribute("organization", organizations.find(registration.organizationId()).orElse(null));
    model.addAttribute("country", countries.name(registration.countryCode()));
    model.addAttribute("mayDecide", desk.mayDecide(user, registration)
        && registration.status() == RegistrationStatus.SUBMITTED);
    model.addAttribute("mayCorrect", user.has(Role.ADMIN));
    model.addAttribute("decidedBy", registration.decidedBy() == null ? null
        : accounts.findEvenDisabled(registration.decidedBy()).map(Account::displayName).orElse(registration.decidedBy()));
    model.addAttribute("organizations", organizations.all());
    return "registration/show";
  }

  @GetMapping("/registrations/{id}/confirmation.pdf")
  org.springframework.http.ResponseEntity<byte[]> confirmation(@PathVariable long id,
      @RequestParam(required = false) String lang, @AuthenticationPrincipal PlenaryUser user) {
    Registration registration = desk.get(id, user);
    return confirmationPdf.download(registration, org.plenary.shared.Languages.supported(lang)).inline();
  }

  /**
   * Approves or rejects the registration as the page showed it ({@code editVersion}): one changed since is not
   * decided, and the page says what it is now.
   */
  @PostMapping("/registrations/{id}/{decision:approve|reject}")
  String decide(@PathVariable long id, @PathVariable String decision,
      @Valid @ModelAttribute ReasonForm form, BindingResult bound,
      @RequestParam(required = false) Long editVersion, @AuthenticationPrincipal PlenaryUser user,
      RedirectAttributes redirect) {
    if (org.plenary.shared.Refused.flashed(bound, redirect)) {
      return "redirect:/registrations/" + id;
    }
    try {
      EditVersion seen = EditVersion.of(editVersion);
      Registration registration = "approve".equals(decision) ? desk.approve(id, seen, user)
          : desk.reject(id, form.reason(), seen, user);
      redirect.addFlashAttribute("notice", say("approve".equals(decision) ? "registration.notice.approved" : "registration.notice.rejected", registration.fullName()));
    } catch (RegistrationRefusedException e) {
      redirect.addFlashAttribute("typed", org.plenary.shared.Typed.ofCurrentRequest());
      redirect.addFlashAttribute("problem", messages.getMessage(e, org.springframework.context.i18n.LocaleContextHolder.getLocale()));
    } catch (InvalidInputException e) {
      org.plenary.shared.Refused.flash(e, redirect, "");
    }
    return "redirect:/registrations/" + id;
  }

  /** The reason of a rejection: kept with its lines, as long as its column. */
  record ReasonForm(@Size(max = 1000) @org.plenary.shared.MultiLine String reason) {}

  /**
   * Corrects the registration's organization on the version the page showed: a page read before someone else
   * changed the registration is shown again, as it is now, with the administrator's choice kept and the sentence.
   */
  @PostMapping("/registrations/{id}/organization")
  String correctOrganization(@PathVariable long id, @RequestParam(required = false) Long organizationId,
      @RequestParam(required = false) Long editVersion, @AuthenticationPrincipal PlenaryUser user, Model model,
      RedirectAttributes redirect) {
    try {
      Registration registration = represented.correct(id, organizationId, EditVersion.of(editVersion), user);
      redirect.addFlashAttribute("notice", organizations.find(registration.organizationId())
          .map(o -> say("registration.notice.organization", registration.fullName(), o.name()))
          .orElseGet(() -> say("registration.notice.ownName", registration.fullName())));
    } catch (RegistrationRefusedException e) {
      String sentence = messages.getMessage(e, org.springframework.context.i18n.LocaleContextHolder.getLocale());
      if (e.httpStatus() == 412) {
        model.addAttribute("problem", sentence);
        model.addAttribute("chosenOrganization", organizationId == null ? "" : organizationId.toString());
        return show(id, user, model);
      }
      redirect.addFlashAttribute("problem", sentence);
    } catch (InvalidInputException e) {
      redirect.addFlashAttribute("problem", e.violations().get(0).message());
    }
    return "redirect:/registrations/" + id;
  }

  private String page(Model model, String slug, String code, RegistrationForm form, PlenaryUser user) {
    model.addAttribute("group", groups.get(slug));
    model.addAttribute("meeting", meetings.get(slug, code));
    model.addAttribute("registrationForm", form);
    model.addAttribute("accountEmail", accounts.get(user.id()).email());
    model.addAttribute("organizations", organizations.all());
    model.addAttribute("accountOrganization", represented.ofAccount(user).orElse(null));
    model.addAttribute("countries", countries.all());
    model.addAttribute("attendances", Attendance.values());
    model.addAttribute("individualsAllowed", desk.individualsAllowed(slug));
    // A person already registered sees their registration, and a closed meeting says so, before anyone types.
    Meeting meeting = meetings.get(slug, code);
    model.addAttribute("existing", desk.mine(meeting.id(), user).orElse(null));
    model.addAttribute("closed", meeting.deadline(org.plenary.meeting.Deadline.Kind.REGISTRATION).isPast(clock.instant()));
    return "registration/form";
  }
}
