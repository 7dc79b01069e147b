package org.plenary.registration;

import org.plenary.account.AccountId;
import org.plenary.meeting.MeetingId;
import org.springframework.stereotype.Component;

/** Registrations by id, for modules that act on registration events (no access check: events are internal). */
@Component
public class RegistrationLookup {

  private final Registrations registrations;

  RegistrationLookup(Registrations registrations) {
    this.registrations = registrations;
  }

  public Registration byId(long id) {
    return registrations.find(id).orElseThrow();
  }

  /** Whether the account has a registration for the meeting that was not rejected. */
  public boolean registered(MeetingId meeting, AccountId account) {
    return registrations.find(meeting, account).filter(r -> r.status() != RegistrationStatus.REJECTED).isPresent();
  }
}
