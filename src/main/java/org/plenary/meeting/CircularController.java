package org.plenary.meeting;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.EnumMap;
import java.util.Map;
import org.plenary.account.PlenaryUser;
import org.plenary.group.Group;
import org.plenary.group.GroupCatalog;
import org.plenary.shared.ChangedMeanwhileException;
import org.plenary.shared.Download;
import org.plenary.shared.EditVersion;
import org.plenary.shared.InvalidInputException;
import org.plenary.shared.PageController;
import org.plenary.shared.Words;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The secretariat drafts, reviews, edits and issues a circular; anyone reads an issued one and its PDF. */
@PageController
class CircularController {

  private final CircularDesk desk;
  private final GroupCatalog groups;
  private final String director;

  CircularController(CircularDesk desk, GroupCatalog groups,
      @Value("${plenary.circular.signatory:The Director}") String director) {
    this.desk = desk;
    this.groups = groups;
    this.director = director;
  }

  @GetMapping("/groups/{slug}/meetings/{code}/circulars/new")
  @PreAuthorize("hasAnyRole('SECRETARIAT', 'ADMIN')")
  String draft(@PathVariable String slug, @PathVariable String code, Model model) {
    var form = new CircularForm();
    Meeting meeting = desk.meetingOfCode(slug, code);
    form.setDated(desk.today(meeting));
    form.setSignatory(director);
    return form(model, groups.get(slug), meeting, null, form);
  }

  @PostMapping("/groups/{slug}/meetings/{code}/circulars/new")
  @PreAuthorize("hasAnyRole('SECRETARIAT', 'ADMIN')")
  String draft(@PathVariable String slug, @PathVariable String code, @ModelAttribute("circularForm") CircularForm form,
      BindingResult result, Model model, RedirectAttributes redirect) {
    try {
      Circular circular = desk.draft(slug, code, form.toDraft(), actor());
      redirect.addFlashAttribute("notice", said("meeting.circular.notice.drafted." + circular.kind(), Words.said(circular.titled())));
      return "redirect:/circulars/" + circular.id().value();
    } catch (InvalidInputException e) {
      e.violations().forEach(v -> result.rejectValue(v.field(), "invalid", v.message()));
      return form(model, groups.get(slug), desk.meetingOfCode(slug, code), null, form);
    }
  }

  @GetMapping("/circulars/{id:\\d+}")
  String show(@PathVariable long id, @RequestParam(required = false) String lang, Model model) {
    boolean staff = staff();
    Circular circular = desk.get(new CircularId(id), staff);
    // The version before the text shown: a draft saved between the two reads is issued from this page only after
    // it is read again.
    model.addAttribute("circularVersion", staff ? desk.version(circular.id()) : null);
    circular = desk.get(circular.id(), staff);
    Meeting meeting = desk.meetingOf(circular);
    model.addAttribute("circular", circular);
    model.addAttribute("circularTitle", Words.said(circular.titled()));
    model.addAttribute("meeting", meeting);
    model.addAttribute("group", groups.get(meeting.groupId()));
    model.addAttribute("document", desk.document(circular.id(), lang, staff));
    model.addAttribute("languages", desk.languages());
    model.addAttribute("sha256s", desk.sha256s(circular.id()));
    model.addAttribute("warnings", desk.warnings(circular.id()));
    model.addAttribute("changes", circular.issued() && circular.kind() == Circular.Kind.CIRCULAR
        ? desk.changesSinceIssue(circular.id(), Words.reader()) : java.util.List.of());
    model.addAttribute("audit", staff ? desk.auditTrail(circular.id(), Words.reader()) : java.util.List.of());
    model.addAttribute("staff", staff);
    return "meeting/circular";
  }

  @GetMapping("/circulars/{id:\\d+}.pdf")
  ResponseEntity<byte[]> pdf(@PathVariable long id, @RequestParam(required = false) String lang) {
    return pdfResponse(desk, new CircularId(id), lang, staff());
  }

  @GetMapping("/circulars/{id:\\d+}/edit")
  @PreAuthorize("hasAnyRole('SECRETARIAT', 'ADMIN')")
  String edit(@PathVariable long id, Model model) {
    long version = desk.version(desk.get(new CircularId(id), true).id());
    Circular circular = desk.get(new CircularId(id), true);
    Meeting meeting = desk.meetingOf(circular);
    CircularForm form = CircularForm.of(circular);
    form.setEditVersion(version);
    return form(model, groups.get(meeting.groupId()), meeting, circular, form);
  }

  @PostMapping("/circulars/{id:\\d+}/edit")
  @PreAuthorize("hasAnyRole('SECRETARIAT', 'ADMIN')")
  String edit(@PathVariable long id, @ModelAttribute("circularForm") CircularForm form, BindingResult result, Model model,
      RedirectAttributes redirect) {
    Circular circular = desk.get(new CircularId(id), true);
    try {
      desk.edit(circular.id(), form.toDraft(), EditVersion.of(form.getEditVersion()), actor());
      redirect.addFlashAttribute("notice", said("meeting.circular.notice.saved." + circular.kind(), Words.said(circular.titled())));
      return "redirect:/circulars/" + id;
    } catch (InvalidInputException e) {
      e.violations().forEach(v -> result.rejectValue(v.field(), "invalid", v.message()));
      Meeting meeting = desk.meetingOf(circular);
      return form(model, groups.get(meeting.groupId()), meeting, circular, form);
    } catch (ChangedMeanwhileException e) {
      // The editor's input stays; the form now carries the version they were told of, so saving again is their choice.
      result.reject("changed", Words.said(e));
      form.setEditVersion(desk.version(circular.id()));
      Meeting meeting = desk.meetingOf(circular);
      return form(model, groups.get(meeting.groupId()), meeting, circular, form);
    }
  }

  @PostMapping("/circulars/{id:\\d+}/issue")
  @PreAuthorize("hasAnyRole('SECRETARIAT', 'ADMIN')")
  String issue(@PathVariable long id, @Valid @ModelAttribute IssueForm form, BindingResult bound, RedirectAttributes redirect) {
    if (org.plenary.shared.Refused.flashed(bound, redirect, CircularController::warningField)) {
      return "redirect:/circulars/" + id; // a refused reason comes back beside its warning, nothing issued
    }
    var reasons = new EnumMap<CircularWarning.Rule, String>(CircularWarning.Rule.class);
    for (CircularWarning.Rule rule : CircularWarning.Rule.values()) {
      String reason = form.getReasons().get(rule.name());
      reasons.put(rule, reason == null ? "" : reason);
    }
    try {
      Circular issued = desk.issue(new CircularId(id), reasons, EditVersion.of(seen(form.getEditVersion())), actor());
      redirect.addFlashAttribute("notice", said("meeting.circular.notice.issued." + issued.kind(), Words.said(issued.titled())));
    } catch (CircularRefusedException | ChangedMeanwhileException e) {
      redirect.addFlashAttribute("typed", org.plenary.shared.Typed.ofCurrentRequest()); // the reasons typed stay
      redirect.addFlashAttribute("problem", Words.said(e));
    }
    return "redirect:/circulars/" + id;
  }

  /** The id a warning's reason has on the page: {@code reasons[LATE_ANNOUNCEMENT]} is {@code reason-LATE_ANNOUNCEMENT}. */
  private static String warningField(String field) {
    return field.replaceFirst("^reasons\\[([A-Z_]+)]$", "reason-$1");
  }

  /**
   * The reasons the issuer gives for the warnings they confirm ({@code reasons[<rule>]}), bound and checked as every
   * form's text: they keep their lines, take no character no text may hold, and are as long as a decision's reason.
   * With them the draft's version the page showed ({@code editVersion}).
   * A bean, not a record: the binder reaches a map's values with the editor of their field's path (the lines a
   * reason keeps) only through a property; a record's map is filled through the text editor of one line.
   */
  public static final class IssueForm {
    private String editVersion;

    public String getEditVersion() {
      return editVersion;
    }

    public void setEditVersion(String editVersion) {
      this.editVersion = editVersion;
    }

    @org.plenary.shared.MultiLine
    private Map<String, @Size(max = 2000) String> reasons = new java.util.LinkedHashMap<>();

    public Map<String, String> getReasons() {
      return reasons;
    }

    public void setReasons(Map<String, String> reasons) {
      this.reasons = reasons;
    }
  }

  /** The version a form carried: null for none (or one that is no number, which no version matches). */
  private static Long seen(String editVersion) {
    if (editVersion == null || editVersion.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(editVersion.strip());
    } catch (NumberFormatException e) {
      return -1L;
    }
  }

  @PostMapping("/circulars/{id:\\d+}/notices")
  @PreAuthorize("hasAnyRole('SECRETARIAT', 'ADMIN')")
  String notice(@PathVariable long id, @RequestParam Circular.Kind kind, RedirectAttributes redirect) {
    try {
      Circular notice = desk.notice(new CircularId(id), kind, actor());
      redirect.addFlashAttribute("notice", said("meeting.circular.notice.changes." + notice.kind(), Words.said(notice.titled())));
      return "redirect:/circulars/" + notice.id().value();
    } catch (CircularRefusedException e) {
      redirect.addFlashAttribute("problem", Words.said(e));
      return "redirect:/circulars/" + id;
    }
  }

  static ResponseEntity<byte[]> pdfResponse(CircularDesk desk, CircularId id, String lang, boolean staff) {
    Circular circular = desk.get(id, staff);
    String language = desk.language(lang);
    var pdf = new Download(desk.pdf(id, language, staff), MediaType.APPLICATION_PDF,
        circular.title() + "-" + language + ".pdf", desk.title(circular, language) + "-" + language + ".pdf");
    return ResponseEntity.ok().headers(pdf.inline().getHeaders())
        .header(HttpHeaders.CACHE_CONTROL, circular.issued() ? "public, max-age=300" : "no-store")
        .body(pdf.body());
  }

  private static String form(Model model, Group group, Meeting meeting, Circular circular, CircularForm form) {
    model.addAttribute("group", group);
    model.addAttribute("meeting", meeting);
    model.addAttribute("circular", circular);
    model.addAttribute("circularTitle", circular == null ? null : Words.said(circular.titled()));
    model.addAttribute("circularForm", form);
    return "meeting/circular-form";
  }

  private static boolean staff() {
    return PlenaryUser.current().map(PlenaryUser::isStaff).orElse(false);
  }

  private static String actor() {
    return PlenaryUser.current().map(PlenaryUser::getUsername).orElseThrow();
  }

  private static String said(String key, Object... args) {
    return Words.said(new org.springframework.context.support.DefaultMessageSourceResolvable(new String[] {key}, args));
  }
}
