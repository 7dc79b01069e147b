package org.plenary.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plenary.shared.ServerBusy;

/** At most so many documents are painted at once; one more waits, and past the wait is refused as busy. */
class PdfRendererTests {

  private final ExecutorService painters = Executors.newCachedThreadPool();
  private final CountDownLatch finish = new CountDownLatch(1);

  @AfterEach
  void stop() {
    finish.countDown();
    painters.shutdownNow();
  }

  @Test
  void aDocumentWaitsForAFreePlaceAndIsRefusedAsBusyWhenNoneCameWithinTheWait() throws Exception {
    var renderer = new PdfRenderer(2, Duration.ofMillis(300));
    Future<byte[]> first = hold(renderer);
    Future<byte[]> second = hold(renderer);

    long start = System.nanoTime();
    assertThatThrownBy(() -> renderer.compose("Hotel form").paragraph("Hotel Royal").toBytes())
        .isInstanceOf(ServerBusy.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("it waited before refusing").isGreaterThanOrEqualTo(Duration.ofMillis(250));

    finish.countDown();
    assertThat(first.get(10, TimeUnit.SECONDS)).isNotNull();
    assertThat(second.get(10, TimeUnit.SECONDS)).isNotNull();
    assertThat(renderer.compose("Hotel form").paragraph("Hotel Royal").toBytes()).startsWith("%PDF".getBytes());
  }

  @Test
  void aDocumentWaitingForAPlaceGetsItWhenOneIsFreedWithinTheWait() throws Exception {
    var renderer = new PdfRenderer(1, Duration.ofSeconds(20));
    Future<byte[]> held = hold(renderer);
    Future<byte[]> waiting = painters.submit(() -> renderer.compose("Hotel form").toBytes());
    Thread.sleep(200);
    assertThat(waiting).as("painted while the only place is taken").isNotDone();
    finish.countDown();
    assertThat(held.get(10, TimeUnit.SECONDS)).isNotNull();
    assertThat(waiting.get(10, TimeUnit.SECONDS)).startsWith("%PDF".getBytes());
  }

  @Test
  void refusesNegativeBounds() {
    assertThatThrownBy(() -> new PdfRenderer(-1, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PdfRenderer(1, Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
  }

  /** A painting that keeps its place until the test lets it finish; returns once it holds the place. */
  private Future<byte[]> hold(PdfRenderer renderer) throws InterruptedException {
    return hold(renderer, painters, finish);
  }

  static Future<byte[]> hold(PdfRenderer renderer, ExecutorService painters, CountDownLatch finish) throws InterruptedException {
    var placed = new CountDownLatch(1);
    Future<byte[]> painting = painters.submit(() -> renderer.paint(() -> {
      placed.countDown();
      try {
        finish.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new byte[0];
    }));
    assertThat(placed.await(10, TimeUnit.SECONDS)).as("the painting got its place").isTrue();
    return painting;
  }
}
