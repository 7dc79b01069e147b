package org.plenary.output;

import java.time.LocalDate;
import org.plenary.contribution.OutputDocument;
import org.plenary.group.GroupCatalog;
import org.plenary.shared.PageController;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The progress report as a page for the management: choose the period, write the chair's paragraphs, issue it. */
@PageController
@PreAuthorize("@groupAccess.canManage(#slug)")
class ProgressReportController {

  private final ProgressReports reports;
  private final ProgressReportIssuer issuer;
  private final GroupCatalog groups;

  ProgressReportController(ProgressReports reports, ProgressReportIssuer issuer, GroupCatalog groups) {
    this.reports = reports;
    this.issuer = issuer;
    this.groups = groups;
  }

  @GetMapping("/groups/{slug}/progress-report")
  String show(@PathVariable String slug,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, Model model) {
    var group = groups.get(slug);
    LocalDate start = from != null ? from : group.firstMeetingOn() != null ? group.firstMeetingOn() : LocalDate.now(java.time.ZoneOffset.UTC).minusYears(1);
    LocalDate end = to != null ? to : start.plusYears(1).minusDays(1);
    model.addAttribute("group", group);
    // The version of the report shown, or of before it: a report that changed since is issued only after a notice.
    ProgressReportIssuer.Read read = issuer.read(slug, start, end, DeliverableController.user(),
        org.plenary.shared.Words.reader());
    model.addAttribute("reportVersion", read.version());
    model.addAttribute("report", read.report());
    model.addAttribute("notesVersion", reports.notesVersion(slug, start, end));
    return "output/progress-report";
  }

  @GetMapping(path = "/groups/{slug}/progress-report.pdf")
  org.springframework.http.ResponseEntity<byte[]> pdf(@PathVariable String slug,
      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(required = false) String lang) {
    return issuer.pdf(slug, from, to, DeliverableController.user(), lang).inline();
  }

  @PostMapping("/groups/{slug}/progress-report/notes")
  String notes(@PathVariable String slug, @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @jakarta.validation.Valid @org.springframework.web.bind.annotation.ModelAttribute OutputForms.NotesForm form,
      org.springframework.validation.BindingResult bound,
      @RequestParam(required = false) Long version, Model model,
      RedirectAttributes redirect) {
    String body = form == null ? null : form.body();
    if (bound.hasErrors()) {
      // The page again with the editor's text and the sentence beside it, as when the notes changed meanwhile.
      model.addAttribute("notesText", bound.getFieldValue("body"));
      model.addAttribute("notesRefused", org.plenary.shared.Refused.said(bound.getFieldError("body")));
      return show(slug, from, to, model);
    }
    try {
      reports.saveNotes(slug, from, to, body, org.plenary.shared.EditVersion.of(version), DeliverableController.user());
    } catch (org.plenary.shared.ChangedMeanwhileException e) {
      // The page again with the editor's text, the sentence and the version now saved: saving again is their choice.
      model.addAttribute("notesText", body);
      model.addAttribute("notesRefused", org.plenary.shared.Words.said(
          new org.springframework.context.support.DefaultMessageSourceResolvable("output.report.notesChanged")));
      return show(slug, from, to, model);
    }
    redirect.addFlashAttribute("notice", org.plenary.shared.Words.said(
        new org.springframework.context.support.DefaultMessageSourceResolvable("output.notice.notesSaved")));
    return "redirect:/groups/" + slug + "/progress-report?from=" + from + "&to=" + to;
  }

  @PostMapping("/groups/{slug}/progress-report/issue")
  String issue(@PathVariable String slug, @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(required = false) Long editVersion, RedirectAttributes redirect) {
    String back = "/groups/" + slug + "/progress-report?from=" + from + "&to=" + to;
    return DeliverableController.act(redirect, back, () -> {
      OutputDocument output = issuer.issue(slug, from, to, DeliverableController.user(),
          org.plenary.shared.EditVersion.of(editVersion));
      return "/documents/" + output.number();
    }, "output.notice.reportIssued");
  }
}
