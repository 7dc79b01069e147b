package org.plenary.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;

/** The font files, parsed once: DejaVu Sans (regular, bold) and Droid Sans Fallback for CJK. */
final class PdfFonts {

  final byte[] regular = read("fonts/DejaVuSans.ttf");
  final byte[] bold = read("fonts/DejaVuSans-Bold.ttf");
  final byte[] cjk = read("fonts/DroidSansFallback.ttf");
  private final TrueTypeFont regularMetrics = parse(regular);
  private final TrueTypeFont cjkMetrics = parse(cjk);

  /** Whether DejaVu draws the character; otherwise the CJK fallback is used. */
  boolean latinCovers(int codePoint) {
    return covers(regularMetrics, codePoint);
  }

  boolean cjkCovers(int codePoint) {
    return covers(cjkMetrics, codePoint);
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
