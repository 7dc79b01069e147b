package org.plenary.web;

import jakarta.annotation.PreDestroy;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.plenary.shared.ClientNetworks;
import org.plenary.shared.VenueAddresses;
import org.plenary.shared.ConnectionSocket;
import org.plenary.shared.SentBytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Bounds the responses a slow reader holds. A response is written on a thread of Tomcat's pool (a folder's ZIP, a
 * file from the S3 store, any body not handed to Tomcat's own sendfile), blocking while the client's socket is full,
 * and Tomcat's write timeout starts again at each byte the client takes: 250 connections from one address reading a
 * byte a second held all 200 threads, and the home page went unanswered ({@code bench/slowread.py}). So, as Kestrel's
 * minimum response data rate: a response that, once begun, sent less than {@code plenary.http.min-response-rate} bytes
 * a second over the last {@code plenary.http.min-response-rate-window} is cut (its connection closed at once, a line
 * at INFO); and while {@code plenary.http.max-slow-responses-per-client} responses of one client (an IPv4 address, an
 * IPv6 /64) have been written for longer than that window, or {@code plenary.http.max-slow-responses} of all clients
 * and one of its own, the client's next request is refused with 503, {@code Retry-After} and a sentence. Only long responses count: many
 * quick ones at once (a client fetching small files over 64 connections) are never refused. A download cut is a
 * read only; the server keeps nothing of it. A context valve, after the engine's {@code RemoteIpValve}, as
 * {@link BodyReadGate}: behind a proxy without {@code server.forward-headers-strategy=native} set the per-client
 * bound to 0.
 */
@Component
class SlowReaderGate extends ValveBase implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

  private static final Logger log = LoggerFactory.getLogger(SlowReaderGate.class);

  private final long minRate;
  private final int window;
  private final int perClient;
  private final int total;
  private final ObjectProvider<Problems> problems;
  /** The meeting venue's shared addresses: only the total bounds their delegates' long responses. */
  private final VenueAddresses venue;
  private final Map<org.apache.coyote.Request, Held> held = new ConcurrentHashMap<>();
  private final ScheduledExecutorService ticker;
  /** Responses written longer than the window, by client, and of all: counted at each tick. */
  private volatile Map<String, Integer> longByClient = Map.of();
  private volatile int longOfAll;

  SlowReaderGate(@Value("${plenary.http.min-response-rate:240}") long minRate,
      @Value("${plenary.http.min-response-rate-window:5s}") Duration window,
      @Value("${plenary.http.max-slow-responses-per-client:16}") int perClient,
      @Value("${plenary.http.max-slow-responses:80}") int total, ObjectProvider<Problems> problems,
      @Value("${plenary.venue-addresses:}") String venueAddresses) {
    super(true);
    this.venue = VenueAddresses.parse(venueAddresses);
    this.minRate = minRate;
    this.window = (int) Math.max(1, window.toSeconds());
    this.perClient = perClient;
    this.total = total;
    this.problems = problems;
    this.ticker = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("plenary-slow-readers")
        .factory());
    ticker.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
  }

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    factory.addContextValves(this);
  }

  @PreDestroy
  void stopTicking() {
    ticker.shutdownNow();
  }

  @Override
  public void invoke(Request request, Response response) throws IOException, ServletException {
    String client = ClientNetworks.of(request.getRemoteAddr());
    int ofClient = longByClient.getOrDefault(client, 0);
    // Past the total, only clients already holding a long response are refused: the others still get pages.
    if (perClient > 0 && ofClient >= perClient && !venue.contains(request.getRemoteAddr()) || total > 0 && ofClient > 0 && longOfAll >= total) {
      BusyAnswer.refuse(request, response, problems.getObject(), "web.problem.response.busy");
      return;
    }
    Held entry = new Held(request, client, new AtomicLong(), new long[window + 1]);
    request.setAttribute(SentBytes.ATTRIBUTE, entry.sent);
    org.apache.coyote.Request key = request.getCoyoteRequest();
    held.put(key, entry);
    try {
      getNext().invoke(request, response);
    } finally {
      held.remove(key);
    }
  }

  /** Once a second: samples what each response sent, cuts those below the rate, counts the long ones. */
  private void tick() {
    try {
      var byClient = new HashMap<String, Integer>();
      int all = 0;
      long now = System.nanoTime();
      for (var each : held.entrySet()) {
        Held entry = each.getValue();
        org.apache.coyote.Response coyote;
        long sent;
        long since;
        try {
          coyote = entry.request.getCoyoteRequest().getResponse();
          if (!coyote.isCommitted()) {
            continue;
          }
          since = now - coyote.getCommitTimeNanos();
          sent = coyote.getBytesWritten(false) + entry.sent.get();
        } catch (RuntimeException recycled) {
          continue;
        }
        int ticks = entry.ticks++;
        long before = entry.samples[ticks % entry.samples.length];
        entry.samples[ticks % entry.samples.length] = sent;
        if (since < TimeUnit.SECONDS.toNanos(window)) {
          continue;
        }
        byClient.merge(entry.client, 1, Integer::sum);
        all++;
        if (minRate > 0 && ticks > window && !entry.cut && sent - before < minRate * window) {
          cut(each.getKey(), entry, sent - before);
        }
      }
      longByClient = byClient;
      longOfAll = all;
    } catch (RuntimeException unexpected) {
      log.warn("Slow readers were not checked this second", unexpected);
    }
  }

  /** Closes the connection of a response too slowly read; the thread writing it then gets an error and ends. */
  private void cut(org.apache.coyote.Request key, Held entry, long bytes) {
    SocketChannel socket = ConnectionSocket.of(key).map(ConnectionSocket::channel).orElse(null);
    // The socket found is this response's only while the request is still held by its thread.
    if (socket == null || held.get(key) != entry) {
      return;
    }
    entry.cut = true;
    log.info("Closed the connection of a slow reader of {} (client {}): {} bytes sent in the last {} s, under {} a second",
        entry.request.getRequestURI(), entry.client, bytes, window, minRate);
    try {
      // Reset rather than a FIN behind the unread bytes: nothing stays queued for a reader that does not read.
      socket.setOption(StandardSocketOptions.SO_LINGER, 0);
      // A shut-down socket is writable at once: the thread waiting to write wakes, fails and ends the request.
      socket.shutdownOutput();
    } catch (IOException | RuntimeException e) {
      log.debug("A slow reader's connection could not be closed", e);
    }
  }

  /** A request on a thread: its client, what was sent past Tomcat's stream, samples of what it sent each second. */
  private static final class Held {
    final Request request;
    final String client;
    final AtomicLong sent;
    final long[] samples;
    int ticks;
    boolean cut;

    Held(Request request, String client, AtomicLong sent, long[] samples) {
      this.request = request;
      this.client = client;
      this.sent = sent;
      this.samples = samples;
    }
  }
}
