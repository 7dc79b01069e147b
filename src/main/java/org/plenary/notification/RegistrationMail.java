package org.plenary.notification;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.plenary.account.Account;
import org.plenary.account.OrganizationDirectory;
import org.plenary.account.OrganizationId;
import org.plenary.group.Group;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.Meeting;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.registration.Registration;
import org.plenary.registration.RegistrationEvents.RegistrationApproved;
import org.plenary.registration.RegistrationEvents.RegistrationRejected;
import org.plenary.registration.RegistrationEvents.RegistrationSubmitted;
import org.plenary.registration.RegistrationEvents.RegistrationsSubmitted;
import org.plenary.registration.RegistrationLookup;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Mail for each step of a registration: received (to the participant and the focal points), approved,
 * rejected; each recipient reads it in their account's language.
 */
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

  /**
   * Each registration of the batch is mailed in this one transaction; the registrations, and the focal
   * points of each organization, are read once for the whole batch ({@link Mailer#sendAll}).
   */
  @ApplicationModuleListener
  void on(RegistrationsSubmitted event) {
    Map<OrganizationId, List<String>> focalPoints = new HashMap<>();
    mailer.sendAll(registrations.byIds(event.registrations()).stream()
        .map(r -> received(r, participantAndFocalPoints(r, organization -> focalPoints.computeIfAbsent(organization,
            o -> organizations.focalPoints(o).stream().map(Account::email).toList()))))
        .toList());
  }

  /** An event published before registrations were batched, left outstanding at an upgrade. */
  @ApplicationModuleListener
  void on(RegistrationSubmitted event) {
    Registration r = registrations.byId(event.registration());
    mailer.sendAll(List.of(received(r, participantAndFocalPoints(r, organizations))));
  }

  private Mailer.Outgoing received(Registration r, List<String> recipients) {
    Meeting meeting = meetings.get(r.meetingId());
    Group group = groups.get(meeting.groupId());
    // One occasion for both events: a registration is received once, whichever event told of it.
    return new Mailer.Outgoing("RegistrationSubmitted:" + r.id(), recipients,
        words -> words.letter("notification.registration.received",
        new Object[] {r.fullName(), group.acronym(), meeting.code()}, r.fullName(), group.acronym(), meeting.venueName(),
        words.dates(meeting), baseUrl + "/registrations/" + r.id()));
  }

  /** The participant and the focal points of their organization, each once. */
  static List<String> participantAndFocalPoints(Registration r, OrganizationDirectory organizations) {
    return participantAndFocalPoints(r, organization -> organizations.focalPoints(organization).stream()
        .map(Account::email).toList());
  }

  /** The participant and the focal points of their organization ({@code focalPoints} gives their addresses), each once. */
  private static List<String> participantAndFocalPoints(Registration r, Function<OrganizationId, List<String>> focalPoints) {
    var recipients = new ArrayList<String>(List.of(r.email()));
    if (r.organizationId() != null) {
      recipients.addAll(focalPoints.apply(r.organizationId()));
    }
    return recipients.stream().distinct().toList();
  }

  @ApplicationModuleListener
  void on(RegistrationApproved event) {
    Registration r = registrations.byId(event.registration());
    Meeting meeting = meetings.get(r.meetingId());
    Group group = groups.get(meeting.groupId());
    mailer.sendEach("RegistrationApproved:" + r.id(), List.of(r.email()), words -> words.letter("notification.registration.approved",
        new Object[] {r.number()}, group.acronym(), meeting.venueName(), words.dates(meeting),
        r.number(), meeting.deskOpensAt() == null ? "" : meeting.deskPlace() == null
            ? words.say("notification.registration.desk", meeting.deskOpensAt().toString())
            : words.say("notification.registration.deskAt", meeting.deskOpensAt().toString(), meeting.deskPlace()),
        baseUrl + "/registrations/" + r.id()));
  }

  @ApplicationModuleListener
  void on(RegistrationRejected event) {
    Registration r = registrations.byId(event.registration());
    Meeting meeting = meetings.get(r.meetingId());
    Group group = groups.get(meeting.groupId());
    mailer.sendEach("RegistrationRejected:" + r.id(), List.of(r.email()), words -> words.letter("notification.registration.rejected",
        new Object[] {group.acronym(), meeting.code()}, group.acronym(), words.dates(meeting),
        new MailWords.Block(r.rejectReason())));
  }
}
