package org.plenary.registration;

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
}
