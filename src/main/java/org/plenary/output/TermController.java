package org.plenary.output;

import jakarta.validation.Valid;
import org.plenary.account.PlenaryUser;
import org.plenary.group.Group;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.shared.PageController;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The terminology register as a page: search for everyone; propose, agree and supersede for the management. */
@PageController
class TermController {

  private final TermDesk desk;
  private final GroupCatalog groups;
  private final MeetingCatalog meetings;
  private final TermsIssuer issuer;

  TermController(TermDesk desk, GroupCatalog groups, MeetingCatalog meetings, TermsIssuer issuer) {
    this.issuer = issuer;
    this.desk = desk;
    this.groups = groups;
    this.meetings = meetings;
  }

  @GetMapping("/groups/{slug}/terms")
  String list(@PathVariable String slug, @RequestParam(required = false) String q, Model model) {
    Group group = groups.get(slug);
    model.addAttribute("group", group);
    model.addAttribute("canManage", PlenaryUser.current().map(u -> groups.canManage(u, group)).orElse(false));
    // The whole register's version, read before the terms shown: the issue form issues only what it read.
    model.addAttribute("termsVersion", TermsIssuer.version(desk.search(slug, null)));
    model.addAttribute("terms", desk.search(slug, q));
    model.addAttribute("q", q);
    model.addAttribute("meetings", meetings.of(group));
    return "output/terms";
  }

  @PreAuthorize("isAuthenticated()")
  @PostMapping("/groups/{slug}/terms")
  String propose(@PathVariable String slug, @Valid @ModelAttribute OutputForms.TermForm form, BindingResult bound,
      RedirectAttributes redirect) {
    String back = "/groups/" + slug + "/terms";
    return DeliverableController.act(redirect, back, bound, () -> {
      desk.propose(slug, new TermDesk.TermDraft(form.term(), form.definition(), form.source(), form.note(),
          form.related()), DeliverableController.user());
      return back;
    }, "output.notice.termProposed");
  }

  @PreAuthorize("isAuthenticated()")
  @PostMapping("/groups/{slug}/terms/{id}/agreement")
  String agree(@PathVariable String slug, @PathVariable long id, @RequestParam(required = false) String meeting,
      @RequestParam(required = false) Long editVersion, RedirectAttributes redirect) {
    String back = "/groups/" + slug + "/terms";
    return DeliverableController.act(redirect, back, () -> {
      desk.agree(slug, id, meeting, DeliverableController.user(), org.plenary.shared.EditVersion.of(editVersion));
      return back;
    }, "output.notice.termAgreed");
  }

  @PreAuthorize("isAuthenticated()")
  @PostMapping("/groups/{slug}/terms/{id}/supersession")
  String supersede(@PathVariable String slug, @PathVariable long id,
      @Valid @ModelAttribute OutputForms.SupersessionForm form, BindingResult bound,
      @RequestParam(required = false) Long editVersion, RedirectAttributes redirect) {
    String back = "/groups/" + slug + "/terms";
    // One such form per agreed term: the error stands beside the row's field.
    if (org.plenary.shared.Refused.flashed(bound, redirect, f -> f + "-" + id)) {
      return "redirect:" + back;
    }
    return DeliverableController.act(redirect, back, () -> {
      desk.supersede(slug, id, form.by(), DeliverableController.user(), org.plenary.shared.EditVersion.of(editVersion));
      return back;
    }, "output.notice.termSuperseded");
  }

  @PreAuthorize("isAuthenticated()")
  @PostMapping("/groups/{slug}/terms/issue")
  String issue(@PathVariable String slug, @RequestParam(required = false) String meeting,
      @RequestParam(required = false) Long editVersion, RedirectAttributes redirect) {
    return DeliverableController.act(redirect, "/groups/" + slug + "/terms",
        () -> "/documents/" + issuer.issue(slug, meeting, DeliverableController.user(),
            org.plenary.shared.EditVersion.of(editVersion)).number(),
        "output.notice.termsIssued");
  }
}
