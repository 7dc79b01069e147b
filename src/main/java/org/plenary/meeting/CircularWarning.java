package org.plenary.meeting;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * A rule of the group that issuing the circular would break. The secretariat may still issue it,
 * confirming each warning with a reason; the confirmation is kept in the audit trail and shown on
 * the circular's page. The sentence is worded in each reader's language from {@code values}, kept with it.
 */
public record CircularWarning(Rule rule, String message,
    @Schema(nullable = true, description = "What the sentence says, in no language, so that each reader reads it in their own: "
        + "dates (ISO 8601) and numbers, in the order of the rule's sentence; null for a warning confirmed before they were kept")
    List<String> values,
    @Schema(nullable = true) String reason,
    @Schema(nullable = true) String confirmedBy, @Schema(nullable = true) Instant confirmedAt) {

  /** The announcement rules a circular is checked against. */
  public enum Rule { LATE_ANNOUNCEMENT, SHORT_CONTRIBUTION_WINDOW }

  static CircularWarning open(Rule rule, String message, List<String> values) {
    return new CircularWarning(rule, message, values, null, null, null);
  }

  /** This warning confirmed by {@code actor} at {@code at} with {@code reason}. */
  CircularWarning confirmed(String reason, String actor, Instant at) {
    return new CircularWarning(rule, message, values, reason, actor, at);
  }

  /** This warning without who confirmed it (a username is for the secretariat only). */
  CircularWarning withoutConfirmer() {
    return new CircularWarning(rule, message, values, reason, null, confirmedAt);
  }

  /** This warning with its sentence worded again (in a reader's language). */
  CircularWarning worded(String sentence) {
    return new CircularWarning(rule, sentence, values, reason, confirmedBy, confirmedAt);
  }
}
