package org.plenary.registration;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** A registration as the API shows it. */
record RegistrationResource(long id, RegistrationStatus status, @Schema(nullable = true) String registrationNumber,
    String fullName, String email, @Schema(nullable = true) Long organizationId, @Schema(nullable = true) String category,
    String countryCode, @Schema(nullable = true) String function, boolean firstTime, Attendance attendance,
    Instant submittedAt, @Schema(nullable = true) String decidedBy, @Schema(nullable = true) Instant decidedAt,
    @Schema(nullable = true) String rejectReason) {

  static RegistrationResource of(Registration r) {
    return new RegistrationResource(r.id(), r.status(), r.number(), r.fullName(), r.email(),
        r.organizationId() == null ? null : r.organizationId().value(), r.category(), r.countryCode(), r.function(),
        r.firstTime(), r.attendance(), r.submittedAt(), r.decidedBy(), r.decidedAt(), r.rejectReason());
  }
}
