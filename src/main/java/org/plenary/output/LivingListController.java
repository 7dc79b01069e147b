package org.plenary.output;

import jakarta.validation.Valid;
import java.time.LocalDate;
import org.plenary.account.PlenaryUser;
import org.plenary.contribution.Reader;
import org.plenary.group.Group;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
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

/** The living list as a page, as it stands or as a meeting agreed it; the management edits it. */
@PageController
class LivingListController {

  private final LivingListDesk desk;
  private final GroupCatalog groups;
  private final MeetingCatalog meetings;

  LivingListController(LivingListDesk desk, GroupCatalog groups, MeetingCatalog meetings) {
    this.desk = desk;
    this.groups = groups;
    this.meetings = meetings;
  }

  @GetMapping("/groups/{slug}/living-list")
  String show(@PathVariable String slug, @RequestParam(required = false) String agreedAt, Model model) {
    Group group = groups.get(slug);
    model.addAttribute("group", group);
    model.addAttribute("canManage", PlenaryUser.current().map(u -> groups.canManage(u, group)).orElse(false));
    model.addAttribute("list", agreedAt == null || agreedAt.isBlank() ? desk.current(slug, Reader.current())
        : desk.agreedAt(slug, agreedAt, Reader.current()));
    model.addAttribute("agreements", desk.agreements(slug));
    model.addAttribute("meetings", meetings.of(group));
    return "output/living-list";
  }

  @PreAuthorize("isAuthenticated()")
  @PostMapping("/groups/{slug}/living-list")
  String save(@PathVariable String slug, @RequestParam(required = false) Long id,
      @Valid @ModelAttribute OutputForms.EntryForm form, BindingResult bound,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate lastReviewed,
      RedirectAttributes redirect) {
    String back = "/groups/" + slug + "/living-list";
    return DeliverableController.act(redirect, back, bound, () -> {
      desk.save(slug, id, new LivingListDesk.EntryDraft(form.organization(), form.bodyGroup(), form.url(),
          form.topics(), form.contact(), lastReviewed, form.liaisons()), DeliverableController.user());
      return back;
    }, "output.notice.entrySaved");
  }

  @PreAuthorize("isAuthenticated()")
  @PostMapping("/groups/{slug}/living-list/agreements")
  String agree(@PathVariable String slug, @RequestParam(required = false) String meeting,
      @RequestParam(required = false) Long editVersion, RedirectAttributes redirect) {
    String back = "/groups/" + slug + "/living-list";
    return DeliverableController.act(redirect, back, () -> {
      desk.agree(slug, meeting, DeliverableController.user(), org.plenary.shared.EditVersion.of(editVersion));
      return back + "?agreedAt=" + meeting;
    }, "output.notice.listAgreed", meeting);
  }
}
