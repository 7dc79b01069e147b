package org.plenary.notification;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.plenary.account.Account;
import org.plenary.account.OrganizationDirectory;
import org.plenary.group.Group;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.Circular;
import org.plenary.meeting.CircularDesk;
import org.plenary.meeting.CircularIssued;
import org.plenary.meeting.Meeting;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Mails an issued circular (its link, and its frozen PDF attached) to the group's mailing list and
 * to every focal point, each focal point in a message of their own. Accounts carry no language yet:
 * the English PDF is attached and the body links every language the circular is frozen in.
 */
@Component
class CircularMail {

  private final CircularDesk circulars;
  private final GroupCatalog groups;
  private final OrganizationDirectory organizations;
  private final Mailer mailer;

  CircularMail(CircularDesk circulars, GroupCatalog groups, OrganizationDirectory organizations, Mailer mailer) {
    this.circulars = circulars;
    this.groups = groups;
    this.organizations = organizations;
    this.mailer = mailer;
  }

  @ApplicationModuleListener
  void on(CircularIssued event) {
    Circular circular = circulars.get(event.circular(), true);
    Group group = groups.get(event.group());
    Meeting meeting = circulars.meetingOf(circular);
    var recipients = new LinkedHashSet<String>();
    if (group.mailingList() != null) {
      recipients.add(group.mailingList());
    }
    organizations.all().forEach(o -> organizations.focalPoints(o.id()).stream().map(Account::email).forEach(recipients::add));
    String subject = circular.title() + ": " + group.acronym() + " meeting, " + meeting.venueName() + ", " + meeting.dates();
    String body = body(circular, group, meeting);
    var pdf = new Mailer.Attachment(circular.title().replaceAll("[^A-Za-z0-9]+", "-") + ".pdf", "application/pdf",
        circulars.pdf(circular.id(), "en", true));
    for (String recipient : recipients) {
      mailer.send(List.of(recipient), subject, body, pdf);
    }
  }

  private String body(Circular circular, Group group, Meeting meeting) {
    String address = circulars.address(circular.id());
    var lines = new ArrayList<String>();
    lines.add("Dear Sir/Madam,");
    lines.add("");
    lines.add(circular.title() + " announces the meeting of the " + group.name() + " (" + group.acronym() + "), "
        + meeting.venueName() + ", " + meeting.dates() + ". It is attached (PDF) and published at:");
    lines.add("  " + address);
    lines.add("");
    lines.add("The circular in each language:");
    circulars.languages().forEach(lang -> lines.add("  " + lang + ": " + address + ".pdf?lang=" + lang));
    lines.add("");
    lines.add("Circulars of " + group.acronym() + " as a feed: " + address.replaceAll("/circulars/\\d+$", "")
        + "/groups/" + group.slug() + "/circulars.atom");
    return String.join("\n", lines) + "\n";
  }
}
