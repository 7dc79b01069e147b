package org.plenary.meeting;

import jakarta.validation.Valid;
import org.plenary.group.GroupCatalog;
import org.plenary.shared.InvalidInputException;
import org.plenary.shared.ChangedMeanwhileException;
import org.plenary.shared.EditVersion;
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

/** The agenda editor of the group's management: edit, add, remove and reorder items, without JavaScript. */
@PageController
@PreAuthorize("@groupAccess.canManage(#slug)")
class AgendaController {

  private final org.springframework.context.MessageSource messages;
  private final MeetingCatalog meetings;
  private final GroupCatalog groups;

  AgendaController(MeetingCatalog meetings, GroupCatalog groups, org.springframework.context.MessageSource messages) {
    this.messages = messages;
    this.meetings = meetings;
    this.groups = groups;
  }

  @GetMapping("/groups/{slug}/meetings/{code}/agenda")
  String edit(@PathVariable String slug, @PathVariable String code, Model model) {
    MeetingCatalog.Versioned read = meetings.versioned(slug, code);
    AgendaForm form = AgendaForm.of(read.meeting());
    form.setEditVersion(read.version());
    return form(model, slug, read.meeting(), form);
  }

  @PostMapping("/groups/{slug}/meetings/{code}/agenda")
  String save(@PathVariable String slug, @PathVariable String code,
      @Valid @ModelAttribute("agendaForm") AgendaForm form, BindingResult result,
      @RequestParam(required = false) String row, Model model, RedirectAttributes redirect) {
    Meeting meeting = meetings.get(slug, code);
    if (RowEdits.apply(row, form.getItems(), AgendaForm.ItemRow::new) || result.hasErrors()) {
      return form(model, slug, meeting, form);
    }
    try {
      meetings.replaceAgenda(slug, code, form.toAgenda(), EditVersion.of(form.getEditVersion()));
      redirect.addFlashAttribute("notice", text("meeting.agenda.saved"));
      return "redirect:/groups/" + slug + "/meetings/" + code + "#agenda";
    } catch (InvalidInputException e) {
      e.violations().forEach(v -> result.rejectValue(v.field(), "invalid", v.message()));
      return form(model, slug, meeting, form);
    } catch (AgendaItemInUseException e) {
      result.rejectValue("items", "in-use", org.plenary.shared.Words.said(e));
      return form(model, slug, meeting, form);
    } catch (ChangedMeanwhileException e) {
      result.rejectValue("editVersion", "changed", org.plenary.shared.Words.said(e));
      form.setEditVersion(meetings.version(meeting.id()));
      return form(model, slug, meeting, form);
    }
  }

  private String form(Model model, String slug, Meeting meeting, AgendaForm form) {
    form.offerTranslations(groups.get(slug).workingLocale());
    model.addAttribute("group", groups.get(slug));
    model.addAttribute("meeting", meeting);
    model.addAttribute("agendaForm", form);
    return "meeting/agenda";
  }

  private String text(String key, Object... args) {
    return messages.getMessage(key, args, org.springframework.context.i18n.LocaleContextHolder.getLocale());
  }
}
