package org.plenary.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.plenary.shared.ClientNetworks;
import org.plenary.shared.VenueAddresses;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing on every channel, with two independent counters of failed sign-in
 * attempts: one per username ({@code plenary.sign-in.max-failures}, whatever the address, so
 * guesses at one account from many addresses are capped) and one per client address
 * ({@code plenary.sign-in.max-failures-per-address}, so one address cannot spray guesses over many accounts). The
 * address's counter counts the distinct usernames that failed from it, each once (an IPv6 address as its /64): twenty
 * delegates behind one venue NAT who each mistype once are twenty names, as a sprayer's twenty guesses are, while one
 * delegate mistyping again adds nothing to the address (their own username's counter stops them). Which names already
 * counted for an address is remembered as the counters are (in the database, {@code n:<address> <username>}) for the
 * lock-out period after its last failure. Either counter reached locks out for {@code plenary.sign-in.lockout}. The addresses a meeting's venue shares ({@code plenary.venue-addresses}: hundreds
 * of delegates behind one NAT, where twenty typos would lock the whole venue out) have no address counter: each of
 * their delegates is still limited by the username counter.
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
 *
 * <p>Several nodes on one database share the failures and lock-outs ({@code sign_in_failures}, read
 * on every attempt, written on every failure): guesses spread over the nodes behind a load balancer
 * count together. Attempts being checked are counted per node, so at most nodes &times; limit
 * guesses can be checked at once across nodes before the failures reach the database.
 */
@Component
public class SignInThrottle {

  private static final String USERNAME = "u:";
  private static final String ADDRESS = "a:";
  /** A username that failed from an address: it counts once on the address's counter. */
  private static final String NAME_AT = "n:";

  /** Names up to this length are kept as they are (an account's username has at most 40 characters). */
  static final int LONGEST_KEPT = 100;

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
  /** Failures of each (address, username) within the lock-out period, in this node's memory when nothing is shared. */
  private final Cache<String, Integer> namesAtAddress;
  private final int maxFailures;
  private final int maxFailuresPerAddress;
  private final Duration lockout;
  private final Clock clock;
  private final SignInFailures shared;
  private final VenueAddresses venue;

  /** Counters in this node's memory only (one node, or tests). */
  SignInThrottle(int maxFailures, int maxFailuresPerAddress, Duration lockout, long tracked, Clock clock) {
    this(maxFailures, maxFailuresPerAddress, lockout, tracked, clock, null, VenueAddresses.none());
  }

  /** As above, with the venue's addresses counted per username only. */
  SignInThrottle(int maxFailures, int maxFailuresPerAddress, Duration lockout, long tracked, Clock clock,
      VenueAddresses venue) {
    this(maxFailures, maxFailuresPerAddress, lockout, tracked, clock, null, venue);
  }

  /** Failures counted in the database, shared by every node on it; attempts being checked counted per node. */
  @Autowired
  SignInThrottle(
      @Value("${plenary.sign-in.max-failures:5}") int maxFailures,
      @Value("${plenary.sign-in.max-failures-per-address:50}") int maxFailuresPerAddress,
      @Value("${plenary.sign-in.lockout:15m}") Duration lockout,
      @Value("${plenary.sign-in.tracked:100000}") long tracked,
      Clock clock, SignInFailures shared, @Value("${plenary.venue-addresses:}") String venueAddresses) {
    this(maxFailures, maxFailuresPerAddress, lockout, tracked, clock, shared, VenueAddresses.parse(venueAddresses));
  }

  private SignInThrottle(int maxFailures, int maxFailuresPerAddress, Duration lockout, long tracked, Clock clock,
      SignInFailures shared, VenueAddresses venue) {
    this.venue = venue;
    this.shared = shared;
    this.maxFailures = maxFailures;
    this.maxFailuresPerAddress = maxFailuresPerAddress;
    this.lockout = lockout;
    this.clock = clock;
    // A counter lasts the lock-out period after its last change.
    this.byUsername = Caffeine.newBuilder().expireAfterWrite(lockout).maximumSize(tracked).executor(Runnable::run).build();
    this.byAddress = Caffeine.newBuilder().expireAfterWrite(lockout).maximumSize(tracked).executor(Runnable::run).build();
    this.namesAtAddress = Caffeine.newBuilder().expireAfterWrite(lockout).maximumSize(tracked).executor(Runnable::run)
        .build();
  }

  /** Until when this address may not try any sign-in; empty when it may try now. */
  public Optional<Instant> lockedUntil(String address) {
    if (venue.contains(address)) {
      return Optional.empty();
    }
    return shared == null ? locked(byAddress.getIfPresent(ClientNetworks.of(address))) : locked(stored(ADDRESS + ClientNetworks.of(address)));
  }

  /** The lock-out of this address, with the time to retry, or empty when it may try now. */
  public Optional<SignInResult.LockedOut> lockedOut(String address) {
    return lockedUntil(address).map(until -> new SignInResult.LockedOut(until, clock.instant()));
  }

  /** Until when a sign-in as this username from this address is refused; empty when it may be tried now. */
  public Optional<Instant> lockedUntil(String address, String username) {
    Optional<Instant> forAddress = lockedUntil(address);
    Optional<Instant> forUsername = shared == null ? locked(byUsername.getIfPresent(key(username)))
        : locked(stored(USERNAME + key(username)));
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
      boolean counted = !venue.contains(address);
      Gate forAddress = counted ? enter(byAddress, ADDRESS, ClientNetworks.of(address), maxFailuresPerAddress, now)
          : Gate.ADMITTED;
      Gate forUsername = forAddress.admitted() ? enter(byUsername, USERNAME, key(username), maxFailures, now) : Gate.BUSY;
      if (forAddress.admitted() && forUsername.admitted()) {
        return Optional.empty();
      }
      if (forAddress.admitted() && counted) {
        leave(byAddress, ADDRESS, ClientNetworks.of(address), false, maxFailuresPerAddress, now);
      }
      Instant locked = forAddress.lockedUntil() != null ? forAddress.lockedUntil() : forUsername.lockedUntil();
      if (locked != null) {
        return Optional.of(new SignInResult.LockedOut(locked, now));
      }
      if (!clock.instant().isBefore(deadline) || !pause()) {
        // No failure to count: as many sign-ins with this name as it may check at once were being checked
        // all along (a client opening hundreds of connections). Said as it is, with a short retry.
        return Optional.of(new SignInResult.LockedOut(now.plus(WAIT), now, true));
      }
    }
  }

  /** The attempt proved the password: its username's failures are cleared; the address's stay. */
  public void succeeded(String address, String username) {
    Instant now = clock.instant();
    if (shared != null) {
      shared.clear(USERNAME + key(username));
    }
    byUsername.asMap().computeIfPresent(key(username), (k, entry) -> tidy(new Attempts(0, entry.checking() - 1, null)));
    leaveAddress(address, username, false, now);
  }

  /** The attempt did not prove the password: a failure of its username, and of its address if the name is new there. */
  public void failed(String address, String username) {
    Instant now = clock.instant();
    leave(byUsername, USERNAME, key(username), true, maxFailures, now);
    leaveAddress(address, username, true, now);
  }

  /** Ends the attempt on its address's counter, which a failure moves only for a username new there; a venue has none. */
  private void leaveAddress(String address, String username, boolean failure, Instant now) {
    if (!venue.contains(address)) {
      String network = ClientNetworks.of(address);
      boolean newName = failure && firstFailure(network, key(username), now);
      leave(byAddress, ADDRESS, network, newName, maxFailuresPerAddress, now);
    }
  }

  /** Counts a failure of this username from this address; true when it is the first within the lock-out period. */
  private boolean firstFailure(String network, String username, Instant now) {
    String pair = network + " " + username;
    if (shared != null) {
      return shared.fail(NAME_AT + pair, Integer.MAX_VALUE, lockout, now).failures() == 1;
    }
    return namesAtAddress.asMap().merge(pair, 1, Integer::sum) == 1;
  }

  /** The check itself broke (not the password's fault): the attempt ends without counting. */
  public void released(String address, String username) {
    Instant now = clock.instant();
    leave(byUsername, USERNAME, key(username), false, maxFailures, now);
    leaveAddress(address, username, false, now);
  }

  /** How many usernames, addresses and their pairs are remembered (at most thrice {@code plenary.sign-in.tracked}). */
  long tracked() {
    byUsername.cleanUp();
    byAddress.cleanUp();
    namesAtAddress.cleanUp();
    return byUsername.estimatedSize() + byAddress.estimatedSize() + namesAtAddress.estimatedSize();
  }

  /**
   * Admits one attempt when failures and attempts being checked leave room under the limit; a
   * counter whose lock-out has passed starts again from zero failures.
   */
  private Gate enter(Cache<String, Attempts> counters, String kind, String key, int limit, Instant now) {
    Gate[] gate = {Gate.ADMITTED};
    counters.asMap().compute(key, (k, local) -> {
      // With shared counters, failures and lock-out are the database's (all nodes), read while this key is held so
      // that a failure written meanwhile by an attempt ending on this node is seen; attempts being checked are this node's.
      Attempts stored = shared == null ? null : stored(kind + key);
      Attempts entry = stored == null ? local
          : new Attempts(stored.failures(), local == null ? 0 : local.checking(), stored.lockedUntil());
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
  private void leave(Cache<String, Attempts> counters, String kind, String key, boolean failure, int limit, Instant now) {
    if (shared != null) {
      SignInFailures.Counter counted = failure ? shared.fail(kind + key, limit, lockout, now) : null;
      counters.asMap().computeIfPresent(key, (k, entry) -> tidy(counted == null
          ? new Attempts(entry.failures(), Math.max(0, entry.checking() - 1), entry.lockedUntil())
          : new Attempts(counted.failures(), Math.max(0, entry.checking() - 1), counted.lockedUntil())));
      return;
    }
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

  /** The shared counter of this key, as an entry with no attempt being checked. */
  private Attempts stored(String key) {
    SignInFailures.Counter counter = shared.find(key, lockout, clock.instant());
    return new Attempts(counter.failures(), 0, counter.lockedUntil());
  }

  /** Every node removes the shared counters that count nothing any more (several nodes doing so is harmless). */
  @Scheduled(initialDelay = 300_000, fixedDelay = 600_000)
  void purgeShared() {
    if (shared != null) {
      shared.purge(lockout, clock.instant());
    }
  }

  private Optional<Instant> locked(Attempts entry) {
    return entry == null || !entry.locks(clock.instant()) ? Optional.empty() : Optional.of(entry.lockedUntil());
  }

  /** Usernames are compared without case, as accounts are found. */
  /**
   * The counter's key of a username: the name in lower case, or, for a name longer than any account's
   * ({@link #LONGEST_KEPT}), its SHA-256 in hex. Every name still has a counter of its own, and a key
   * always fits the shared counters' column (400 characters): a name of thousands was a server error.
   */
  static String key(String username) {
    if (username == null) {
      return "";
    }
    String lower = username.toLowerCase(Locale.ROOT);
    return lower.length() <= LONGEST_KEPT ? lower : "sha256:" + AccessTokens.hash(lower);
  }
}
