package org.plenary.registration;

import java.time.Instant;

/** A registration as the API shows it. */
record RegistrationResource(long id, RegistrationStatus status, String registrationNumber, String fullName, String email,
    Long organizationId, String category, String countryCode, String function, boolean firstTime, Attendance attendance,
    Instant submittedAt, String decidedBy, Instant decidedAt, String rejectReason) {

  static RegistrationResource of(Registration r) {
    return new RegistrationResource(r.id(), r.status(), r.number(), r.fullName(), r.email(),
        r.organizationId() == null ? null : r.organizationId().value(), r.category(), r.countryCode(), r.function(),
        r.firstTime(), r.attendance(), r.submittedAt(), r.decidedBy(), r.decidedAt(), r.rejectReason());
  }
}
