package org.plenary.notification;

import java.util.ArrayList;
import java.util.List;
import org.plenary.group.Group;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.Meeting;
import org.plenary.meeting.MeetingAnnounced;
import org.plenary.meeting.MeetingCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Announces a newly scheduled meeting to the group's mailing list. */
@Component
class MeetingAnnouncements {

  private static final Logger log = LoggerFactory.getLogger(MeetingAnnouncements.class);

  private final GroupCatalog groups;
  private final MeetingCatalog meetings;
  private final Mailer mailer;
  private final String baseUrl;

  MeetingAnnouncements(GroupCatalog groups, MeetingCatalog meetings, Mailer mailer,
      @Value("${plenary.base-url:http://localhost:8080}") String baseUrl) {
    this.groups = groups;
    this.meetings = meetings;
    this.mailer = mailer;
    this.baseUrl = baseUrl.replaceAll("/+$", "");
  }

  @ApplicationModuleListener
  void on(MeetingAnnounced event) {
    Group group = groups.get(event.group());
    Meeting meeting = meetings.get(event.meeting());
    if (group.mailingList() == null) {
      log.info("{} has no mailing list; meeting {} is announced on the web only.", group.acronym(), meeting.code());
      return;
    }
    mailer.send(List.of(group.mailingList()), group.acronym() + " meeting, " + meeting.venueName() + ", " + meeting.dates(),
        body(group, meeting));
  }

  private String body(Group group, Meeting meeting) {
    var lines = new ArrayList<String>();
    lines.add("The " + group.name() + " (" + group.acronym() + ") will meet at " + meeting.venueName()
        + (meeting.venueAddress() == null ? "" : ", " + meeting.venueAddress()) + ", " + meeting.dates() + ".");
    if (meeting.openingTime() != null) {
      lines.add("The meeting opens at " + meeting.openingTime() + " on the first day.");
    }
    if (meeting.deskOpensAt() != null) {
      lines.add("Registration begins at " + meeting.deskOpensAt()
          + (meeting.deskPlace() == null ? "" : " at " + meeting.deskPlace()) + ".");
    }
    lines.add("");
    lines.add("Deadlines:");
    meeting.deadlines().forEach(d -> lines.add("  " + d.kind().label() + ": " + d.display()));
    if (!meeting.agenda().isEmpty()) {
      lines.add("");
      lines.add("Draft agenda:");
      for (int i = 0; i < meeting.agenda().size(); i++) {
        lines.add("  " + (i + 1) + ". " + meeting.agenda().get(i).title());
      }
    }
    lines.add("");
    lines.add("Details, registration and documents: " + baseUrl + "/groups/" + group.slug() + "/meetings/"
        + meeting.code());
    return String.join("\n", lines) + "\n";
  }
}
