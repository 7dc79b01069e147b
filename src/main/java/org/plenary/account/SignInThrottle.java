package org.plenary.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing: after {@code plenary.sign-in.max-failures} failed sign-ins from
 * one address, further attempts from it are refused for {@code plenary.sign-in.lockout}. Shared by
 * the sign-in page and the token endpoint; the same counter will serve FTP.
 */
@Component
public class SignInThrottle {

  private record Failures(int count, Instant lockedUntil, Instant lastFailure) {}

  private final Map<String, Failures> failures = new ConcurrentHashMap<>();
  private final int maxFailures;
  private final Duration lockout;
  private final Clock clock;

  SignInThrottle(
      @Value("${plenary.sign-in.max-failures:5}") int maxFailures,
      @Value("${plenary.sign-in.lockout:15m}") Duration lockout,
      Clock clock) {
    this.maxFailures = maxFailures;
    this.lockout = lockout;
    this.clock = clock;
  }

  /** How long the address must wait before it may try again; zero when it may try now. */
  public Duration lockedFor(String address) {
    Failures entry = failures.get(address);
    Instant now = clock.instant();
    return entry != null && entry.lockedUntil() != null && entry.lockedUntil().isAfter(now)
        ? Duration.between(now, entry.lockedUntil()) : Duration.ZERO;
  }

  public void failed(String address) {
    Instant now = clock.instant();
    failures.compute(address, (key, entry) -> {
      int count = entry == null || entry.lastFailure().plus(lockout).isBefore(now) ? 1 : entry.count() + 1;
      return new Failures(count, count >= maxFailures ? now.plus(lockout) : null, now);
    });
    if (failures.size() > 100_000) {
      failures.values().removeIf(entry -> entry.lastFailure().plus(lockout).isBefore(now));
    }
  }

  public void succeeded(String address) {
    failures.remove(address);
  }
}
