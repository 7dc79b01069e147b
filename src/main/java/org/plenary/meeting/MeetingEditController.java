package org.plenary.meeting;

import jakarta.validation.Valid;
import org.plenary.group.Group;
import org.plenary.group.GroupCatalog;
import org.plenary.shared.ChangedMeanwhileException;
import org.plenary.shared.EditVersion;
import org.plenary.shared.InvalidInputException;
import org.plenary.shared.PageController;
import org.plenary.shared.RowEdits;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Pages to schedule a meeting (secretariat) and edit it (secretariat and the group's management). */
@PageController
class MeetingEditController {

  private final org.springframework.context.MessageSource messages;
  private final MeetingCatalog meetings;
  private final GroupCatalog groups;
  private final AmbiguousDeadlines ambiguous;

  MeetingEditController(MeetingCatalog meetings, GroupCatalog groups, org.springframework.context.MessageSource messages,
      AmbiguousDeadlines ambiguous) {
    this.ambiguous = ambiguous;
    this.messages = messages;
    this.meetings = meetings;
    this.groups = groups;
  }

  @GetMapping("/groups/{slug}/meetings/new")
  @PreAuthorize("hasAnyRole('SECRETARIAT', 'ADMIN')")
  String schedule(@PathVariable String slug, Model model) {
    return form(model, groups.get(slug), null, new MeetingForm());
  }

  @PostMapping("/groups/{slug}/meetings/new")
  @PreAuthorize("hasAnyRole('SECRETARIAT', 'ADMIN')")
  String schedule(@PathVariable String slug, @Valid @ModelAttribute("meetingForm") MeetingForm form,
      BindingResult result, @RequestParam(required = false) String row, Model model, RedirectAttributes redirect) {
    Group group = groups.get(slug);
    if (editRows(row, form) || result.hasErrors()) {
      return form(model, group, null, form);
    }
    try {
      if (asked(form, null, result, model)) {
        return form(model, group, null, form);
      }
      Meeting meeting = meetings.schedule(slug, form.toDraft(),
          form.toTranslations() == null ? java.util.Map.of() : form.toTranslations());
      redirect.addFlashAttribute("notice", text("meeting.edit.scheduled", meeting.code()));
      return "redirect:/groups/" + slug + "/meetings/" + meeting.code();
    } catch (InvalidInputException e) {
      e.violations().forEach(v -> result.rejectValue(v.field(), "invalid", v.message()));
      return form(model, group, null, form);
    }
  }

  @GetMapping("/groups/{slug}/meetings/{code}/edit")
  @PreAuthorize("@groupAccess.canManage(#slug)")
  String edit(@PathVariable String slug, @PathVariable String code, Model model) {
    // From the database with its version, never the cache: the form is what its version says it is.
    MeetingCatalog.Versioned read = meetings.versioned(slug, code);
    MeetingForm form = MeetingForm.of(read.meeting());
    form.setEditVersion(read.version());
    return form(model, groups.get(slug), read.meeting(), form);
  }

  @PostMapping("/groups/{slug}/meetings/{code}/edit")
  @PreAuthorize("@groupAccess.canManage(#slug)")
  String edit(@PathVariable String slug, @PathVariable String code,
      @Valid @ModelAttribute("meetingForm") MeetingForm form, BindingResult result,
      @RequestParam(required = false) String row, Model model, RedirectAttributes redirect) {
    Meeting meeting = meetings.get(slug, code);
    if (editRows(row, form) || result.hasErrors()) {
      return form(model, groups.get(slug), meeting, form);
    }
    try {
      if (asked(form, meeting, result, model)) {
        return form(model, groups.get(slug), meeting, form);
      }
      Meeting saved = meetings.update(slug, code, form.toDraft(), form.toTranslations(),
          EditVersion.of(form.getEditVersion())).meeting();
      redirect.addFlashAttribute("notice", text("meeting.edit.saved", saved.code()));
      return "redirect:/groups/" + slug + "/meetings/" + saved.code();
    } catch (InvalidInputException e) {
      e.violations().forEach(v -> result.rejectValue(v.field(), "invalid", v.message()));
      return form(model, groups.get(slug), meeting, form);
    } catch (MeetingCodeInUseException e) {
      result.rejectValue("code", "in-use", org.plenary.shared.Words.said(e));
      return form(model, groups.get(slug), meeting, form);
    } catch (ChangedMeanwhileException e) {
      // The editor's input stays; the form now carries the version they were told of, so saving again is their choice.
      result.rejectValue("editVersion", "changed", org.plenary.shared.Words.said(e));
      form.setEditVersion(meetings.version(meeting.id()));
      return form(model, groups.get(slug), meeting, form);
    }
  }

  private static boolean editRows(String row, MeetingForm form) {
    if (row == null) {
      return false;
    }
    String[] parts = row.split(":", 2);
    String action = parts.length == 2 ? parts[1] : "";
    return switch (parts[0]) {
      case "collocated" -> RowEdits.apply(action, form.getCollocated(), () -> "");
      case "hotels" -> RowEdits.apply(action, form.getHotels(), MeetingForm.HotelRow::new);
      default -> false;
    };
  }

  private static String form(Model model, Group group, Meeting meeting, MeetingForm form) {
    model.addAttribute("group", group);
    model.addAttribute("meeting", meeting);
    form.offerTranslations(meeting == null ? java.util.Map.of() : meeting.translations(), group.workingLocale());
    model.addAttribute("meetingForm", form);
    model.addAttribute("latePolicies", LatePolicy.values());
    return "meeting/edit";
  }

  /**
   * Whether a deadline was typed at a time the clocks show twice without the choice of which: each such field gets
   * an error naming both, and the page a choice beside it ({@code comings}, by field), the typed values kept.
   */
  private boolean asked(MeetingForm form, Meeting meeting, BindingResult result, Model model) {
    var asked = ambiguous.of(form.toDraft(), meeting, org.springframework.context.i18n.LocaleContextHolder.getLocale());
    asked.forEach(a -> result.rejectValue(a.field(), "twice", a.sentence()));
    model.addAttribute("comings", asked.stream().collect(java.util.stream.Collectors.toMap(AmbiguousDeadlines.Asked::field,
        AmbiguousDeadlines.Asked::comings)));
    return !asked.isEmpty();
  }

  private String text(String key, Object... args) {
    return messages.getMessage(key, args, org.springframework.context.i18n.LocaleContextHolder.getLocale());
  }
}
