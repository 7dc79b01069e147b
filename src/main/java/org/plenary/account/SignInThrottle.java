package org.plenary.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing on every channel, with two independent counters of failed
 * sign-ins: one per username ({@code plenary.sign-in.max-failures}, whatever the address, so
 * guesses at one account from many addresses are capped) and one per client address
 * ({@code plenary.sign-in.max-failures-per-address}, whatever the username, so one address cannot
 * spray guesses over many accounts). Either one reached locks out for
 * {@code plenary.sign-in.lockout}. A success clears only its own username's counter: signing in as
 * one account never buys guesses at another. Counters exist for unknown usernames too, so a
 * lock-out says nothing about whether an account exists; each map holds at most
 * {@code plenary.sign-in.tracked} entries, the least recently used going first.
 */
@Component
public class SignInThrottle {

  private record Failures(int count, Instant lockedUntil) {}

  private final Cache<String, Failures> byUsername;
  private final Cache<String, Failures> byAddress;
  private final int maxFailures;
  private final int maxFailuresPerAddress;
  private final Duration lockout;
  private final Clock clock;

  SignInThrottle(
      @Value("${plenary.sign-in.max-failures:5}") int maxFailures,
      @Value("${plenary.sign-in.max-failures-per-address:20}") int maxFailuresPerAddress,
      @Value("${plenary.sign-in.lockout:15m}") Duration lockout,
      @Value("${plenary.sign-in.tracked:100000}") long tracked,
      Clock clock) {
    this.maxFailures = maxFailures;
    this.maxFailuresPerAddress = maxFailuresPerAddress;
    this.lockout = lockout;
    this.clock = clock;
    // A counter lasts the lock-out period after its last failure.
    this.byUsername = Caffeine.newBuilder().expireAfterWrite(lockout).maximumSize(tracked).executor(Runnable::run).build();
    this.byAddress = Caffeine.newBuilder().expireAfterWrite(lockout).maximumSize(tracked).executor(Runnable::run).build();
  }

  /** Until when this address may not try any sign-in; empty when it may try now. */
  public Optional<Instant> lockedUntil(String address) {
    return locked(byAddress.getIfPresent(address));
  }

  /** The lock-out of this address, with the time to retry, or empty when it may try now. */
  public Optional<SignInResult.LockedOut> lockedOut(String address) {
    return lockedUntil(address).map(until -> new SignInResult.LockedOut(until, clock.instant()));
  }

  /** Until when a sign-in as this username from this address is refused; empty when it may be tried now. */
  public Optional<Instant> lockedUntil(String address, String username) {
    Optional<Instant> forAddress = lockedUntil(address);
    Optional<Instant> forUsername = locked(byUsername.getIfPresent(key(username)));
    return forAddress.isEmpty() ? forUsername
        : forUsername.isEmpty() ? forAddress : forAddress.get().isAfter(forUsername.get()) ? forAddress : forUsername;
  }

  /** Counts a failed sign-in against both the address and the username. */
  public void failed(String address, String username) {
    count(byAddress, address, maxFailuresPerAddress);
    count(byUsername, key(username), maxFailures);
  }

  /** A successful sign-in clears its username's counter, never the address's. */
  public void succeeded(String username) {
    byUsername.invalidate(key(username));
  }

  /** How many usernames and addresses are remembered now (at most twice {@code plenary.sign-in.tracked}). */
  long tracked() {
    byUsername.cleanUp();
    byAddress.cleanUp();
    return byUsername.estimatedSize() + byAddress.estimatedSize();
  }

  private void count(Cache<String, Failures> counters, String key, int limit) {
    Instant now = clock.instant();
    counters.asMap().compute(key, (k, entry) -> {
      int count = entry == null ? 1 : entry.count() + 1;
      return new Failures(count, count >= limit ? now.plus(lockout) : null);
    });
  }

  private Optional<Instant> locked(Failures entry) {
    return entry == null || entry.lockedUntil() == null || !entry.lockedUntil().isAfter(clock.instant())
        ? Optional.empty() : Optional.of(entry.lockedUntil());
  }

  /** Usernames are compared without case, as accounts are found. */
  private static String key(String username) {
    return username == null ? "" : username.toLowerCase(Locale.ROOT);
  }
}
