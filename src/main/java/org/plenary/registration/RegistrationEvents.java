package org.plenary.registration;

import java.util.List;

/** What happened to registrations, for mail. */
public final class RegistrationEvents {

  private RegistrationEvents() {}

  /**
   * People registered (those recorded in one transaction, in one event: one mail transaction for
   * them all); the focal points of each one's organization (or the secretariat) decide.
   */
  public record RegistrationsSubmitted(List<Long> registrations) {}

  /** Someone registered: published before registrations were recorded in batches, still mailed when left outstanding. */
  public record RegistrationSubmitted(long registration) {}

  /** A focal point or the secretariat approved the registration; it now has its number. */
  public record RegistrationApproved(long registration) {}

  /** A focal point or the secretariat rejected the registration, with a reason. */
  public record RegistrationRejected(long registration) {}
}
