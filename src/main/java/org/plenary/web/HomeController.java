package org.plenary.web;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.plenary.group.Group;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.shared.PageController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The home page: every group and the meetings still to come. */
@PageController
class HomeController {

  private final GroupCatalog groups;
  private final MeetingCatalog meetings;

  HomeController(GroupCatalog groups, MeetingCatalog meetings) {
    this.groups = groups;
    this.meetings = meetings;
  }

  @GetMapping("/")
  String home(Model model) {
    var all = groups.all();
    Map<Long, Group> byId = all.stream().collect(Collectors.toMap(g -> g.id().value(), Function.identity()));
    model.addAttribute("groups", all);
    model.addAttribute("groupsById", byId);
    // A parent group is named by its acronym, marked in the parent's own working language.
    model.addAttribute("bySlug", all.stream().collect(Collectors.toMap(Group::slug, Function.identity())));
    model.addAttribute("upcoming", meetings.upcoming());
    return "home";
  }
}
