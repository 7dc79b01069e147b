package org.plenary.meeting;

import org.plenary.account.PlenaryUser;
import org.plenary.group.Group;
import org.plenary.group.GroupCatalog;
import org.plenary.shared.PageController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The public meeting page and each group's iCalendar feed. */
@PageController
class MeetingController {

  private static final MediaType CALENDAR = MediaType.parseMediaType("text/calendar;charset=UTF-8");

  private final MeetingCatalog meetings;
  private final GroupCatalog groups;
  private final MeetingCalendar calendar;
  private final CircularDesk circulars;
  private final java.time.Clock clock;

  MeetingController(MeetingCatalog meetings, GroupCatalog groups, MeetingCalendar calendar, CircularDesk circulars,
      java.time.Clock clock) {
    this.circulars = circulars;
    this.clock = clock;
    this.meetings = meetings;
    this.groups = groups;
    this.calendar = calendar;
  }

  @GetMapping("/groups/{slug}/meetings/{code}")
  String show(@PathVariable String slug, @PathVariable String code, Model model) {
    Group group = groups.get(slug);
    model.addAttribute("group", group);
    Meeting meeting = meetings.get(slug, code);
    boolean staff = PlenaryUser.current().map(PlenaryUser::isStaff).orElse(false);
    model.addAttribute("meeting", meeting);
    model.addAttribute("circulars", circulars.of(meeting.id(), staff));
    model.addAttribute("announcedAt", circulars.announcedAt(meeting.id()).orElse(null));
    model.addAttribute("isStaff", staff);
    model.addAttribute("now", clock.instant());
    model.addAttribute("canManage", PlenaryUser.current().map(user -> groups.canManage(user, group)).orElse(false));
    return "meeting/show";
  }

  @GetMapping("/groups/{slug}/meetings.ics")
  ResponseEntity<String> feed(@PathVariable String slug, jakarta.servlet.http.HttpServletRequest request,
      jakarta.servlet.http.HttpServletResponse response) {
    Group group = groups.get(slug);
    java.util.Locale language = org.springframework.context.i18n.LocaleContextHolder.getLocale();
    // The tag of what the calendar is written from (the group, each meeting's version and last change, the
    // language), read before anything is written: a poll that names it costs no calendar.
    String tag = org.plenary.shared.FeedTag.of(language, groups.version(group.id()), meetings.versionsOf(group.id()));
    if (org.plenary.shared.FeedTag.unchanged(request, response, tag)) {
      return null;
    }
    return ResponseEntity.ok().eTag(tag).contentType(CALENDAR).body(calendar.of(group, meetings.of(group),
        language, m -> meetings.lastChange(m.id())));
  }
}
