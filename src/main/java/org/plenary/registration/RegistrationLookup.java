package org.plenary.registration;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  /** The registrations with these ids, in the order given, read in one query; one that does not exist is refused. */
  public List<Registration> byIds(List<Long> ids) {
    Map<Long, Registration> found = new HashMap<>();
    registrations.findAll(ids).forEach(r -> found.put(r.id(), r));
    return ids.stream().map(id -> Optional.ofNullable(found.get(id)).orElseThrow()).toList();
  }

  /** Whether the account has a registration for the meeting that was not rejected. */
  public boolean registered(MeetingId meeting, AccountId account) {
    return registrations.find(meeting, account).filter(r -> r.status() != RegistrationStatus.REJECTED).isPresent();
  }
}
