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
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

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
    assertThatThrownBy(() -> renderer.compose("Hotel form", PdfText.words(java.util.Locale.ENGLISH)).paragraph("Hotel Royal").toBytes())
        .isInstanceOf(ServerBusy.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("it waited before refusing").isGreaterThanOrEqualTo(Duration.ofMillis(250));

    finish.countDown();
    assertThat(first.get(10, TimeUnit.SECONDS)).isNotNull();
    assertThat(second.get(10, TimeUnit.SECONDS)).isNotNull();
    assertThat(renderer.compose("Hotel form", PdfText.words(java.util.Locale.ENGLISH)).paragraph("Hotel Royal").toBytes()).startsWith("%PDF".getBytes());
  }

  @Test
  void aDocumentWaitingForAPlaceGetsItWhenOneIsFreedWithinTheWait() throws Exception {
    var renderer = new PdfRenderer(1, Duration.ofSeconds(20));
    Future<byte[]> held = hold(renderer);
    Future<byte[]> waiting = painters.submit(() -> renderer.compose("Hotel form", PdfText.words(java.util.Locale.ENGLISH)).toBytes());
    Thread.sleep(200);
    assertThat(waiting).as("painted while the only place is taken").isNotDone();
    finish.countDown();
    assertThat(held.get(10, TimeUnit.SECONDS)).isNotNull();
    assertThat(waiting.get(10, TimeUnit.SECONDS)).startsWith("%PDF".getBytes());
  }

  @Test
  void aStrangersDocumentWaitsBehindEveryOneOfTheGroupsOwn() throws Exception {
    var renderer = new PdfRenderer(1, Duration.ofSeconds(20));
    Future<byte[]> held = hold(renderer);
    var painted = new java.util.concurrent.ConcurrentLinkedQueue<String>();
    Future<byte[]> stranger = painters.submit(() -> {
      // A web request of no one signed in, as a hotel form asked for without an account.
      RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
      try {
        return renderer.paint(() -> {
          painted.add("stranger");
          return new byte[0];
        });
      } finally {
        RequestContextHolder.resetRequestAttributes();
      }
    });
    Thread.sleep(200);
    // The application's own work (a circular being issued), asked for after the stranger's.
    Future<byte[]> circular = painters.submit(() -> renderer.paint(() -> {
      painted.add("circular");
      return new byte[0];
    }));
    Thread.sleep(200);
    assertThat(painted).as("nothing painted while the only place is taken").isEmpty();
    finish.countDown();
    held.get(10, TimeUnit.SECONDS);
    circular.get(10, TimeUnit.SECONDS);
    stranger.get(10, TimeUnit.SECONDS);
    assertThat(painted).containsExactly("circular", "stranger");
  }

  @Test
  void aStrangerIsServedOnceTheMembersAheadOfItAreServedOrGaveUp() throws Exception {
    var places = new PaintingPlaces(1);
    assertThat(places.take(false, 1, TimeUnit.SECONDS)).isTrue();
    Future<Boolean> stranger = painters.submit(() -> places.take(true, 20, TimeUnit.SECONDS));
    Future<Boolean> impatient = painters.submit(() -> places.take(false, 200, TimeUnit.MILLISECONDS));
    assertThat(impatient.get(10, TimeUnit.SECONDS)).as("a member whose wait ran out").isFalse();
    assertThat(stranger).isNotDone();
    Future<Boolean> member = painters.submit(() -> places.take(false, 20, TimeUnit.SECONDS));
    Thread.sleep(100);
    places.give();
    assertThat(member.get(10, TimeUnit.SECONDS)).as("the member waiting gets the place first").isTrue();
    assertThat(stranger).isNotDone();
    places.give();
    assertThat(stranger.get(10, TimeUnit.SECONDS)).as("then the stranger").isTrue();
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
