package org.plenary.web;

import java.time.Clock;
import org.plenary.account.Countries;
import org.plenary.account.PlenaryUser;
import org.plenary.group.Group;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.CircularDesk;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.shared.PageController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * A group's public page. It lives here rather than in {@code group} because it also lists the
 * group's meetings, and {@code meeting} already depends on {@code group}.
 */
@PageController
class GroupPageController {

  private final GroupCatalog groups;
  private final MeetingCatalog meetings;
  private final Countries countries;
  private final CircularDesk circulars;
  private final Clock clock;
  private final org.plenary.output.DeliverableDesk deliverables;

  GroupPageController(GroupCatalog groups, MeetingCatalog meetings, Countries countries, CircularDesk circulars,
      Clock clock, org.plenary.output.DeliverableDesk deliverables) {
    this.deliverables = deliverables;
    this.circulars = circulars;
    this.groups = groups;
    this.meetings = meetings;
    this.countries = countries;
    this.clock = clock;
  }

  @GetMapping("/groups/{slug}")
  String show(@PathVariable String slug, Model model) {
    Group group = groups.get(slug);
    model.addAttribute("group", group);
    model.addAttribute("parent", group.parentSlug() == null ? null : groups.find(group.parentSlug()).orElse(null));
    model.addAttribute("meetings", meetings.of(group));
    model.addAttribute("deliverables", deliverables.list(slug, org.plenary.contribution.Reader.current()));
    model.addAttribute("circulars", circulars.issuedOf(group.id()));
    model.addAttribute("now", clock.instant());
    model.addAttribute("countries", countries);
    model.addAttribute("canManage", PlenaryUser.current().map(user -> groups.canManage(user, group)).orElse(false));
    model.addAttribute("isStaff", PlenaryUser.current().map(PlenaryUser::isStaff).orElse(false));
    return "group/show";
  }
}
