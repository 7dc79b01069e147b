package org.plenary.output;

import jakarta.validation.Valid;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.plenary.account.PlenaryUser;
import org.plenary.contribution.Reader;
import org.plenary.group.Group;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.shared.EditVersion;
import org.plenary.shared.InvalidInputException;
import org.plenary.shared.PageController;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The group's plan as pages: milestones against their deliverables, the lifetime, and each
 * deliverable with its versions and the management's actions. A refused action comes back as a
 * sentence above the form.
 */
@PageController
class DeliverableController {

  private final DeliverableDesk desk;
  private final MilestonePlan plan;
  private final GroupCatalog groups;
  private final MeetingCatalog meetings;

  /** A line of a deliverable's history: when, what, and its detail in the reader's language. */
  record HistoryLine(java.time.Instant at, String action, String detail) {}

  private final org.plenary.shared.Words words;

  DeliverableController(DeliverableDesk desk, MilestonePlan plan, GroupCatalog groups, MeetingCatalog meetings,
      org.plenary.shared.Words words) {
    this.words = words;
    this.desk = desk;
    this.plan = plan;
    this.groups = groups;
    this.meetings = meetings;
  }

  @GetMapping("/groups/{slug}/deliverables")
  String list(@PathVariable String slug, Model model) {
    Group group = common(slug, model);
    model.addAttribute("deliverables", desk.list(slug, Reader.current()));
    model.addAttribute("milestones", plan.milestones(slug, Reader.current()));
    model.addAttribute("lifetime", plan.lifetime(slug));
    model.addAttribute("kinds", DeliverableKind.values());
    model.addAttribute("groupMilestones", group.milestones());
    return "output/deliverables";
  }

  @PreAuthorize("isAuthenticated()")
  @PostMapping("/groups/{slug}/deliverables")
  String create(@PathVariable String slug,
      @Valid @ModelAttribute OutputForms.DeliverableForm form, BindingResult bound,
      @RequestParam(required = false) DeliverableKind kind, RedirectAttributes redirect) {
    return act(redirect, "/groups/" + slug + "/deliverables", bound, () -> {
      Deliverable made = desk.create(slug, form.title(), kind, form.milestone(), split(form.editors()), user());
      return "/groups/" + slug + "/deliverables/" + made.id();
    }, "output.notice.deliverableCreated");
  }

  @PreAuthorize("isAuthenticated()")
  @PostMapping("/groups/{slug}/lifetime-extensions")
  String extend(@PathVariable String slug, @RequestParam(defaultValue = "0") int months,
      @Valid @ModelAttribute OutputForms.ExtensionForm form, BindingResult bound,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate decidedOn,
      @RequestParam(required = false) Long editVersion, RedirectAttributes redirect) {
    String back = "/groups/" + slug + "/deliverables";
    return act(redirect, back, bound, () -> {
      plan.extend(slug, months, form.decidedBy(), decidedOn, user(), editVersion);
      return back;
    }, "output.notice.extensionRecorded");
  }

  @GetMapping("/groups/{slug}/deliverables/{id}")
  String show(@PathVariable String slug, @PathVariable long id, Model model) {
    Group group = common(slug, model);
    model.addAttribute("deliverable", desk.get(slug, id, Reader.current()));
    model.addAttribute("meetings", meetings.of(group));
    model.addAttribute("changes", desk.changes(slug, org.plenary.contribution.Reader.current()).stream()
        .filter(c -> c.deliverableId() == id)
        .map(c -> new HistoryLine(c.at(), c.action(), ChangeDetail.said(c, words, org.plenary.shared.Words.reader())))
        .toList());
    return "output/deliverable";
  }

  @PreAuthorize("isAuthenticated()")
  @PostMapping("/groups/{slug}/deliverables/{id}/versions")
  String version(@PathVariable String slug, @PathVariable long id,
      @Valid @ModelAttribute OutputForms.VersionForm form, BindingResult bound,
      @RequestParam(required = false) Long editVersion, RedirectAttributes redirect) {
    String back = "/groups/" + slug + "/deliverables/" + id;
    return act(redirect, back, bound, () -> {
      desk.addVersion(slug, id, form.outputNumber(), user(), EditVersion.of(editVersion));
      return back;
    }, "output.notice.versionAdded");
  }

  @PreAuthorize("isAuthenticated()")
  @PostMapping("/groups/{slug}/deliverables/{id}/agreement")
  String agree(@PathVariable String slug, @PathVariable long id, @RequestParam(required = false) String meeting,
      @Valid @ModelAttribute OutputForms.AgreementForm form, BindingResult bound,
      @RequestParam(defaultValue = "false") boolean consensus,
      @RequestParam(required = false) Long editVersion,
      RedirectAttributes redirect) {
    String back = "/groups/" + slug + "/deliverables/" + id;
    if (org.plenary.shared.Refused.flashed(bound, redirect, f -> f.equals("decision") ? "decision-text" : f)) {
      return "redirect:" + back;
    }
    return act(redirect, back, () -> {
      desk.agree(slug, id, meeting, form.decision(), consensus,
          form.objections() == null ? List.of() : Arrays.stream(form.objections().split("\\R")).toList(), user(),
          EditVersion.of(editVersion));
      return back;
    }, "output.notice.agreementRecorded");
  }

  @PreAuthorize("isAuthenticated()")
  @PostMapping("/groups/{slug}/deliverables/{id}/transfer")
  String transfer(@PathVariable String slug, @PathVariable long id,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
      @RequestParam(required = false) Long editVersion, RedirectAttributes redirect) {
    String back = "/groups/" + slug + "/deliverables/" + id;
    return act(redirect, back, () -> {
      desk.transfer(slug, id, on, user(), EditVersion.of(editVersion));
      return back;
    }, "output.notice.transferRecorded");
  }

  private Group common(String slug, Model model) {
    Group group = groups.get(slug);
    model.addAttribute("group", group);
    model.addAttribute("canManage", PlenaryUser.current().map(u -> groups.canManage(u, group)).orElse(false));
    return group;
  }

  /**
   * Runs the action and says {@code done} (a key of the {@code output} bundle with its arguments); a refusal
   * or invalid input returns to {@code back} with the sentence as the page's problem, and with what was
   * typed ({@code typed}), which the form shows again.
   */
  static String act(RedirectAttributes redirect, String back, BindingResult bound,
      java.util.function.Supplier<String> action, String done, Object... args) {
    if (org.plenary.shared.Refused.flashed(bound, redirect)) {
      return "redirect:" + back;
    }
    return act(redirect, back, action, done, args);
  }

  /** {@link #act} for a form whose texts were all bound and checked: they come back beside their fields. */
  static String act(RedirectAttributes redirect, String back, java.util.function.Supplier<String> action, String done,
      Object... args) {
    try {
      String next = action.get();
      redirect.addFlashAttribute("notice", org.plenary.shared.Words.said(
          new org.springframework.context.support.DefaultMessageSourceResolvable(new String[] {done}, args)));
      return "redirect:" + next;
    } catch (OutputRefusedException | InvalidInputException | java.util.NoSuchElementException e) {
      redirect.addFlashAttribute("typed", org.plenary.shared.Typed.ofCurrentRequest());
      refused(redirect, e);
    }
    return "redirect:" + back;
  }

  private static void refused(RedirectAttributes redirect, RuntimeException refusal) {
    switch (refusal) {
      case OutputRefusedException e -> redirect.addFlashAttribute("problem", org.plenary.shared.Words.said(e));
      // Each message sits beside its field on the form that sent it, as the binder's refusals do.
      case InvalidInputException e -> org.plenary.shared.Refused.flash(e, redirect, "");
      default -> {
        RuntimeException e = refusal;
        redirect.addFlashAttribute("problem", e instanceof org.springframework.context.MessageSourceResolvable said ? org.plenary.shared.Words.said(said) : e.getMessage());
      }
    }
  }

  static PlenaryUser user() {
    return PlenaryUser.current().orElse(null);
  }

  static List<String> split(String names) {
    return names == null ? List.of() : Arrays.stream(names.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
  }
}
