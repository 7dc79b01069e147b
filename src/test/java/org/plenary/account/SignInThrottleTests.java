package org.plenary.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SignInThrottleTests {

  private final Clock clock = Clock.fixed(Instant.parse("2026-06-14T07:30:00Z"), ZoneOffset.UTC);

  @Test
  void millionsOfUsernamesAndAddressesDoNotGrowTheCountersPastTheirBound() {
    var throttle = new SignInThrottle(5, 20, Duration.ofMinutes(15), 1_000, clock);
    for (int i = 0; i < 1_000_000; i++) {
      throttle.failed("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255), "guess-" + i);
    }
    assertThat(throttle.tracked()).isLessThanOrEqualTo(2_000);
  }

  @Test
  void countsPerUsernameAndPerAddressAndASuccessClearsOnlyItsOwnUsername() {
    var throttle = new SignInThrottle(3, 5, Duration.ofMinutes(15), 1_000, clock);
    throttle.failed("192.0.2.1", "victim");
    throttle.failed("192.0.2.2", "VICTIM");
    throttle.succeeded("mallory");
    throttle.failed("192.0.2.3", "Victim");
    assertThat(throttle.lockedUntil("198.51.100.7", "victim")).contains(Instant.parse("2026-06-14T07:45:00Z"));
    assertThat(throttle.lockedUntil("198.51.100.7", "mallory")).isEmpty();

    for (int i = 0; i < 5; i++) {
      throttle.failed("203.0.113.9", "spray-" + i);
      throttle.succeeded("own");
    }
    assertThat(throttle.lockedUntil("203.0.113.9", "own")).isPresent();
    assertThat(throttle.lockedUntil("203.0.113.10", "own")).isEmpty();
  }
}
