package org.plenary.web;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.plenary.shared.ClientNetworks;
import org.plenary.shared.VenueAddresses;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Bounds the requests whose body is still coming. Tomcat reads a body (an upload, a form, a JSON body) on a thread of
 * its pool, blocking, and a client that sends a byte every few seconds never trips the read timeout, which each byte
 * starts again: 300 such connections from one address held every thread, and the server answered nobody (slowloris;
 * headers alone hold no thread, Tomcat's poller waits for them). So while {@code plenary.http.max-body-reads-per-client}
 * requests of one client (an IPv4 address, an IPv6 /64, as the FTP gateway counts them), or {@code
 * plenary.http.max-body-reads} of all clients, wait for their bodies, its next request with a body is refused at once
 * with 503, {@code Retry-After} and a sentence, before a byte of its body is read, and its connection is closed without reading the
 * rest (Tomcat would otherwise swallow it, a byte every few seconds, on the thread this is to spare). The threads left
 * over always serve pages, downloads and requests without a body. An honest upload, however slow and large, is never
 * cut: one past the bound is refused before it starts, and sent again. A valve of the context: it runs before every
 * filter (Spring Security's CSRF check reads a form's body), after the engine's {@code RemoteIpValve}: behind a proxy
 * with {@code server.forward-headers-strategy=native} a client is the address the proxy names; without it every
 * request's client is the proxy, and the per-client bound is set to 0 (none).
 */
@Component
class BodyReadGate extends ValveBase implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

  private final int perClient;
  private final int total;
  private final ObjectProvider<Problems> problems;
  /** The requests with a body in progress, each with its client. */
  private final Map<org.apache.coyote.Request, String> inFlight = new ConcurrentHashMap<>();

  /** The meeting venue's shared addresses: only the total bounds their delegates' bodies. */
  private final VenueAddresses venue;

  BodyReadGate(@Value("${plenary.http.max-body-reads-per-client:16}") int perClient,
      @Value("${plenary.http.max-body-reads:100}") int total, ObjectProvider<Problems> problems,
      @Value("${plenary.venue-addresses:}") String venueAddresses) {
    super(true);
    this.venue = VenueAddresses.parse(venueAddresses);
    this.perClient = perClient;
    this.total = total;
    this.problems = problems;
  }

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    factory.addContextValves(this);
  }

  @Override
  public void invoke(Request request, Response response) throws IOException, ServletException {
    if (request.getContentLengthLong() <= 0 && request.getHeader("Transfer-Encoding") == null) {
      getNext().invoke(request, response);
      return;
    }
    String client = ClientNetworks.of(request.getRemoteAddr());
    org.apache.coyote.Request body = request.getCoyoteRequest();
    // Counted and entered at once: requests arriving together never all find the same room.
    synchronized (inFlight) {
      if (!admitted(client, venue.contains(request.getRemoteAddr()))) {
        body = null;
      } else {
        inFlight.put(body, client);
      }
    }
    if (body == null) {
      refuse(request, response);
      return;
    }
    try {
      getNext().invoke(request, response);
    } finally {
      inFlight.remove(body);
    }
  }

  /** Whether a new request of {@code client} may be read: its own, and everyone's, bodies still coming are under the bounds. */
  private boolean admitted(String client, boolean atVenue) {
    int ofClient = 0;
    int all = 0;
    for (var each : inFlight.entrySet()) {
      if (stillComing(each.getKey())) {
        all++;
        if (each.getValue().equals(client)) {
          ofClient++;
        }
      }
    }
    return (perClient <= 0 || atVenue || ofClient < perClient) && (total <= 0 || all < total);
  }

  /**
   * Whether a request's body is still coming over the network: not all read, and what is left not already in
   * Tomcat's buffer. A form or a JSON body arrives with its headers and is never counted, however many come at
   * once; a slow body is, from its first byte; a chunked one, whose length is unknown, while its request lasts.
   * Read from another thread than the request's: a stale value only moves the bound by a request.
   */
  private static boolean stillComing(org.apache.coyote.Request request) {
    try {
      long length = request.getContentLengthLong();
      if (length < 0) {
        return true;
      }
      long left = length - request.getBytesRead();
      return left > 0 && left > request.getInputBuffer().available();
    } catch (RuntimeException recycled) {
      return false;
    }
  }

  private void refuse(Request request, Response response) throws IOException {
    BusyAnswer.refuse(request, response, problems.getObject(), "web.problem.body.busy");
  }
}
