package org.plenary.registration;

/** Where a registration stands: submitted, then approved or rejected by a focal point or the secretariat. */
public enum RegistrationStatus { SUBMITTED, APPROVED, REJECTED }
