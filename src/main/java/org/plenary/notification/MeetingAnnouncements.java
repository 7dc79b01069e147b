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
    // A list address has no account: the announcement is in English.
    mailer.sendEach("MeetingAnnounced:" + meeting.id().value(), List.of(group.mailingList()), words -> new MailWords.Letter(words.say("notification.meeting.subject",
        group.acronym(), meeting.venueName(), words.dates(meeting)), body(words, group, meeting)));
  }

  private String body(MailWords words, Group group, Meeting meeting) {
    var lines = new ArrayList<String>();
    lines.add(words.say("notification.meeting.meets", group.name(), group.acronym(), words.listed(MailWords.quoted(meeting.venueName()),
        meeting.venueAddress() == null ? null : MailWords.quoted(meeting.venueAddress())),
        words.dates(meeting)));
    if (meeting.openingTime() != null) {
      lines.add(words.say("notification.meeting.opens", meeting.openingTime().toString()));
    }
    if (meeting.deskOpensAt() != null) {
      lines.add(meeting.deskPlace() == null ? words.say("notification.meeting.desk", meeting.deskOpensAt().toString())
          : words.say("notification.meeting.deskAt", meeting.deskOpensAt().toString(), meeting.deskPlace()));
    }
    lines.add("");
    lines.add(words.say("notification.meeting.deadlines"));
    meeting.deadlines().forEach(d -> lines.add("  " + words.labelled(words.say("notification.deadline." + d.kind().name()),
        d.display(words.locale()))));
    if (!meeting.agenda().isEmpty()) {
      lines.add("");
      lines.add(words.say("notification.meeting.agenda"));
      for (int i = 0; i < meeting.agenda().size(); i++) {
        lines.add("  " + (i + 1) + ". " + MailWords.quoted(meeting.agenda().get(i).title()));
      }
    }
    lines.add("");
    lines.add(words.say("notification.meeting.details", baseUrl + "/groups/" + group.slug() + "/meetings/"
        + meeting.code()));
    return String.join("\n", lines) + "\n";
  }
}
