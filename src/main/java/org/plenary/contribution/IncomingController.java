package org.plenary.contribution;

import java.util.ArrayList;
import java.util.List;
import org.plenary.account.PlenaryUser;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The secretariat's queue of a group's incoming documents: check, then publish one or many, or reject. */
@Controller
@PreAuthorize("hasAnyRole('SECRETARIAT', 'ADMIN')")
class IncomingController {

  private final ContributionDesk desk;
  private final GroupCatalog groups;
  private final MeetingCatalog meetings;

  IncomingController(ContributionDesk desk, GroupCatalog groups, MeetingCatalog meetings) {
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
      @AuthenticationPrincipal PlenaryUser user, RedirectAttributes redirect) {
    if (numbers == null || numbers.isEmpty()) {
      redirect.addFlashAttribute("problem", "Tick the documents to publish first.");
      return "redirect:/groups/" + slug + "/incoming";
    }
    var published = new ArrayList<String>();
    var problems = new ArrayList<String>();
    for (String number : numbers) {
      try {
        desk.publish(number, user);
        published.add(number);
      } catch (ContributionRefusedException e) {
        problems.add(e.getMessage());
      }
    }
    if (!published.isEmpty()) {
      redirect.addFlashAttribute("notice", "Published: " + String.join(", ", published) + ".");
    }
    if (!problems.isEmpty()) {
      redirect.addFlashAttribute("problem", String.join(" ", problems));
    }
    return "redirect:/groups/" + slug + "/incoming";
  }
}
