package org.plenary.pdf;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.plenary.shared.ServerBusy;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * Starts PDF documents; see {@link PdfComposer}. Painting a document is the costliest thing a reader
 * without an account can ask for (the hotel form), so at most {@code plenary.pdf.max-concurrent} are
 * painted at once (by default half the processors, at least one): a flood of PDF requests queues
 * behind them, leaving the other processors to every other request, and one that waited
 * {@code plenary.pdf.max-wait} in vain is answered "busy, try again" ({@link ServerBusy}). A stranger's
 * document (a request signed in as no one) gets a place only when no one else's is waiting
 * ({@link PaintingPlaces}): a flood of hotel forms cannot delay a circular being issued or a delegate's letter.
 */
@Component
public class PdfRenderer {

  /** Read at the first document, not at start-up: the fonts are megabytes to read and parse. */
  private final SingletonSupplier<PdfFonts> fonts = SingletonSupplier.of(PdfFonts::new);
  private final PaintingPlaces painting;
  private final Duration maxWait;

  @Autowired
  public PdfRenderer(@Value("${plenary.pdf.max-concurrent:0}") int maxConcurrent,
      @Value("${plenary.pdf.max-wait:10s}") Duration maxWait) {
    if (maxConcurrent < 0 || maxWait.isNegative()) {
      throw new IllegalArgumentException("plenary.pdf.max-concurrent and plenary.pdf.max-wait cannot be negative");
    }
    this.painting = new PaintingPlaces(maxConcurrent > 0 ? maxConcurrent : Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
    this.maxWait = maxWait;
  }

  /** The defaults, for code outside a Spring context. */
  public PdfRenderer() {
    this(0, Duration.ofSeconds(10));
  }

  /** A new A4 document with this title (also its metadata title), its labels joined to their values as {@code words}' language does. */
  public PdfComposer compose(String title, PdfWords words) {
    return new PdfComposer(this, title, words);
  }

  PdfFonts fonts() {
    return fonts.obtain();
  }

  /** Paints a document once a painting place is free; {@link ServerBusy} when none was within the wait. */
  byte[] paint(java.util.function.Supplier<byte[]> document) {
    boolean placed;
    try {
      placed = painting.take(forStranger(), maxWait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServerBusy("PDF painting interrupted while waiting", e);
    }
    if (!placed) {
      throw new ServerBusy("no PDF painting place within " + maxWait, null);
    }
    try {
      return document.get();
    } finally {
      painting.give();
    }
  }

  /** Whether the document is asked for in a web request of no one signed in (not the application's own work). */
  private static boolean forStranger() {
    if (org.springframework.web.context.request.RequestContextHolder.getRequestAttributes() == null) {
      return false;
    }
    var who = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
    return who == null || !who.isAuthenticated()
        || who instanceof org.springframework.security.authentication.AnonymousAuthenticationToken;
  }
}
