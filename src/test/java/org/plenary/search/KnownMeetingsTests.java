package org.plenary.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Searches never wait for the list of meetings once it has been read, except after a long quiet time. */
class KnownMeetingsTests {

  private final AtomicLong now = new AtomicLong(1_000_000);
  private final Clock clock = new Clock() {
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    public Clock withZone(ZoneId zone) {
      return this;
    }

    public Instant instant() {
      return Instant.ofEpochMilli(now.get());
    }
  };
  private final AtomicInteger reads = new AtomicInteger();

  private Supplier<KnownMeetings.Snapshot> counting(CountDownLatch released) {
    return () -> {
      int n = reads.incrementAndGet();
      try {
        if (n > 1) {
          assertThat(released.await(10, TimeUnit.SECONDS)).isTrue();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new KnownMeetings.Snapshot(List.of(), Map.of("read", Integer.toString(n)), now.get());
    };
  }

  @Test
  void aStaleListIsServedWhileOneBackgroundReadReplacesIt() throws Exception {
    CountDownLatch released = new CountDownLatch(1);
    KnownMeetings known = new KnownMeetings(counting(released), clock);
    assertThat(known.current().labels()).containsEntry("read", "1");
    now.addAndGet(4_000);
    assertThat(known.current().labels()).containsEntry("read", "1");
    assertThat(reads).hasValue(1);

    now.addAndGet(2_000);
    // The read in the background is held: every search meanwhile answers at once, with the list kept.
    for (int i = 0; i < 20; i++) {
      assertThat(known.current().labels()).containsEntry("read", "1");
    }
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (reads.get() < 2 && System.nanoTime() < end) {
      Thread.sleep(5);
    }
    assertThat(reads).as("one read in the background, not one per search").hasValue(2);
    released.countDown();
    while (!known.current().labels().get("read").equals("2") && System.nanoTime() < end) {
      Thread.sleep(5);
    }
    assertThat(known.current().labels()).containsEntry("read", "2");
    assertThat(reads).hasValue(2);
  }

  @Test
  void afterALongQuietTimeTheSearchWaitsForAFreshList() {
    CountDownLatch released = new CountDownLatch(0);
    KnownMeetings known = new KnownMeetings(counting(released), clock);
    known.current();
    now.addAndGet(KnownMeetings.WAIT_AFTER.toMillis());
    assertThat(known.current().labels()).containsEntry("read", "2");
    assertThat(reads).hasValue(2);
  }

  @Test
  void aFailedBackgroundReadKeepsTheListAndIsTriedAgain() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    KnownMeetings known = new KnownMeetings(() -> {
      if (attempts.incrementAndGet() == 2) {
        throw new IllegalStateException("database away");
      }
      return new KnownMeetings.Snapshot(List.of(), Map.of("read", Integer.toString(attempts.get())), now.get());
    }, clock);
    known.current();
    now.addAndGet(6_000);
    assertThat(known.current().labels()).containsEntry("read", "1");
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (attempts.get() < 2 && System.nanoTime() < end) {
      Thread.sleep(5);
    }
    Thread.sleep(50);
    assertThat(known.current().labels()).containsEntry("read", "1");
    while (!known.current().labels().get("read").equals("3") && System.nanoTime() < end) {
      Thread.sleep(5);
    }
    assertThat(known.current().labels()).containsEntry("read", "3");
  }
}
