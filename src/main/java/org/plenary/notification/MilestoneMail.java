package org.plenary.notification;

import org.plenary.output.MilestoneNotice;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Mails the group's management and the secretariat about milestones due, overdue, and the lifetime ending. */
@Component
class MilestoneMail {

  private final Mailer mailer;
  private final String baseUrl;

  MilestoneMail(Mailer mailer, @Value("${plenary.base-url:http://localhost:8080}") String baseUrl) {
    this.mailer = mailer;
    this.baseUrl = baseUrl.replaceAll("/+$", "");
  }

  @ApplicationModuleListener
  void on(MilestoneNotice notice) {
    if (notice.recipients().isEmpty()) {
      return;
    }
    String plan = baseUrl + "/groups/" + notice.groupSlug() + "/deliverables";
    String key = switch (notice.kind()) {
      case DUE_SOON -> "notification.milestone.dueSoon";
      case OVERDUE -> "notification.milestone.overdue";
      case LIFETIME_ENDING -> "notification.milestone.lifetimeEnding";
    };
    mailer.sendEach("MilestoneNotice:" + notice.kind() + ":" + notice.groupSlug() + ":" + notice.dueOn() + ":"
        + notice.subject(), notice.recipients(), words -> words.letter(key,
        new Object[] {notice.groupAcronym(), words.date(notice.dueOn()), notice.subject()},
        notice.groupAcronym(), words.date(notice.dueOn()), notice.subject(), plan));
  }
}
