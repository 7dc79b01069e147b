package org.plenary.pdf;

import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/** Starts PDF documents; see {@link PdfComposer}. */
@Component
public class PdfRenderer {

  /** Read at the first document, not at start-up: the fonts are megabytes to read and parse. */
  private final SingletonSupplier<PdfFonts> fonts = SingletonSupplier.of(PdfFonts::new);

  /** A new A4 document with this title (also its metadata title). */
  public PdfComposer compose(String title) {
    return new PdfComposer(fonts.obtain(), title);
  }
}
