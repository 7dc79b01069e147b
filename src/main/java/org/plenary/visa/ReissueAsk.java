package org.plenary.visa;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * A participant's (or their focal point's) request that their approved letter be issued again, and how it was
 * settled: open until the secretariat re-issues the letter or declines, or the asker withdraws it. The corrected
 * details themselves are never part of it (they are passport data): only the names of the fields they change.
 */
public record ReissueAsk(long id, long visaRequestId, ReissueAsk.State state,
    @Schema(description = "Why the letter should be issued again, as the asker wrote it") String reason,
    @Schema(description = "The details the re-issue corrects (fullName, function, mission, passportNumber, "
        + "issuingCountry, issuedOn, expiresOn, birthDate, birthPlace, nationality); empty when the letter is only "
        + "to be issued again as it is") List<String> changes,
    @Schema(nullable = true, description = "The username of who asked; only for the secretariat") String askedBy,
    Instant askedAt,
    @Schema(nullable = true, description = "The username of who settled it; only for the secretariat") String settledBy,
    @Schema(nullable = true) Instant settledAt,
    @Schema(nullable = true, description = "Why the secretariat declined it") String answer,
    @Schema(nullable = true, description = "The reference of the letter it was re-issued as, verification code included")
    String reference) {

  /** Where a re-issue request stands. */
  public enum State { OPEN, WITHDRAWN, DECLINED, REISSUED }

  /** The same request as a reader who is not the secretariat sees it: without the usernames. */
  ReissueAsk withoutUsernames() {
    return new ReissueAsk(id, visaRequestId, state, reason, changes, null, askedAt, null, settledAt, answer, reference);
  }
}
