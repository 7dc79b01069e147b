package org.plenary.pdf;

import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * Lays out a simple A4 document top to bottom: a title, headings, wrapped paragraphs, labelled
 * fields and lines left blank to fill in by hand; control characters become spaces. The lines are
 * painted by {@link PdfPainter}: DejaVu Sans, Droid Sans Fallback for Chinese, Japanese and Korean,
 * Arabic shaped and right-to-left text in visual order, and text that extracts as it was given.
 */
public final class PdfComposer {

  static final float MARGIN = 56;

  /**
   * First-strong isolate and pop directional isolate (Unicode bidi): a value between them keeps its
   * own direction inside a line of the other, so "2701-GVA-0001" stays in one piece in Arabic text.
   * They order the line and are never painted.
   */
  public static final String ISOLATE = "\u2068";
  public static final String END_ISOLATE = "\u2069";
  static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;

  /** Text in one style. */
  record Run(String text, boolean bold) {}

  /**
   * One line of the page: its runs in logical order, the font size, the space above it, how far it
   * is indented, and whether it starts a new page.
   */
  record Line(List<Run> runs, float size, float gapBefore, float indent, boolean newPage) {

    Line(List<Run> runs, float size, float gapBefore) {
      this(runs, size, gapBefore, 0, false);
    }
  }

  private final PdfRenderer renderer;
  private final PdfFonts fonts;
  private final String title;
  private final PdfWords words;
  private final List<Line> lines = new ArrayList<>();

  PdfComposer(PdfRenderer renderer, String title, PdfWords words) {
    this.renderer = renderer;
    this.fonts = renderer.fonts();
    this.words = words;
    // The metadata title is plain text; the painted one keeps its isolates to order its line.
    this.title = clean(title).replaceAll("[\u2066-\u2069]", "");
    wrap(List.of(new Run(clean(title), true)), 16, 0);
  }

  public PdfComposer heading(String text) {
    wrap(List.of(new Run(clean(text), true)), 12, 10);
    return this;
  }

  public PdfComposer paragraph(String text) {
    wrap(List.of(new Run(clean(text), false)), 10.5f, 6);
    return this;
  }

  /** "Label: value" as the document's language joins them ({@link PdfWords#label}), the label in bold. */
  public PdfComposer field(String label, String value) {
    wrap(List.of(new Run(words.label(clean(label)), true),
        new Run(value == null || value.isEmpty() ? "" : ISOLATE + clean(value) + END_ISOLATE, false)), 10.5f, 3);
    return this;
  }

  /** A labelled line left blank, to be filled in by hand. */
  public PdfComposer fillIn(String label) {
    wrap(List.of(new Run(words.label(clean(label)), true), new Run("_".repeat(50), false)), 10.5f, 8);
    return this;
  }

  /** A numbered paragraph ("1", "2."): the number hangs in the margin, the text wraps beside it. */
  public PdfComposer numbered(String number, String text) {
    wrap(List.of(new Run(clean(number), true)), 10.5f, 6);
    Line numberLine = lines.removeLast();
    int from = lines.size();
    wrap(List.of(new Run(clean(text), false)), 10.5f, 6, 22);
    Line first = lines.get(from);
    var runs = new ArrayList<Run>(numberLine.runs());
    runs.add(new Run("   ", false));
    runs.addAll(first.runs());
    lines.set(from, new Line(runs, first.size(), first.gapBefore(), 0, false));
    return this;
  }

  /** An item of a list, after a dash, indented. */
  public PdfComposer bullet(String text) {
    wrap(List.of(new Run("–  " + clean(text), false)), 10.5f, 3, 22);
    return this;
  }

  /** What follows starts on a new page (an annex). */
  public PdfComposer newPage() {
    lines.add(new Line(List.of(), 10.5f, 0, 0, true));
    return this;
  }

  public byte[] toBytes() {
    return renderer.paint(() -> new PdfPainter(fonts, title, needsCjk()).paint(lines));
  }

  /** Breaks runs into lines no wider than the page, at spaces, or anywhere in CJK text. */
  private void wrap(List<Run> runs, float size, float gapBefore) {
    wrap(runs, size, gapBefore, 0);
  }

  private void wrap(List<Run> runs, float size, float gapBefore, float indent) {
    var line = new ArrayList<Run>();
    float width = 0;
    float gap = gapBefore;
    for (Run run : runs) {
      for (String token : tokens(run.text())) {
        float tokenWidth = width(token, size);
        if (width + tokenWidth > WIDTH - indent && !line.isEmpty() && !token.isBlank()) {
          lines.add(new Line(List.copyOf(line), size, gap, indent, false));
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
    lines.add(new Line(List.copyOf(line), size, gap, indent, false));
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

  /** Whether a character is drawn by the CJK face, itself or by its compatibility form (see {@link PdfPainter}). */
  private boolean needsCjk() {
    return lines.stream().flatMap(l -> l.runs().stream()).anyMatch(r -> r.text().codePoints()
        .anyMatch(c -> !fonts.latinCovers(c) && (fonts.cjkCovers(c) || java.text.Normalizer.normalize(Character.toString(c),
            java.text.Normalizer.Form.NFKC).codePoints().anyMatch(f -> !fonts.latinCovers(f) && fonts.cjkCovers(f)))));
  }

  /** An estimate good enough to wrap by: CJK characters are one em, others about half. */
  private float width(String token, float size) {
    return (float) token.codePoints().filter(c -> c < 0x2066 || c > 0x2069)
        .mapToDouble(c -> fonts.latinCovers(c) ? 0.58 : 1.0).sum() * size;
  }

  private static String clean(String text) {
    return text == null ? "" : text.codePoints()
        .map(c -> Character.isISOControl(c) || (Character.getType(c) == Character.FORMAT && (c < 0x2066 || c > 0x2069))
            ? ' ' : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
  }
}
