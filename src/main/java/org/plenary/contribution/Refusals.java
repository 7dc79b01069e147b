package org.plenary.contribution;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/**
 * Counts the desk's refusals of numbers and uploads as {@code plenary.contribution.refusals}
 * ({@code plenary_contribution_refusals_total} in Prometheus), tagged by {@code reason} (a
 * {@link ContributionRefusedException.Reason} in lower case, or {@code invalid} for a request whose
 * fields a rule refused) and {@code channel} ({@link UploadChannel}): both sets bounded by enums.
 */
final class Refusals {

  private final MeterRegistry registry;

  Refusals(MeterRegistry registry) {
    this.registry = registry;
  }

  void count(RuntimeException refusal, UploadChannel channel) {
    String reason = refusal instanceof ContributionRefusedException contribution
        ? contribution.reason().name().toLowerCase(Locale.ROOT) : "invalid";
    Counter.builder("plenary.contribution.refusals").tag("reason", reason).tag("channel", channel.tag())
        .description("Numbers and uploads the contribution desk refused, by reason and channel")
        .register(registry).increment();
  }
}
