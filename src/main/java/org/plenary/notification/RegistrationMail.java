package org.plenary.notification;

import java.util.ArrayList;
import java.util.List;
import org.plenary.account.Account;
import org.plenary.account.OrganizationDirectory;
import org.plenary.group.Group;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.Meeting;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.registration.Registration;
import org.plenary.registration.RegistrationEvents.RegistrationApproved;
import org.plenary.registration.RegistrationEvents.RegistrationRejected;
import org.plenary.registration.RegistrationEvents.RegistrationSubmitted;
import org.plenary.registration.RegistrationLookup;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Mail for each step of a registration: received (to the participant and the focal points), approved, rejected. */
@Component
class RegistrationMail {

  private final RegistrationLookup registrations;
  private final MeetingCatalog meetings;
  private final GroupCatalog groups;
  private final OrganizationDirectory organizations;
  private final Mailer mailer;
  private final String baseUrl;

  RegistrationMail(RegistrationLookup registrations, MeetingCatalog meetings, GroupCatalog groups,
      OrganizationDirectory organizations, Mailer mailer, @Value("${plenary.base-url}") String baseUrl) {
    this.registrations = registrations;
    this.meetings = meetings;
    this.groups = groups;
    this.organizations = organizations;
    this.mailer = mailer;
    this.baseUrl = baseUrl.replaceAll("/+$", "");
  }

  @ApplicationModuleListener
  void on(RegistrationSubmitted event) {
    Registration r = registrations.byId(event.registration());
    Meeting meeting = meetings.get(r.meetingId());
    Group group = groups.get(meeting.groupId());
    mailer.send(participantAndFocalPoints(r, organizations), "Registration received: " + r.fullName() + ", "
        + group.acronym() + " " + meeting.code(), """
        %s registered for the %s meeting, %s, %s.
        A focal point of the organization or the secretariat approves it here:
        %s/registrations/%d
        """.formatted(r.fullName(), group.acronym(), meeting.venueName(), meeting.dates(), baseUrl, r.id()));
  }

  /** The participant and the focal points of their organization, each once. */
  static List<String> participantAndFocalPoints(Registration r, OrganizationDirectory organizations) {
    var recipients = new ArrayList<String>(List.of(r.email()));
    if (r.organizationId() != null) {
      organizations.focalPoints(r.organizationId()).stream().map(Account::email).forEach(recipients::add);
    }
    return recipients.stream().distinct().toList();
  }

  @ApplicationModuleListener
  void on(RegistrationApproved event) {
    Registration r = registrations.byId(event.registration());
    Meeting meeting = meetings.get(r.meetingId());
    Group group = groups.get(meeting.groupId());
    mailer.send(List.of(r.email()), "Registration approved: " + r.number(), """
        Your registration for the %s meeting, %s, %s, is approved. Your registration number is %s.
        %s
        %s/registrations/%d
        """.formatted(group.acronym(), meeting.venueName(), meeting.dates(), r.number(),
        meeting.deskOpensAt() == null ? "" : "Registration at the venue opens at " + meeting.deskOpensAt()
            + (meeting.deskPlace() == null ? "" : ", " + meeting.deskPlace()) + ".", baseUrl, r.id()));
  }

  @ApplicationModuleListener
  void on(RegistrationRejected event) {
    Registration r = registrations.byId(event.registration());
    Meeting meeting = meetings.get(r.meetingId());
    Group group = groups.get(meeting.groupId());
    mailer.send(List.of(r.email()), "Registration not approved: " + group.acronym() + " " + meeting.code(), """
        Your registration for the %s meeting, %s, was not approved.
        Reason: %s
        """.formatted(group.acronym(), meeting.dates(), r.rejectReason()));
  }
}
