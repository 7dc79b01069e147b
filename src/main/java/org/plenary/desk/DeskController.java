package org.plenary.desk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.plenary.account.PlenaryUser;
import org.plenary.registration.Registration;
import org.plenary.registration.RegistrationDesk;
import org.plenary.shared.EditVersion;
import org.plenary.shared.PageController;
import org.plenary.shared.RefusedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The desk page, where a person lands after signing in, and the focal point's decisions in place:
 * approve or reject one registration, or approve several at once, without leaving the desk.
 */
@PageController
class DeskController {

  private final PersonalDesk desk;
  private final RegistrationDesk registrations;

  private final org.springframework.context.MessageSource messages;

  DeskController(PersonalDesk desk, RegistrationDesk registrations, org.springframework.context.MessageSource messages) {
    this.messages = messages;
    this.desk = desk;
    this.registrations = registrations;
  }

  @GetMapping("/desk")
  String desk(@AuthenticationPrincipal PlenaryUser user, Model model) {
    model.addAttribute("desk", desk.of(user));
    return "desk/desk";
  }

  /**
   * One form for the table of registrations to decide: {@code action} is {@code approve:<id>},
   * {@code reject:<id>} (with {@code reason-<id>}) or {@code approve-selected} (the ticked {@code selected}).
   */
  @PostMapping("/desk/registrations")
  String decide(@RequestParam(defaultValue = "") String action, @RequestParam(required = false) List<Long> selected,
      @RequestParam Map<String, String> params, @AuthenticationPrincipal PlenaryUser user, RedirectAttributes redirect) {
    var done = new ArrayList<String>();
    var problems = new ArrayList<String>();
    if (action.equals("approve-selected")) {
      if (selected == null || selected.isEmpty()) {
        problems.add(say("desk.problem.tickFirst"));
      } else {
        selected.forEach(id -> decideOne(id, true, null, seen(params, id), user, done, problems));
      }
    } else if (action.matches("(approve|reject):\\d+")) {
      long id = Long.parseLong(action.substring(action.indexOf(':') + 1));
      decideOne(id, action.startsWith("approve"), params.get("reason-" + id), seen(params, id), user, done, problems);
    } else if (reasonsGiven(params).size() == 1) {
      // Enter in a reason field of a browser that sends the table's form: the one row with a reason is rejected.
      long id = reasonsGiven(params).get(0);
      decideOne(id, false, params.get("reason-" + id), seen(params, id), user, done, problems);
    } else {
      problems.add(say("desk.problem.choose"));
    }
    if (!done.isEmpty()) {
      redirect.addFlashAttribute("notice", String.join(" ", done));
    }
    if (!problems.isEmpty()) {
      // The reasons typed come back in their rows: a refusal (a registration changed since) does not lose them.
      redirect.addFlashAttribute("typed", org.plenary.shared.Typed.ofCurrentRequest());
      redirect.addFlashAttribute("problem", String.join(" ", problems));
    }
    return "redirect:/desk#decide";
  }

  /** A sentence of the desk bundle in the reader's language. */
  private String say(String key, Object... args) {
    return messages.getMessage(key, args, org.springframework.context.i18n.LocaleContextHolder.getLocale());
  }

  private static List<Long> reasonsGiven(Map<String, String> params) {
    return params.entrySet().stream()
        .filter(e -> e.getKey().matches("reason-\\d+") && !e.getValue().isBlank())
        .map(e -> Long.parseLong(e.getKey().substring("reason-".length()))).toList();
  }

  /**
   * The version of the registration the desk listed ({@code version-<id>}): what is decided is what was listed,
   * a registration changed since is refused with what it is now. A form without it decides on it as it is.
   */
  private static EditVersion seen(Map<String, String> params, long id) {
    String version = params.get("version-" + id);
    return version != null && version.matches("\\d{1,18}") ? EditVersion.of(Long.parseLong(version))
        : version == null || version.isBlank() ? EditVersion.ANY : new EditVersion(List.of(-1L));
  }

  private void decideOne(long id, boolean approve, String reason, EditVersion seen, PlenaryUser user,
      List<String> done, List<String> problems) {
    try {
      Registration r = approve ? registrations.approve(id, seen, user) : registrations.reject(id, reason, seen, user);
      done.add(approve ? say("desk.notice.approved", r.fullName(), r.number()) : say("desk.notice.rejected", r.fullName()));
    } catch (RefusedException e) {
      problems.add(e instanceof org.springframework.context.MessageSourceResolvable said
          ? messages.getMessage(said, org.springframework.context.i18n.LocaleContextHolder.getLocale()) : e.getMessage());
    } catch (org.plenary.shared.InvalidInputException e) {
      problems.add(say("desk.problem.registration", String.valueOf(id), e.violations().get(0).message()));
    }
  }
}
