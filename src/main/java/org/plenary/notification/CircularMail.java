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
    // One mail per address, as before; each in the recipient's language (a list address in English), with the
    // circular's PDF in that language when the circular has it, else in English.
    for (String recipient : recipients) {
      mailer.sendEach("CircularIssued:" + circular.id().value(), List.of(recipient), words -> new MailWords.Letter(words.say("notification.circular.subject",
          words.say(circular.titled()), group.acronym(), meeting.venueName(), words.dates(meeting)),
          body(words, circular, group, meeting)), language -> attachment(circular, language));
    }
  }

  private Mailer.Attachment attachment(Circular circular, java.util.Locale language) {
    String lang = circulars.languages().contains(language.getLanguage()) ? language.getLanguage() : "en";
    // Named as its download is, in its own language ("Circulaire TSB 114-fr.pdf"); the mail encodes the name (RFC 2231).
    return new Mailer.Attachment(circulars.title(circular, lang) + "-" + lang + ".pdf", "application/pdf",
        circulars.pdf(circular.id(), lang, true));
  }

  private String body(MailWords words, Circular circular, Group group, Meeting meeting) {
    String address = circulars.address(circular.id());
    var lines = new ArrayList<String>();
    lines.add(words.say("notification.circular.greeting"));
    lines.add("");
    lines.add(words.say("notification.circular.announces", words.say(circular.titled()), group.name(), group.acronym(),
        meeting.venueName(), words.dates(meeting)));
    lines.add("  " + address);
    lines.add("");
    lines.add(words.say("notification.circular.languages"));
    circulars.languages().forEach(lang -> lines.add("  " + words.labelled(lang, address + ".pdf?lang=" + lang)));
    lines.add("");
    lines.add(words.say("notification.circular.feed", group.acronym(), address.replaceAll("/circulars/\\d+$", "")
        + "/groups/" + group.slug() + "/circulars.atom"));
    return String.join("\n", lines) + "\n";
  }
}
