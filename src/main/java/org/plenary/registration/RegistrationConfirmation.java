package org.plenary.registration;

import org.plenary.account.Countries;
import org.plenary.account.OrganizationDirectory;
import org.plenary.group.Group;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.Meeting;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.pdf.PdfRenderer;
import org.plenary.shared.Times;
import org.springframework.stereotype.Component;

/** The confirmation of an approved registration, as a PDF the participant prints or shows at the desk. */
@Component
class RegistrationConfirmation {

  private final PdfRenderer pdf;
  private final MeetingCatalog meetings;
  private final GroupCatalog groups;
  private final OrganizationDirectory organizations;
  private final Countries countries;
  private final org.plenary.account.AccountDirectory accounts;

  RegistrationConfirmation(PdfRenderer pdf, MeetingCatalog meetings, GroupCatalog groups,
      OrganizationDirectory organizations, Countries countries, org.plenary.account.AccountDirectory accounts) {
    this.accounts = accounts;
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
    // Times of day as every page shows them: in the meeting's zone, with its abbreviation and name.
    java.util.function.Function<java.time.LocalTime, String> atVenue = time -> Times.display(
        meeting.startDate().atTime(time).atZone(meeting.timeZone()).toInstant(), meeting.timeZone());
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
        .field("Opening", meeting.openingTime() == null ? "See the meeting page" : atVenue.apply(meeting.openingTime()))
        .field("Registration desk", meeting.deskOpensAt() == null ? "See the meeting page"
            : "from " + atVenue.apply(meeting.deskOpensAt()) + (meeting.deskPlace() == null ? "" : ", " + meeting.deskPlace()))
        .field("Approved by", accounts.findEvenDisabled(r.decidedBy()).map(a -> a.displayName()).orElse(r.decidedBy()))
        .paragraph("Show this confirmation at the registration desk. It may also accompany a request for visa support.")
        .toBytes();
  }
}
