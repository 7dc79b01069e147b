package org.plenary.meeting;

import org.plenary.group.Group;
import org.plenary.group.GroupCatalog;
import org.plenary.shared.ChangedMeanwhileException;
import org.plenary.shared.EditVersion;
import org.plenary.shared.InvalidInputException;
import org.plenary.shared.PageController;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A group's circulars feed, and its announcement rules (set by the secretariat or the group's management). */
@PageController
class CircularRulesController {

  private final org.springframework.context.MessageSource messages;
  private final CircularDesk desk;
  private final GroupCatalog groups;
  private final MeetingCatalog meetings;
  private final String baseUrl;

  CircularRulesController(CircularDesk desk, GroupCatalog groups, MeetingCatalog meetings,
      @Value("${plenary.base-url:http://localhost:8080}") String baseUrl, org.springframework.context.MessageSource messages) {
    this.messages = messages;
    this.desk = desk;
    this.groups = groups;
    this.meetings = meetings;
    this.baseUrl = baseUrl.replaceAll("/+$", "");
  }

  @GetMapping("/groups/{slug}/circulars.atom")
  ResponseEntity<String> feed(@PathVariable String slug, jakarta.servlet.http.HttpServletRequest request,
      jakarta.servlet.http.HttpServletResponse response) {
    Group group = groups.get(slug);
    java.util.Locale language = org.springframework.context.i18n.LocaleContextHolder.getLocale();
    var issued = desk.issuedOf(group.id());
    // The tag of what the feed is written from (the issued circulars as read, the group, its meetings' versions,
    // the language), before the entries are written (each reads its meeting and its PDFs' digests).
    String tag = org.plenary.shared.FeedTag.of(language, issued, groups.version(group.id()), meetings.versionsOf(group.id()));
    if (org.plenary.shared.FeedTag.unchanged(request, response, tag)) {
      return null;
    }
    return ResponseEntity.ok().eTag(tag).contentType(MediaType.parseMediaType("application/atom+xml;charset=UTF-8"))
        .body(CircularFeed.of(baseUrl, group, issued, desk, messages, language));
  }

  @GetMapping("/groups/{slug}/circulars/rules")
  @PreAuthorize("@groupAccess.canManage(#slug)")
  String rules(@PathVariable String slug, Model model) {
    Group group = groups.get(slug);
    // The version before the rules shown: rules saved between the two reads are saved over from here only after a notice.
    long version = desk.rulesVersion(group.id());
    AnnouncementRules rules = desk.rules(group.id());
    return page(model, group, String.valueOf(rules.announceWeeks()), String.valueOf(rules.contributionDays()), version,
        null);
  }

  @PostMapping("/groups/{slug}/circulars/rules")
  @PreAuthorize("@groupAccess.canManage(#slug)")
  String rules(@PathVariable String slug, @RequestParam String announceWeeks, @RequestParam String contributionDays,
      @RequestParam(required = false) Long editVersion, Model model, RedirectAttributes redirect) {
    Group group = groups.get(slug);
    try {
      desk.setRules(slug, new AnnouncementRules(Integer.parseInt(announceWeeks.strip()),
          Integer.parseInt(contributionDays.strip())), EditVersion.of(editVersion));
    } catch (NumberFormatException | InvalidInputException e) {
      return page(model, group, announceWeeks, contributionDays, editVersion,
          text("meeting.rules.invalid"));
    } catch (ChangedMeanwhileException e) {
      // The editor's input stays; the sentence says what the rules are now, and the form carries their version.
      long version = desk.rulesVersion(group.id());
      AnnouncementRules now = desk.rules(group.id());
      return page(model, group, announceWeeks, contributionDays, version,
          text("meeting.rules.changedMeanwhile", now.announceWeeks(), now.contributionDays()));
    }
    redirect.addFlashAttribute("notice", text("meeting.rules.saved"));
    return "redirect:/groups/" + slug;
  }

  private static String page(Model model, Group group, String weeks, String days, Long version, String problem) {
    model.addAttribute("group", group);
    model.addAttribute("announceWeeks", weeks);
    model.addAttribute("contributionDays", days);
    model.addAttribute("editVersion", version);
    model.addAttribute("problem", problem);
    return "meeting/circular-rules";
  }

  private String text(String key, Object... args) {
    return messages.getMessage(key, args, org.springframework.context.i18n.LocaleContextHolder.getLocale());
  }
}
