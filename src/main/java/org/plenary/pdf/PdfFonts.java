package org.plenary.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;

/**
 * The font files, read once: DejaVu Sans (regular, bold) and Droid Sans Fallback for CJK.
 *
 * <p>Each document parses its own copy with glyph substitution (GSUB) switched off. PDFBox 3
 * otherwise applies a font's Latin ligatures when it writes text ("fi" becomes the glyph U+FB01),
 * and text extractors then give "conﬁrmation", which no search for "confirmation" finds. Shaping
 * that a script really needs (Arabic) is done before drawing, by {@link BidiLine}.
 */
final class PdfFonts {

  final byte[] regular = read("fonts/DejaVuSans.ttf");
  final byte[] bold = read("fonts/DejaVuSans-Bold.ttf");
  final byte[] cjk = read("fonts/DroidSansFallback.ttf");
  private final TrueTypeFont regularMetrics = parse(regular);
  private final TrueTypeFont boldMetrics = parse(bold);
  private final TrueTypeFont cjkMetrics = parse(cjk);

  /** Whether DejaVu (regular) draws the character; otherwise the CJK fallback is used. */
  boolean latinCovers(int codePoint) {
    return covers(regularMetrics, codePoint);
  }

  boolean boldCovers(int codePoint) {
    return covers(boldMetrics, codePoint);
  }

  boolean cjkCovers(int codePoint) {
    return covers(cjkMetrics, codePoint);
  }

  /** A fresh parse of the font for one document, without glyph substitution; the caller closes it. */
  static TrueTypeFont withoutSubstitution(byte[] bytes) {
    TrueTypeFont font = parse(bytes);
    font.setEnableGsub(false);
    return font;
  }

  private static boolean covers(TrueTypeFont font, int codePoint) {
    try {
      return font.getUnicodeCmapLookup().getGlyphId(codePoint) > 0;
    } catch (IOException e) {
      return false;
    }
  }

  private static byte[] read(String resource) {
    try (InputStream in = PdfFonts.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Missing font " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static TrueTypeFont parse(byte[] bytes) {
    try {
      return new TTFParser().parse(new RandomAccessReadBuffer(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
