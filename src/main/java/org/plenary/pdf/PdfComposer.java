package org.plenary.pdf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Lays out a simple A4 document top to bottom: a title, headings, wrapped paragraphs, labelled
 * fields and lines left blank to fill in by hand. Text is drawn with DejaVu Sans, and characters it
 * lacks (Chinese, Japanese, Korean) with Droid Sans Fallback; control characters become spaces.
 * Arabic is shaped and right-to-left text put in visual order ({@link BidiLine}); a line whose
 * base direction is right to left is aligned right. The text extracted from the PDF is the text
 * given here, in logical order, with no ligature glyphs ({@link PdfFonts}, {@link ToUnicode}).
 */
public final class PdfComposer {

  private static final float MARGIN = 56;
  private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;

  record Run(String text, boolean bold) {}

  private enum Face { REGULAR, BOLD, CJK }

  private record Piece(String text, Face face) {}

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
    var regularFile = PdfFonts.withoutSubstitution(fonts.regular);
    var boldFile = PdfFonts.withoutSubstitution(fonts.bold);
    var cjkFile = needsCjk() ? PdfFonts.withoutSubstitution(fonts.cjk) : null;
    try (var document = new PDDocument(); regularFile; boldFile) {
      document.getDocumentInformation().setTitle(title);
      document.getDocumentInformation().setProducer("Plenary");
      var faces = new EnumMap<Face, PDType0Font>(Face.class);
      faces.put(Face.REGULAR, PDType0Font.load(document, regularFile, true));
      faces.put(Face.BOLD, PDType0Font.load(document, boldFile, true));
      if (cjkFile != null) {
        faces.put(Face.CJK, PDType0Font.load(document, cjkFile, true));
      }
      var toUnicode = new ToUnicode();
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
        var visual = BidiLine.of(line.runs());
        var pieces = visual.runs().stream().flatMap(run -> byFont(run).stream()).toList();
        float width = 0;
        for (Piece piece : pieces) {
          width += faces.get(piece.face()).getStringWidth(piece.text()) / 1000 * line.size();
        }
        float x = visual.rightToLeft() ? MARGIN + Math.max(0, WIDTH - width) : MARGIN;
        for (Piece piece : pieces) {
          PDType0Font font = faces.get(piece.face());
          content.beginText();
          content.setFont(font, line.size());
          content.newLineAtOffset(x, y);
          content.showText(piece.text());
          content.endText();
          toUnicode.drawn(font, piece.text());
          x += font.getStringWidth(piece.text()) / 1000 * line.size();
        }
      }
      if (content != null) {
        content.close();
      }
      if (toUnicode.needed()) {
        // The first save subsets the fonts and writes PDFBox's ToUnicode maps, which name the shaped
        // forms themselves; ours, giving the plain letters, replace them before the real save.
        document.save(OutputStream.nullOutputStream());
        toUnicode.apply(document);
      }
      var out = new ByteArrayOutputStream();
      document.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      closeQuietly(cjkFile);
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

  /** Splits a run where the face must change: bold where bold has the glyph, else regular, else CJK, else '?'. */
  private List<Piece> byFont(Run run) {
    var pieces = new ArrayList<Piece>();
    var piece = new StringBuilder();
    Face current = null;
    for (int i = 0; i < run.text().length(); ) {
      int c = run.text().codePointAt(i);
      i += Character.charCount(c);
      Face face = run.bold() && fonts.boldCovers(c) ? Face.BOLD
          : fonts.latinCovers(c) ? Face.REGULAR : fonts.cjkCovers(c) ? Face.CJK : run.bold() ? Face.BOLD : Face.REGULAR;
      int drawn = face == Face.CJK || fonts.latinCovers(c) ? c : '?';
      if (current != null && current != face) {
        pieces.add(new Piece(piece.toString(), current));
        piece.setLength(0);
      }
      piece.appendCodePoint(drawn);
      current = face;
    }
    if (piece.length() > 0) {
      pieces.add(new Piece(piece.toString(), current));
    }
    return pieces;
  }

  private static void closeQuietly(TrueTypeFont font) {
    if (font != null) {
      try {
        font.close();
      } catch (IOException ignored) {
        // An in-memory font; nothing is left open.
      }
    }
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
