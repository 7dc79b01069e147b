package org.plenary.registration;

import java.util.Locale;
import java.util.Optional;
import org.plenary.shared.Download;
import org.springframework.http.MediaType;
import org.plenary.account.AccountDirectory;
import org.plenary.account.OrganizationDirectory;
import org.plenary.group.Group;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.Meeting;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.pdf.PdfRenderer;
import org.plenary.pdf.PdfWords;
import org.plenary.shared.Languages;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The confirmation of an approved registration, as a PDF the participant prints or shows at the
 * desk: in the participant's language (their account's), or in the one asked for ({@code ?lang=}).
 */
@Component
class RegistrationConfirmation {

  private final PdfRenderer pdf;
  private final MeetingCatalog meetings;
  private final GroupCatalog groups;
  private final OrganizationDirectory organizations;
  private final AccountDirectory accounts;
  private final MessageSource messages;

  RegistrationConfirmation(PdfRenderer pdf, MeetingCatalog meetings, GroupCatalog groups,
      OrganizationDirectory organizations, AccountDirectory accounts, MessageSource messages) {
    this.pdf = pdf;
    this.meetings = meetings;
    this.groups = groups;
    this.organizations = organizations;
    this.accounts = accounts;
    this.messages = messages;
  }

  byte[] pdf(Registration r) {
    return pdf(r, Optional.empty());
  }

  /** {@link #pdf(Registration, Optional)} named in its language, the number unchanged. */
  Download download(Registration r, Optional<Locale> asked) {
    Locale language = asked.orElseGet(() -> participantLanguage(r));
    return new Download(pdf(r, Optional.of(language)), MediaType.APPLICATION_PDF, "registration-" + r.number() + ".pdf",
        messages.getMessage("registration.file.confirmation", new Object[] {r.number()}, language) + ".pdf");
  }

  /** In {@code asked} when given (a supported language), else in the participant's language, else English. */
  byte[] pdf(Registration r, Optional<Locale> asked) {
    if (r.status() != RegistrationStatus.APPROVED) {
      throw RegistrationRefusedException.of(409, "registration.refused.confirmation", r.id(),
          RegistrationRefusedException.word("registration.status." + r.status().name(), r.status().name().toLowerCase()));
    }
    var words = new PdfWords(messages, asked.orElseGet(() -> participantLanguage(r)));
    Meeting meeting = meetings.get(r.meetingId());
    Group group = groups.get(meeting.groupId());
    java.util.function.Function<java.time.LocalTime, String> atVenue = time -> words.time(
        meeting.startDate().atTime(time).atZone(meeting.timeZone()).toInstant(), meeting.timeZone());
    return pdf.compose(words.say("pdf.confirmation.title", r.number()), words)
        .paragraph(words.say("pdf.confirmation.union"))
        .heading(words.aside(group.name(), group.acronym()))
        .field(words.say("pdf.confirmation.number"), r.number())
        .field(words.say("pdf.confirmation.participant"), r.fullName())
        .field(words.say("pdf.confirmation.organization"), organizations.find(r.organizationId()).map(o -> o.name())
            .orElse(words.say("pdf.confirmation.ownName")))
        .field(words.say("pdf.confirmation.country"), words.country(r.countryCode()))
        .field(words.say("pdf.confirmation.attendance"), words.say("pdf.confirmation.attendance." + r.attendance().name()))
        .heading(words.say("pdf.confirmation.meeting", meeting.code()))
        .field(words.say("pdf.confirmation.dates"), meeting.dates(words.locale()))
        .field(words.say("pdf.confirmation.venue"), words.listed(meeting.venueName(), meeting.venueAddress()))
        .field(words.say("pdf.confirmation.opening"), meeting.openingTime() == null
            ? words.say("pdf.confirmation.seeMeetingPage") : atVenue.apply(meeting.openingTime()))
        .field(words.say("pdf.confirmation.desk"), meeting.deskOpensAt() == null
            ? words.say("pdf.confirmation.seeMeetingPage")
            : words.listed(words.say("pdf.confirmation.deskFrom", atVenue.apply(meeting.deskOpensAt())), meeting.deskPlace()))
        .field(words.say("pdf.confirmation.approvedBy"),
            accounts.findEvenDisabled(r.decidedBy()).map(a -> a.displayName()).orElse(r.decidedBy()))
        .paragraph(words.say("pdf.confirmation.showAtDesk"))
        .toBytes();
  }

  private Locale participantLanguage(Registration r) {
    String tag = r.accountId() == null ? null : accounts.get(r.accountId()).language();
    return tag == null ? Languages.DEFAULT : Languages.nearest(Locale.forLanguageTag(tag));
  }
}
