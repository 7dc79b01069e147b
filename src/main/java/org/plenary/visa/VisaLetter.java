package org.plenary.visa;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.plenary.account.PlenaryUser;
import org.plenary.group.Group;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.Meeting;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.pdf.PdfRenderer;
import org.plenary.registration.Registration;
import org.plenary.registration.RegistrationDesk;
import org.plenary.shared.Times;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The visa-support letter, addressed to the Swiss mission, with the meeting's facts and the passport details. */
@Component
class VisaLetter {

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

  private final VisaDesk desk;
  private final RegistrationDesk registrations;
  private final MeetingCatalog meetings;
  private final GroupCatalog groups;
  private final PdfRenderer pdf;
  private final Clock clock;
  private final String baseUrl;

  VisaLetter(VisaDesk desk, RegistrationDesk registrations, MeetingCatalog meetings, GroupCatalog groups,
      PdfRenderer pdf, Clock clock, @Value("${plenary.base-url}") String baseUrl) {
    this.desk = desk;
    this.registrations = registrations;
    this.meetings = meetings;
    this.groups = groups;
    this.pdf = pdf;
    this.clock = clock;
    this.baseUrl = baseUrl.replaceAll("/+$", "");
  }

  byte[] pdf(long id, PlenaryUser user) {
    VisaRequest request = desk.get(id, user);
    if (request.status() != VisaStatus.APPROVED) {
      throw new VisaRefusedException(409, "The letter exists once the secretariat has approved the request.");
    }
    Passport passport = desk.passport(id, user, "letter").orElseThrow(() ->
        new VisaRefusedException(410, "The passport details were purged after the meeting; the letter can no longer be made."));
    Registration registration = registrations.get(request.registrationId(), user);
    Meeting meeting = meetings.get(request.meetingId());
    Group group = groups.get(meeting.groupId());
    return pdf.compose("Visa support " + request.reference())
        .paragraph("International Telecommunication Union — Telecommunication Standardization Bureau")
        .field("Reference", request.reference())
        .field("Date", Times.dayIn(clock.instant(), meeting.timeZone()))
        .field("To", "The Embassy or Consulate of Switzerland — " + request.mission())
        .heading("Visa request for " + request.fullName())
        .paragraph("The Telecommunication Standardization Bureau confirms that the person named below is registered "
            + "(registration " + registration.number() + ") for the meeting of the " + group.name() + " ("
            + group.acronym() + "), " + meeting.venueName() + ", " + meeting.dates() + ", and asks that a visa be "
            + "granted for the duration of the meeting.")
        .field("Full name", request.fullName())
        .field("Function", request.function())
        .field("Date of birth", DATE.format(passport.birthDate()))
        .field("Place of birth", passport.birthPlace())
        .field("Nationality", passport.nationality())
        .field("Passport number", passport.number())
        .field("Issued by", passport.issuingCountry())
        .field("Issued on", DATE.format(passport.issuedOn()))
        .field("Valid until", DATE.format(passport.expiresOn()))
        .paragraph("This letter can be verified at " + baseUrl + "/visa/verify?reference=" + request.reference()
            + " (the verification shows no passport data).")
        .toBytes();
  }
}
