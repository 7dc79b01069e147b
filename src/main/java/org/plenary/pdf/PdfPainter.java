package org.plenary.pdf;

import static org.plenary.pdf.PdfComposer.MARGIN;
import static org.plenary.pdf.PdfComposer.WIDTH;

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
import org.plenary.pdf.PdfComposer.Line;
import org.plenary.pdf.PdfComposer.Run;

/**
 * Paints laid-out lines onto A4 pages. Each line is put in visual order first ({@link BidiLine});
 * a line whose base direction is right to left is aligned right. Each character is drawn with the
 * first face that has it: bold (where asked) or regular DejaVu Sans, then Droid Sans Fallback, else
 * '?'. Fonts are embedded as subsets without glyph substitution ({@link PdfFonts}), and where shaped
 * glyphs were drawn the ToUnicode maps are replaced ({@link ToUnicode}), so the extracted text is
 * the text given, in logical order.
 */
final class PdfPainter {

  private enum Face { REGULAR, BOLD, CJK }

  private record Piece(String text, Face face) {}

  private final PdfFonts fonts;
  private final String title;
  private final boolean cjk;

  PdfPainter(PdfFonts fonts, String title, boolean cjk) {
    this.fonts = fonts;
    this.title = title;
    this.cjk = cjk;
  }

  byte[] paint(List<Line> lines) {
    var regularFile = PdfFonts.withoutSubstitution(fonts.regular);
    var boldFile = PdfFonts.withoutSubstitution(fonts.bold);
    var cjkFile = cjk ? PdfFonts.withoutSubstitution(fonts.cjk) : null;
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
        if (line.newPage() && content != null) {
          content.close();
          content = null;
          continue;
        }
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
        paintLine(content, line, y, faces, toUnicode);
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

  /** Paints one line at height {@code y}: left-aligned, or right-aligned when its base direction is right to left. */
  private void paintLine(PDPageContentStream content, Line line, float y, EnumMap<Face, PDType0Font> faces,
      ToUnicode toUnicode) throws IOException {
    var visual = BidiLine.of(line.runs());
    var pieces = visual.runs().stream().flatMap(run -> byFont(run).stream()).toList();
    float width = 0;
    for (Piece piece : pieces) {
      width += faces.get(piece.face()).getStringWidth(piece.text()) / 1000 * line.size();
    }
    float x = visual.rightToLeft() ? MARGIN + Math.max(0, WIDTH - width) : MARGIN + line.indent();
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

  /**
   * Splits a run where the face must change: bold where bold has the glyph, else regular, else CJK, else '?'. A
   * character no face has but whose compatibility form they have is drawn as that form: a Kangxi radical (U+2F08 ⼈)
   * as its ideograph (人), a CJK compatibility ideograph (U+F900 豈) as its unified one, a full-width or circled
   * letter as the letter.
   */
  private List<Piece> byFont(Run run) {
    var pieces = new ArrayList<Piece>();
    var piece = new StringBuilder();
    Face current = null;
    String text = drawable(run.text());
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      boolean bold = run.bold() && fonts.boldCovers(c);
      Face face = bold ? Face.BOLD : fonts.latinCovers(c) ? Face.REGULAR : fonts.cjkCovers(c) ? Face.CJK
          : run.bold() ? Face.BOLD : Face.REGULAR;
      int drawn = bold || face != Face.BOLD && (face == Face.CJK || fonts.latinCovers(c)) ? c : '?';
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

  /** The text with each character no face has replaced by its compatibility form (NFKC) where the faces have all of that. */
  private String drawable(String text) {
    if (text.codePoints().allMatch(this::covered)) {
      return text;
    }
    var out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> {
      String form = java.text.Normalizer.normalize(Character.toString(c), java.text.Normalizer.Form.NFKC);
      out.append(!covered(c) && form.codePoints().allMatch(this::covered) ? form : Character.toString(c));
    });
    return out.toString();
  }

  private boolean covered(int c) {
    return fonts.latinCovers(c) || fonts.cjkCovers(c);
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
}
