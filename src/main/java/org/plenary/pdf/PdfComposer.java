package org.plenary.pdf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Lays out a simple A4 document top to bottom: a title, headings, wrapped paragraphs, labelled
 * fields and lines left blank to fill in by hand. Text is drawn with DejaVu Sans, and characters it
 * lacks (Chinese, Japanese, Korean) with Droid Sans Fallback; control characters become spaces.
 */
public final class PdfComposer {

  private static final float MARGIN = 56;
  private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;

  private record Run(String text, boolean bold) {}

  private record Line(List<Run> runs, float size, float gapBefore) {}

  private final PdfFonts fonts;
  private final String title;
  private final List<Line> lines = new ArrayList<>();

  PdfComposer(PdfFonts fonts, String title) {
    this.fonts = fonts;
    this.title = clean(title);
    wrap(List.of(new Run(this.title, true)), 16, 0);
  }

  public PdfComposer heading(String text) {
    wrap(List.of(new Run(clean(text), true)), 12, 10);
    return this;
  }

  public PdfComposer paragraph(String text) {
    wrap(List.of(new Run(clean(text), false)), 10.5f, 6);
    return this;
  }

  /** "Label: value", the label in bold. */
  public PdfComposer field(String label, String value) {
    wrap(List.of(new Run(clean(label) + ": ", true), new Run(clean(value == null ? "" : value), false)), 10.5f, 3);
    return this;
  }

  /** A labelled line left blank, to be filled in by hand. */
  public PdfComposer fillIn(String label) {
    wrap(List.of(new Run(clean(label) + ": ", true), new Run("_".repeat(50), false)), 10.5f, 8);
    return this;
  }

  public byte[] toBytes() {
    try (var document = new PDDocument()) {
      document.getDocumentInformation().setTitle(title);
      document.getDocumentInformation().setProducer("Plenary");
      var regular = PDType0Font.load(document, new java.io.ByteArrayInputStream(fonts.regular), true);
      var bold = PDType0Font.load(document, new java.io.ByteArrayInputStream(fonts.bold), true);
      PDFont cjk = needsCjk() ? PDType0Font.load(document, new java.io.ByteArrayInputStream(fonts.cjk), true) : null;
      PDPageContentStream content = null;
      float y = 0;
      for (Line line : lines) {
        float height = line.size() * 1.4f + line.gapBefore();
        if (content == null || y - height < MARGIN) {
          if (content != null) {
            content.close();
          }
          var page = new PDPage(PDRectangle.A4);
          document.addPage(page);
          content = new PDPageContentStream(document, page);
          y = PDRectangle.A4.getHeight() - MARGIN;
        }
        y -= height;
        float x = MARGIN;
        for (Run run : line.runs()) {
          for (Run piece : byFont(run)) {
            PDFont font = font(piece, regular, bold, cjk);
            content.beginText();
            content.setFont(font, line.size());
            content.newLineAtOffset(x, y);
            content.showText(piece.text());
            content.endText();
            x += font.getStringWidth(piece.text()) / 1000 * line.size();
          }
        }
      }
      if (content != null) {
        content.close();
      }
      var out = new ByteArrayOutputStream();
      document.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Breaks runs into lines no wider than the page, at spaces, or anywhere in CJK text. */
  private void wrap(List<Run> runs, float size, float gapBefore) {
    var line = new ArrayList<Run>();
    float width = 0;
    float gap = gapBefore;
    for (Run run : runs) {
      for (String token : tokens(run.text())) {
        float tokenWidth = width(token, size);
        if (width + tokenWidth > WIDTH && !line.isEmpty() && !token.isBlank()) {
          lines.add(new Line(List.copyOf(line), size, gap));
          line.clear();
          width = 0;
          gap = 0;
        }
        if (line.isEmpty() && token.isBlank()) {
          continue;
        }
        line.add(new Run(token, run.bold()));
        width += tokenWidth;
      }
    }
    lines.add(new Line(List.copyOf(line), size, gap));
  }

  private static List<String> tokens(String text) {
    var tokens = new ArrayList<String>();
    var word = new StringBuilder();
    text.codePoints().forEach(c -> {
      boolean cjk = Character.isIdeographic(c) || Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL
          || Character.UnicodeScript.of(c) == Character.UnicodeScript.HIRAGANA
          || Character.UnicodeScript.of(c) == Character.UnicodeScript.KATAKANA;
      if (c == ' ' || cjk) {
        if (word.length() > 0) {
          tokens.add(word.toString());
          word.setLength(0);
        }
        tokens.add(new String(Character.toChars(c)));
      } else {
        word.appendCodePoint(c);
      }
    });
    if (word.length() > 0) {
      tokens.add(word.toString());
    }
    return tokens;
  }

  /** Splits a run where the font must change, and replaces what no font draws with '?'. */
  private List<Run> byFont(Run run) {
    var pieces = new ArrayList<Run>();
    var piece = new StringBuilder();
    Boolean cjkPiece = null;
    for (int i = 0; i < run.text().length(); ) {
      int c = run.text().codePointAt(i);
      i += Character.charCount(c);
      boolean latin = fonts.latinCovers(c);
      boolean cjk = !latin && fonts.cjkCovers(c);
      int drawn = latin || cjk ? c : '?';
      boolean useCjk = cjk;
      if (cjkPiece != null && cjkPiece != useCjk) {
        pieces.add(new Run(piece.toString(), cjkPiece ? false : run.bold()));
        piece.setLength(0);
      }
      piece.appendCodePoint(drawn);
      cjkPiece = useCjk;
    }
    if (piece.length() > 0) {
      pieces.add(new Run(piece.toString(), Boolean.TRUE.equals(cjkPiece) ? false : run.bold()));
    }
    return pieces;
  }

  private PDFont font(Run piece, PDFont regular, PDFont bold, PDFont cjk) {
    int first = piece.text().codePointAt(0);
    if (cjk != null && !fonts.latinCovers(first) && fonts.cjkCovers(first)) {
      return cjk;
    }
    return piece.bold() ? bold : regular;
  }

  private boolean needsCjk() {
    return lines.stream().flatMap(l -> l.runs().stream()).anyMatch(r -> r.text().codePoints()
        .anyMatch(c -> !fonts.latinCovers(c) && fonts.cjkCovers(c)));
  }

  /** An estimate good enough to wrap by: CJK characters are one em, others about half. */
  private float width(String token, float size) {
    return (float) token.codePoints().mapToDouble(c -> fonts.latinCovers(c) ? 0.58 : 1.0).sum() * size;
  }

  private static String clean(String text) {
    return text == null ? "" : text.codePoints()
        .map(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? ' ' : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
  }
}
