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
 * Slows down password guessing on every channel, with two independent counters of sign-in
 * attempts: one per username ({@code plenary.sign-in.max-failures}, whatever the address, so
 * guesses at one account from many addresses are capped) and one per client address
 * ({@code plenary.sign-in.max-failures-per-address}, whatever the username, so one address cannot
 * spray guesses over many accounts). Either one reached locks out for
 * {@code plenary.sign-in.lockout}.
 *
 * <p>An attempt is counted, atomically, before its password is checked ({@link #attempt}), and
 * refused when its counter is already at the limit: guesses sent in parallel cannot all pass the
 * gate while the first ones are still being hashed. A success ({@link #succeeded}) clears its own
 * username's counter and takes back only its own attempt from the address's counter: signing in
 * as one account never buys guesses at another, nor clears the address's earlier failures.
 * Counters exist for unknown usernames too, so a lock-out says nothing about whether an account
 * exists; each map holds at most {@code plenary.sign-in.tracked} entries, the least recently used
 * going first.
 */
@Component
public class SignInThrottle {

  /** Attempts counted (failed, or still being checked) and, once at the limit, until when they lock out. */
  private record Attempts(int count, Instant lockedUntil) {

    boolean locks(Instant now) {
      return lockedUntil != null && lockedUntil.isAfter(now);
    }
  }

  private final Cache<String, Attempts> byUsername;
  private final Cache<String, Attempts> byAddress;
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
    // A counter lasts the lock-out period after its last attempt.
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

  /**
   * Counts an attempt to prove a password (or token) for this username from this address, before
   * it is checked. Returns the lock-out, counting nothing, when either counter is already at its
   * limit; otherwise the attempt stands as a failure unless {@link #succeeded} takes it back.
   */
  public Optional<SignInResult.LockedOut> attempt(String address, String username) {
    Instant now = clock.instant();
    Optional<Instant> refused = take(byAddress, address, maxFailuresPerAddress, now);
    if (refused.isPresent()) {
      return refused.map(until -> new SignInResult.LockedOut(until, now));
    }
    Optional<Instant> forUsername = take(byUsername, key(username), maxFailures, now);
    if (forUsername.isPresent()) {
      giveBack(address);
      return forUsername.map(until -> new SignInResult.LockedOut(until, now));
    }
    return Optional.empty();
  }

  /**
   * The attempt proved the password: its username's counter is cleared, and only this one attempt
   * is taken back from the address's counter (its earlier failures, at any username, stay).
   */
  public void succeeded(String address, String username) {
    byUsername.invalidate(key(username));
    giveBack(address);
  }

  /** How many usernames and addresses are remembered now (at most twice {@code plenary.sign-in.tracked}). */
  long tracked() {
    byUsername.cleanUp();
    byAddress.cleanUp();
    return byUsername.estimatedSize() + byAddress.estimatedSize();
  }

  /**
   * Counts one attempt unless the counter is at its limit and still locks; returns until when it
   * locks in that case. A counter at its limit whose lock-out has passed starts again from zero.
   */
  private Optional<Instant> take(Cache<String, Attempts> counters, String key, int limit, Instant now) {
    Instant[] refused = new Instant[1];
    counters.asMap().compute(key, (k, entry) -> {
      if (entry != null && entry.count() >= limit && entry.locks(now)) {
        refused[0] = entry.lockedUntil();
        return entry;
      }
      int count = entry == null || entry.count() >= limit ? 1 : entry.count() + 1;
      return new Attempts(count, count >= limit ? now.plus(lockout) : null);
    });
    return Optional.ofNullable(refused[0]);
  }

  /** Takes one attempt back from the address's counter, lifting a lock-out that attempt had set. */
  private void giveBack(String address) {
    byAddress.asMap().computeIfPresent(address, (k, entry) -> {
      int count = entry.count() - 1;
      return count <= 0 ? null : new Attempts(count, count >= maxFailuresPerAddress ? entry.lockedUntil() : null);
    });
  }

  private Optional<Instant> locked(Attempts entry) {
    return entry == null || !entry.locks(clock.instant()) ? Optional.empty() : Optional.of(entry.lockedUntil());
  }

  /** Usernames are compared without case, as accounts are found. */
  private static String key(String username) {
    return username == null ? "" : username.toLowerCase(Locale.ROOT);
  }
}
