package org.plenary.output;

import java.time.LocalDate;
import java.util.List;

/**
 * The group's lifetime: from its first meeting for the months of its terms of reference, plus the
 * extensions its parent group decided. {@code endsOn} is null until the first meeting is scheduled.
 */
public record GroupLifetime(@io.swagger.v3.oas.annotations.media.Schema(nullable = true) LocalDate startsOn,
    @io.swagger.v3.oas.annotations.media.Schema(nullable = true) LocalDate endsOn, List<Extension> extensions) {

  /** An extension decided by the parent group. */
  public record Extension(int months, String decidedBy, LocalDate decidedOn) {}
}
