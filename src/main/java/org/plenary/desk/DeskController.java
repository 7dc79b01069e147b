package org.plenary.desk;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plenary.account.PlenaryUser;
import org.plenary.registration.Registration;
import org.plenary.registration.RegistrationDesk;
import org.plenary.shared.EditVersion;
import org.plenary.shared.PageController;
import org.plenary.shared.Refused;
import org.plenary.shared.RefusedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
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
   * {@code reject:<id>} (with {@code reasons[<id>]}) or {@code approve-selected} (the ticked {@code selected}).
   * The reasons are a form bound and checked by the binder: a refused one (a control character, an override left
   * open, a text over its bound) comes back beside its row with what was typed, and nothing is decided.
   */
  @PostMapping("/desk/registrations")
  String decide(@RequestParam(defaultValue = "") String action, @RequestParam(required = false) List<Long> selected,
      @Valid @ModelAttribute DecisionForm form, BindingResult bound, @AuthenticationPrincipal PlenaryUser user,
      RedirectAttributes redirect) {
    if (Refused.flashed(bound, redirect, DeskController::rowField)) {
      return "redirect:/desk#decide";
    }
    try {
      desk.checkReasons(form.getReasons());
    } catch (org.plenary.shared.InvalidInputException e) {
      redirect.addFlashAttribute("typed", org.plenary.shared.Typed.ofCurrentRequest());
      redirect.addFlashAttribute("problem", e.violations().get(0).message());
      return "redirect:/desk#decide";
    }
    Map<String, String> params = form.rows();
    var done = new ArrayList<String>();
    var problems = new ArrayList<String>();
    if (action.equals("approve-selected")) {
      if (selected == null || selected.isEmpty()) {
        problems.add(say("desk.problem.tickFirst"));
      } else {
        selected.forEach(id -> decideOne(id, true, null, seen(params, id), user, done, problems));
      }
    } else if (action.matches("(approve|reject):\\d{1,18}")) {
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

  /** The id a row's field has on the page: {@code reasons[7]} is {@code reason-7}, as its label's {@code for}. */
  private static String rowField(String field) {
    return field.replaceFirst("^reasons\\[(\\d+)]$", "reason-$1");
  }

  /**
   * The desk's table: the reason typed in each row ({@code reasons[<id>]}, keeping its lines as the registration
   * page's, as long as its column) and the version each row listed ({@code versions[<id>]}), by registration id.
   * A bean, not a record: the binder reaches a map's values with the editor of their field's path (the lines a
   * reason keeps) only through a property; a record's map is filled through the text editor of one line.
   */
  public static final class DecisionForm {
    @org.plenary.shared.MultiLine
    private Map<String, @Size(max = PersonalDesk.REASON_MAX) String> reasons = new LinkedHashMap<>();
    private Map<String, String> versions = new LinkedHashMap<>();

    public Map<String, String> getReasons() {
      return reasons;
    }

    public void setReasons(Map<String, String> reasons) {
      this.reasons = reasons;
    }

    public Map<String, String> getVersions() {
      return versions;
    }

    public void setVersions(Map<String, String> versions) {
      this.versions = versions;
    }

    /** The rows as the decision reads them: {@code reason-<id>} and {@code version-<id>}. */
    Map<String, String> rows() {
      var rows = new LinkedHashMap<String, String>();
      reasons.forEach((id, reason) -> rows.put("reason-" + id, reason == null ? "" : reason));
      versions.forEach((id, version) -> rows.put("version-" + id, version == null ? "" : version));
      return rows;
    }
  }

  /** A sentence of the desk bundle in the reader's language. */
  private String say(String key, Object... args) {
    return messages.getMessage(key, args, org.springframework.context.i18n.LocaleContextHolder.getLocale());
  }

  private static List<Long> reasonsGiven(Map<String, String> params) {
    return params.entrySet().stream()
        .filter(e -> e.getKey().matches("reason-\\d{1,18}") && !e.getValue().isBlank())
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
