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
    switch (notice.kind()) {
      case DUE_SOON -> mailer.send(notice.recipients(),
          notice.groupAcronym() + " milestone due on " + notice.dueOn() + ": " + notice.subject(),
          "The milestone \"" + notice.subject() + "\" of " + notice.groupAcronym() + " is due on " + notice.dueOn()
              + ", within 14 days.\n\nThe plan and its deliverables: " + plan + "\n");
      case OVERDUE -> mailer.send(notice.recipients(),
          notice.groupAcronym() + " milestone overdue since " + notice.dueOn() + ": " + notice.subject(),
          "The milestone \"" + notice.subject() + "\" of " + notice.groupAcronym() + " was due on " + notice.dueOn()
              + " and is not met: a deliverable serving it is still a draft, or none serves it.\n\n"
              + "The plan and its deliverables: " + plan + "\n");
      case LIFETIME_ENDING -> mailer.send(notice.recipients(),
          notice.groupAcronym() + " lifetime ends on " + notice.dueOn(),
          "The lifetime of " + notice.groupAcronym() + " ends on " + notice.dueOn() + ", within 60 days. An extension"
              + " is decided by the parent group; once decided, record it on the group's plan: " + plan + "\n");
    }
  }
}
