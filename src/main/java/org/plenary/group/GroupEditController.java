package org.plenary.group;

import org.plenary.account.PlenaryUser;

import jakarta.validation.Valid;
import org.plenary.account.Countries;
import org.plenary.shared.ChangedMeanwhileException;
import org.plenary.shared.EditVersion;
import org.plenary.shared.InvalidInputException;
import org.plenary.shared.PageController;
import org.plenary.shared.RowEdits;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Pages to create a group (secretariat) and edit it (secretariat and the group's management). */
@PageController
class GroupEditController {

  private final GroupCatalog catalog;
  private final Countries countries;
  private final MessageSource messages;

  GroupEditController(GroupCatalog catalog, Countries countries, MessageSource messages) {
    this.messages = messages;
    this.catalog = catalog;
    this.countries = countries;
  }

  @GetMapping("/groups/new")
  @PreAuthorize("hasAnyRole('SECRETARIAT', 'ADMIN')")
  String create(Model model) {
    return form(model, new GroupForm(), null);
  }

  @PostMapping("/groups/new")
  @PreAuthorize("hasAnyRole('SECRETARIAT', 'ADMIN')")
  String create(@Valid @ModelAttribute("groupForm") GroupForm form, BindingResult result,
      @RequestParam(required = false) String row, Model model, RedirectAttributes redirect, Locale locale) {
    if (editRows(row, form) || result.hasErrors()) {
      return form(model, form, null);
    }
    try {
      Group group = catalog.create(form.toDraft(), form.toTranslations() == null ? java.util.Map.of() : form.toTranslations());
      redirect.addFlashAttribute("notice", messages.getMessage("group.edit.created", new Object[] {group.acronym()}, locale));
      return "redirect:/groups/" + group.slug();
    } catch (InvalidInputException e) {
      e.violations().forEach(v -> result.rejectValue(v.field(), "invalid", v.message()));
      return form(model, form, null);
    }
  }

  @GetMapping("/groups/{slug}/edit")
  @PreAuthorize("@groupAccess.canManage(#slug)")
  String edit(@PathVariable String slug, Model model) {
    // From the database with its version, never the cache: the form is what its version says it is.
    GroupCatalog.Versioned read = catalog.versioned(slug);
    GroupForm form = GroupForm.of(read.group());
    form.setEditVersion(read.version());
    return form(model, form, read.group());
  }

  @PostMapping("/groups/{slug}/edit")
  @PreAuthorize("@groupAccess.canManage(#slug)")
  String edit(@PathVariable String slug, @Valid @ModelAttribute("groupForm") GroupForm form, BindingResult result,
      @RequestParam(required = false) String row, Model model, RedirectAttributes redirect, Locale locale) {
    Group group = catalog.get(slug);
    form.setSlug(slug);
    if (editRows(row, form) || result.hasErrors()) {
      return form(model, form, group);
    }
    try {
      catalog.update(slug, form.toDraft(), form.toTranslations(), PlenaryUser.current().orElse(null),
          EditVersion.of(form.getEditVersion()));
      redirect.addFlashAttribute("notice", messages.getMessage("group.edit.saved", new Object[] {group.acronym()}, locale));
      return "redirect:/groups/" + slug;
    } catch (InvalidInputException e) {
      e.violations().forEach(v -> result.rejectValue(v.field(), "invalid", v.message()));
      return form(model, form, group);
    } catch (ChangedMeanwhileException e) {
      // The editor's input stays; the form now carries the version they were told of, so saving again is their choice.
      result.rejectValue("editVersion", "changed", org.plenary.shared.Words.said(e));
      form.setEditVersion(catalog.version(group.id()));
      return form(model, form, group);
    }
  }

  /** Applies an add, remove or move button ("sections:add", "leaders:remove:1"); true when one was pressed. */
  private static boolean editRows(String row, GroupForm form) {
    if (row == null) {
      return false;
    }
    String[] parts = row.split(":", 2);
    String action = parts.length == 2 ? parts[1] : "";
    return switch (parts[0]) {
      case "sections" -> {
        if (form.getTranslations() != null) {
          form.getTranslations().values().forEach(t -> RowEdits.apply(action, t.getTermsOfReference(), TranslationRow.Clause::new));
        }
        yield RowEdits.apply(action, form.getSections(), GroupForm.SectionRow::new);
      }
      case "leaders" -> RowEdits.apply(action, form.getLeaders(), GroupForm.LeaderRow::new);
      case "milestones" -> RowEdits.apply(action, form.getMilestones(), GroupForm.MilestoneRow::new);
      default -> false;
    };
  }

  private String form(Model model, GroupForm form, Group group) {
    form.offerTranslations(group == null ? java.util.Map.of() : group.translations());
    model.addAttribute("groupForm", form);
    model.addAttribute("group", group);
    model.addAttribute("groups", catalog.all());
    model.addAttribute("countries", countries.all());
    model.addAttribute("leaderRoles", LeaderRole.values());
    model.addAttribute("appointsLeaders", PlenaryUser.current().map(PlenaryUser::isStaff).orElse(false));
    return "group/edit";
  }
}
