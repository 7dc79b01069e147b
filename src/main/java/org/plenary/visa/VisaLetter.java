package org.plenary.visa;

import java.util.Locale;
import java.util.Optional;
import org.plenary.shared.Download;
import org.springframework.http.MediaType;
import org.plenary.account.AccountDirectory;
import org.plenary.account.PlenaryUser;
import org.plenary.group.Group;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.Meeting;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.pdf.PdfRenderer;
import org.plenary.pdf.PdfWords;
import org.plenary.registration.Registration;
import org.plenary.registration.RegistrationDesk;
import org.plenary.shared.Languages;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The visa-support letter, addressed to the Swiss mission, with the meeting's facts and the passport
 * details: in the participant's language (their account's) or the one asked for ({@code ?lang=}),
 * its fixed wording translated with it.
 */
@Component
class VisaLetter {

  private final VisaDesk desk;
  private final RegistrationDesk registrations;
  private final MeetingCatalog meetings;
  private final GroupCatalog groups;
  private final AccountDirectory accounts;
  private final PdfRenderer pdf;
  private final MessageSource messages;
  private final String baseUrl;

  VisaLetter(VisaDesk desk, RegistrationDesk registrations, MeetingCatalog meetings, GroupCatalog groups,
      AccountDirectory accounts, PdfRenderer pdf, MessageSource messages,
      @Value("${plenary.base-url}") String baseUrl) {
    this.desk = desk;
    this.registrations = registrations;
    this.meetings = meetings;
    this.groups = groups;
    this.accounts = accounts;
    this.pdf = pdf;
    this.messages = messages;
    this.baseUrl = baseUrl.replaceAll("/+$", "");
  }

  byte[] pdf(long id, PlenaryUser user) {
    return pdf(id, user, Optional.empty());
  }

  /** {@link #pdf(long, PlenaryUser, Optional)} named in its language, the request's id unchanged. */
  Download download(long id, PlenaryUser user, Optional<Locale> asked) {
    Locale language = asked.orElseGet(() -> participantLanguage(registrations.get(desk.get(id, user).registrationId(), user)));
    return new Download(pdf(id, user, Optional.of(language)), MediaType.APPLICATION_PDF, "visa-support-" + id + ".pdf",
        messages.getMessage("visa.file.letter", new Object[] {String.valueOf(id)}, language) + ".pdf");
  }

  byte[] pdf(long id, PlenaryUser user, Optional<Locale> asked) {
    VisaRequest request = desk.get(id, user);
    if (request.status() != VisaStatus.APPROVED) {
      throw VisaRefusedException.of(409, "visa.refused.notYetApproved");
    }
    Passport passport = desk.passport(id, user, "letter").orElseThrow(() ->
        VisaRefusedException.of(410, "visa.refused.purged"));
    Registration registration = registrations.get(request.registrationId(), user);
    var words = new PdfWords(messages, asked.orElseGet(() -> participantLanguage(registration)));
    Meeting meeting = meetings.get(request.meetingId());
    Group group = groups.get(meeting.groupId());
    // The venue and days as approved: a meeting moved later does not rewrite a letter a consulate holds.
    LetterFacts facts = desk.letterFacts(request);
    return pdf.compose(words.say("pdf.visa.title", request.reference()), words)
        .paragraph(words.say("pdf.visa.union"))
        .field(words.say("pdf.visa.reference"), request.reference())
        // Dated the day it was approved, in the meeting's zone: the same letter at every download, never today's date.
        .field(words.say("pdf.visa.date"), words.date(request.decidedAt().atZone(meeting.timeZone()).toLocalDate()))
        .field(words.say("pdf.visa.to"), words.say("pdf.visa.mission", request.mission()))
        .heading(words.say("pdf.visa.heading", request.fullName()))
        .paragraph(words.say("pdf.visa.body", registration.number(), group.name(), group.acronym(), facts.venue(),
            facts.dates(words.locale())))
        .field(words.say("pdf.visa.fullName"), request.fullName())
        .field(words.say("pdf.visa.function"), request.function())
        .field(words.say("pdf.visa.birthDate"), words.date(passport.birthDate()))
        .field(words.say("pdf.visa.birthPlace"), passport.birthPlace())
        .field(words.say("pdf.visa.nationality"), passport.nationality())
        .field(words.say("pdf.visa.passportNumber"), passport.number())
        .field(words.say("pdf.visa.issuedBy"), passport.issuingCountry())
        .field(words.say("pdf.visa.issuedOn"), words.date(passport.issuedOn()))
        .field(words.say("pdf.visa.validUntil"), words.date(passport.expiresOn()))
        .paragraph(words.say("pdf.visa.verify", baseUrl + "/visa/verify?reference=" + request.reference()))
        .toBytes();
  }

  private Locale participantLanguage(Registration registration) {
    String tag = registration.accountId() == null ? null : accounts.get(registration.accountId()).language();
    return tag == null ? Languages.DEFAULT : Languages.nearest(Locale.forLanguageTag(tag));
  }
}
