package org.plenary.shared;

import jakarta.servlet.ServletRequest;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes a response sent to its socket past the web server's own stream (sendfile straight to the socket), told
 * to the web server's slow-reader bound, which sees only what went through the stream: without them a fast
 * download sent that way would look like one that sends nothing.
 */
public final class SentBytes {

  /** The request attribute holding the response's counter, when the bound is on. */
  public static final String ATTRIBUTE = "org.plenary.shared.SentBytes";

  private SentBytes() {
  }

  /** Adds {@code bytes} to what {@code request}'s response sent, when anyone counts them. */
  public static void add(ServletRequest request, long bytes) {
    if (request.getAttribute(ATTRIBUTE) instanceof AtomicLong sent) {
      sent.addAndGet(bytes);
    }
  }
}
