package org.plenary.contribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SharedReadTests {

  @Test
  void aCallerAloneReadsEachTime() {
    var reads = new AtomicLong();
    var shared = new SharedRead(reads::incrementAndGet);
    assertThat(shared.get()).isEqualTo(1);
    assertThat(shared.get()).isEqualTo(2);
    assertThat(shared.get()).isEqualTo(3);
  }

  @Test
  void aCallerNeverGetsTheAnswerOfAReadThatStartedBeforeItAskedAndLaterCallersShareOneRead() throws Exception {
    var reads = new AtomicLong();
    var firstStarted = new CountDownLatch(1);
    var releaseFirst = new CountDownLatch(1);
    var shared = new SharedRead(() -> {
      long n = reads.incrementAndGet();
      if (n == 1) {
        firstStarted.countDown();
        await(releaseFirst);
      }
      return n;
    });
    ExecutorService pool = Executors.newFixedThreadPool(9);
    try {
      Future<Long> first = pool.submit(shared::get);
      assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
      // Eight callers ask while read 1 runs: read 1 may predate what they must see, so they share read 2.
      var later = new java.util.ArrayList<Future<Long>>();
      for (int i = 0; i < 8; i++) {
        later.add(pool.submit(shared::get));
      }
      Thread.sleep(200);
      releaseFirst.countDown();
      assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
      for (Future<Long> f : later) {
        assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo(2);
      }
      assertThat(reads.get()).isEqualTo(2);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFailedReadIsThrownAsItWasAndTheNextCallerReadsAgain() {
    var reads = new AtomicLong();
    var shared = new SharedRead(() -> {
      if (reads.incrementAndGet() == 1) {
        throw new IllegalStateException("database away");
      }
      return 7;
    });
    assertThatThrownBy(shared::get).isExactlyInstanceOf(IllegalStateException.class).hasMessage("database away");
    assertThat(shared.get()).isEqualTo(7);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
