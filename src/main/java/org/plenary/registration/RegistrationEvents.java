package org.plenary.registration;

/** What happened to registrations, for mail. */
public final class RegistrationEvents {

  private RegistrationEvents() {}

  /** Someone registered; the focal points of their organization (or the secretariat) decide. */
  public record RegistrationSubmitted(long registration) {}

  /** A focal point or the secretariat approved the registration; it now has its number. */
  public record RegistrationApproved(long registration) {}

  /** A focal point or the secretariat rejected the registration, with a reason. */
  public record RegistrationRejected(long registration) {}
}
