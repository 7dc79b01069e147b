package org.plenary.registration;

import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.plenary.account.Countries;
import org.plenary.account.OrganizationDirectory;
import org.plenary.group.Group;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.Meeting;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.pdf.PdfRenderer;
import org.springframework.stereotype.Component;

/** The confirmation of an approved registration, as a PDF the participant prints or shows at the desk. */
@Component
class RegistrationConfirmation {

  private final PdfRenderer pdf;
  private final MeetingCatalog meetings;
  private final GroupCatalog groups;
  private final OrganizationDirectory organizations;
  private final Countries countries;

  RegistrationConfirmation(PdfRenderer pdf, MeetingCatalog meetings, GroupCatalog groups,
      OrganizationDirectory organizations, Countries countries) {
    this.pdf = pdf;
    this.meetings = meetings;
    this.groups = groups;
    this.organizations = organizations;
    this.countries = countries;
  }

  byte[] pdf(Registration r) {
    if (r.status() != RegistrationStatus.APPROVED) {
      throw new RegistrationRefusedException(409, "Registration " + r.id() + " is " + r.status().name().toLowerCase()
          + "; its confirmation exists once it is approved.");
    }
    Meeting meeting = meetings.get(r.meetingId());
    Group group = groups.get(meeting.groupId());
    var time = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    return pdf.compose("Registration confirmation " + r.number())
        .paragraph("International Telecommunication Union — Telecommunication Standardization Sector")
        .heading(group.name() + " (" + group.acronym() + ")")
        .field("Registration number", r.number())
        .field("Participant", r.fullName())
        .field("Organization", organizations.find(r.organizationId()).map(o -> o.name()).orElse("In own name"))
        .field("Country", countries.name(r.countryCode()))
        .field("Attendance", r.attendance().label())
        .heading("Meeting " + meeting.code())
        .field("Dates", meeting.dates())
        .field("Venue", meeting.venueName() + (meeting.venueAddress() == null ? "" : ", " + meeting.venueAddress()))
        .field("Opening", meeting.openingTime() == null ? "See the meeting page" : time.format(meeting.openingTime())
            + " on the first day")
        .field("Registration desk", meeting.deskOpensAt() == null ? "See the meeting page"
            : "from " + time.format(meeting.deskOpensAt()) + (meeting.deskPlace() == null ? "" : ", " + meeting.deskPlace()))
        .field("Approved by", r.decidedBy())
        .paragraph("Show this confirmation at the registration desk. It may also accompany a request for visa support.")
        .toBytes();
  }
}
