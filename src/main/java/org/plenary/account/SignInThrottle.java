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

  /** When the address may try again, or null when it may try now. */
  public Instant lockedUntil(String address) {
    Failures entry = failures.get(address);
    Instant now = clock.instant();
    return entry != null && entry.lockedUntil() != null && entry.lockedUntil().isAfter(now) ? entry.lockedUntil() : null;
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
