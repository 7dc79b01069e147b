package org.plenary.meeting;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * A rule of the group that issuing the circular would break. The secretariat may still issue it,
 * confirming each warning with a reason; the confirmation is kept in the audit trail and shown on
 * the circular's page.
 */
public record CircularWarning(Rule rule, String message, @Schema(nullable = true) String reason,
    @Schema(nullable = true) String confirmedBy, @Schema(nullable = true) Instant confirmedAt) {

  /** The announcement rules a circular is checked against. */
  public enum Rule { LATE_ANNOUNCEMENT, SHORT_CONTRIBUTION_WINDOW }

  static CircularWarning open(Rule rule, String message) {
    return new CircularWarning(rule, message, null, null, null);
  }
}
