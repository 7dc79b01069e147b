package org.plenary.contribution;

import java.util.ArrayList;
import java.util.List;
import org.plenary.account.PlenaryUser;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.shared.PageController;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The secretariat's queue of a group's incoming documents: check, then publish one or many, or reject. */
@PageController
@PreAuthorize("hasAnyRole('SECRETARIAT', 'ADMIN')")
class IncomingController {

  private final ContributionDesk desk;
  private final GroupCatalog groups;
  private final MeetingCatalog meetings;

  private final org.springframework.context.MessageSource messages;

  /** A sentence of the contribution bundle, or a refusal, in the reader's language. */
  private String say(String key, Object... args) {
    return messages.getMessage(key, args, org.springframework.context.i18n.LocaleContextHolder.getLocale());
  }

  private String say(ContributionRefusedException refusal) {
    return messages.getMessage(refusal, org.springframework.context.i18n.LocaleContextHolder.getLocale());
  }

  IncomingController(ContributionDesk desk, GroupCatalog groups, MeetingCatalog meetings,
      org.springframework.context.MessageSource messages) {
    this.messages = messages;
    this.desk = desk;
    this.groups = groups;
    this.meetings = meetings;
  }

  @GetMapping("/groups/{slug}/incoming")
  String queue(@PathVariable String slug, Model model) {
    var group = groups.get(slug);
    model.addAttribute("group", group);
    model.addAttribute("queue", desk.incoming(slug));
    model.addAttribute("codes", meetings.of(group).stream()
        .collect(java.util.stream.Collectors.toMap(m -> m.id().value(), m -> m.code())));
    model.addAttribute("zones", meetings.of(group).stream()
        .collect(java.util.stream.Collectors.toMap(m -> m.id().value(), m -> m.timeZone().getId())));
    return "contribution/incoming";
  }

  @PostMapping("/groups/{slug}/incoming/publish")
  String publish(@PathVariable String slug, @RequestParam(name = "number", required = false) List<String> numbers,
      @RequestParam(name = "reviewed", required = false) List<String> reviewed,
      @AuthenticationPrincipal PlenaryUser user, RedirectAttributes redirect) {
    if (numbers == null || numbers.isEmpty()) {
      redirect.addFlashAttribute("problem", say("contribution.problem.tickFirst"));
      return "redirect:/groups/" + slug + "/incoming";
    }
    // Each row carries "<number>:<SHA-256>" of the version listed: only that version is published.
    var listed = new java.util.HashMap<String, String>();
    for (String row : reviewed == null ? List.<String>of() : reviewed) {
      int colon = row.lastIndexOf(':');
      if (colon > 0) {
        listed.put(row.substring(0, colon), row.substring(colon + 1));
      }
    }
    var published = new ArrayList<String>();
    var problems = new ArrayList<String>();
    for (String number : numbers) {
      try {
        desk.publish(number, listed.get(number), user);
        published.add(number);
      } catch (ContributionRefusedException e) {
        problems.add(say(e));
      }
    }
    if (!published.isEmpty()) {
      redirect.addFlashAttribute("notice", say("contribution.notice.published", org.plenary.shared.Listed.items(org.plenary.shared.Words.reader(), published)));
    }
    if (!problems.isEmpty()) {
      redirect.addFlashAttribute("problem", String.join(" ", problems));
    }
    return "redirect:/groups/" + slug + "/incoming";
  }
}
