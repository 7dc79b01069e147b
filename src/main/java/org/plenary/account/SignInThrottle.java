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
 * Slows down password guessing on every channel, with two independent counters of failed sign-in
 * attempts: one per username ({@code plenary.sign-in.max-failures}, whatever the address, so
 * guesses at one account from many addresses are capped) and one per client address
 * ({@code plenary.sign-in.max-failures-per-address}, whatever the username, so one address cannot
 * spray guesses over many accounts). Either one reached locks out for
 * {@code plenary.sign-in.lockout}.
 *
 * <p>An attempt is admitted ({@link #attempt}) before its password is checked, and each counter
 * admits at most as many attempts at once as it has failures left: guesses sent in parallel cannot
 * all pass the gate while the first ones are still being hashed. An attempt beyond that waits for
 * one being checked to end (up to {@link #WAIT}) rather than being refused, so many correct
 * sign-ins at once (a client opening several connections) all succeed. Each admitted attempt ends
 * as {@link #succeeded} (clears its username's failures; the address's failures stay),
 * {@link #failed} (counts a failure on both) or {@link #released} (the check itself broke).
 * Counters exist for unknown usernames too, so a lock-out says nothing about whether an account
 * exists; each map holds at most {@code plenary.sign-in.tracked} entries, the least recently used
 * going first.
 */
@Component
public class SignInThrottle {

  /** How long an attempt waits for attempts being checked before it is refused as busy. */
  static final Duration WAIT = Duration.ofSeconds(10);

  /** Failures counted, attempts being checked and, once failures reach the limit, until when they lock out. */
  private record Attempts(int failures, int checking, Instant lockedUntil) {

    boolean locks(Instant now) {
      return lockedUntil != null && lockedUntil.isAfter(now);
    }
  }

  /** What a counter answered: admitted, busy (all its places taken by attempts being checked), or locked. */
  private record Gate(boolean admitted, Instant lockedUntil) {
    static final Gate ADMITTED = new Gate(true, null);
    static final Gate BUSY = new Gate(false, null);
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
    // A counter lasts the lock-out period after its last change.
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
   * Admits an attempt to prove a password (or token) for this username from this address, before
   * it is checked; the caller then ends it with {@link #succeeded}, {@link #failed} or
   * {@link #released}. Returns the lock-out, admitting nothing, when either counter locks out;
   * waits while either has no place left for another attempt being checked.
   */
  public Optional<SignInResult.LockedOut> attempt(String address, String username) {
    Instant deadline = clock.instant().plus(WAIT);
    while (true) {
      Instant now = clock.instant();
      Gate forAddress = enter(byAddress, address, maxFailuresPerAddress, now);
      Gate forUsername = forAddress.admitted() ? enter(byUsername, key(username), maxFailures, now) : Gate.BUSY;
      if (forAddress.admitted() && forUsername.admitted()) {
        return Optional.empty();
      }
      if (forAddress.admitted()) {
        leave(byAddress, address, false, maxFailuresPerAddress, now);
      }
      Instant locked = forAddress.lockedUntil() != null ? forAddress.lockedUntil() : forUsername.lockedUntil();
      if (locked != null) {
        return Optional.of(new SignInResult.LockedOut(locked, now));
      }
      if (!clock.instant().isBefore(deadline) || !pause()) {
        return Optional.of(new SignInResult.LockedOut(now.plus(Duration.ofMinutes(1)), now));
      }
    }
  }

  /** The attempt proved the password: its username's failures are cleared; the address's stay. */
  public void succeeded(String address, String username) {
    Instant now = clock.instant();
    byUsername.asMap().computeIfPresent(key(username), (k, entry) -> tidy(new Attempts(0, entry.checking() - 1, null)));
    leave(byAddress, address, false, maxFailuresPerAddress, now);
  }

  /** The attempt did not prove the password: a failure on both counters. */
  public void failed(String address, String username) {
    Instant now = clock.instant();
    leave(byUsername, key(username), true, maxFailures, now);
    leave(byAddress, address, true, maxFailuresPerAddress, now);
  }

  /** The check itself broke (not the password's fault): the attempt ends without counting. */
  public void released(String address, String username) {
    Instant now = clock.instant();
    leave(byUsername, key(username), false, maxFailures, now);
    leave(byAddress, address, false, maxFailuresPerAddress, now);
  }

  /** How many usernames and addresses are remembered now (at most twice {@code plenary.sign-in.tracked}). */
  long tracked() {
    byUsername.cleanUp();
    byAddress.cleanUp();
    return byUsername.estimatedSize() + byAddress.estimatedSize();
  }

  /**
   * Admits one attempt when failures and attempts being checked leave room under the limit; a
   * counter whose lock-out has passed starts again from zero failures.
   */
  private Gate enter(Cache<String, Attempts> counters, String key, int limit, Instant now) {
    Gate[] gate = {Gate.ADMITTED};
    counters.asMap().compute(key, (k, entry) -> {
      if (entry != null && entry.locks(now)) {
        gate[0] = new Gate(false, entry.lockedUntil());
        return entry;
      }
      int failures = entry == null || entry.lockedUntil() != null ? 0 : entry.failures();
      int checking = entry == null ? 0 : entry.checking();
      if (failures + checking >= limit) {
        gate[0] = Gate.BUSY;
        return entry;
      }
      return new Attempts(failures, checking + 1, null);
    });
    return gate[0];
  }

  /** Ends one attempt being checked, counting a failure if it was one (and locking out at the limit). */
  private void leave(Cache<String, Attempts> counters, String key, boolean failure, int limit, Instant now) {
    counters.asMap().computeIfPresent(key, (k, entry) -> {
      int failures = entry.failures() + (failure ? 1 : 0);
      Instant until = entry.locks(now) ? entry.lockedUntil() : failures >= limit ? now.plus(lockout) : null;
      return tidy(new Attempts(failures, Math.max(0, entry.checking() - 1), until));
    });
  }

  /** A counter with nothing left to remember is removed. */
  private static Attempts tidy(Attempts entry) {
    return entry.failures() == 0 && entry.checking() <= 0 && entry.lockedUntil() == null ? null : entry;
  }

  /** Waits a little for attempts being checked to end; false when interrupted. */
  private static boolean pause() {
    try {
      Thread.sleep(10);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private Optional<Instant> locked(Attempts entry) {
    return entry == null || !entry.locks(clock.instant()) ? Optional.empty() : Optional.of(entry.lockedUntil());
  }

  /** Usernames are compared without case, as accounts are found. */
  private static String key(String username) {
    return username == null ? "" : username.toLowerCase(Locale.ROOT);
  }
}
