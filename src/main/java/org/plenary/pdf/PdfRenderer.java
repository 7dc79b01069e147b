package org.plenary.pdf;

import org.springframework.stereotype.Component;

/** Starts PDF documents; see {@link PdfComposer}. */
@Component
public class PdfRenderer {

  private final PdfFonts fonts = new PdfFonts();

  /** A new A4 document with this title (also its metadata title). */
  public PdfComposer compose(String title) {
    return new PdfComposer(fonts, title);
  }
}
