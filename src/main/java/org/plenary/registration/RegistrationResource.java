package org.plenary.registration;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * A registration as the API shows it. {@code decidedBy}, the username of who approved or rejected it,
 * only to those who may decide on it (a focal point of its organization, the secretariat): a username
 * is half of a sign-in, no participant's or chair's to know; pages name the decider by display name.
 */
record RegistrationResource(long id, RegistrationStatus status, @Schema(nullable = true) String registrationNumber,
    String fullName, String email, @Schema(nullable = true) Long organizationId, @Schema(nullable = true) String category,
    String countryCode, @Schema(nullable = true) String function, boolean firstTime, Attendance attendance,
    Instant submittedAt, @Schema(nullable = true, description = "The username of who decided; only for those who may decide on it") String decidedBy, @Schema(nullable = true) Instant decidedAt,
    @Schema(nullable = true) String rejectReason,
    @Schema(description = "The registration's version, one more at every change (organization corrected, approved, "
        + "rejected): what `If-Match` (as \"v12\") or a correction's `editVersion` names") long editVersion) {

  static RegistrationResource of(Registration r, boolean decider) {
    return new RegistrationResource(r.id(), r.status(), r.number(), r.fullName(), r.email(),
        r.organizationId() == null ? null : r.organizationId().value(), r.category(), r.countryCode(), r.function(),
        r.firstTime(), r.attendance(), r.submittedAt(), decider ? r.decidedBy() : null, r.decidedAt(), r.rejectReason(),
        r.version());
  }
}
