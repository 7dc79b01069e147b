package org.plenary.pdf;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The ToUnicode maps of a document's fonts, written from what was drawn: each glyph code maps to
 * the text it stands for. A shaped Arabic form (U+FB50–U+FDFF, U+FE70–U+FEFF) or a presentation
 * ligature maps to its plain letters (NFKC), so extracted text is searchable with the letters
 * people type. PDFBox's own map names the presentation forms themselves.
 */
final class ToUnicode {

  private final Map<PDType0Font, Map<Integer, String>> fonts = new LinkedHashMap<>();
  private boolean shaped;

  /** Notes the codes of {@code text} drawn with {@code font}. */
  void drawn(PDType0Font font, String text) throws IOException {
    Map<Integer, String> codes = fonts.computeIfAbsent(font, f -> new TreeMap<>());
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      byte[] code = font.encode(new String(Character.toChars(c)));
      String letters = letters(c);
      shaped |= letters.length() != Character.charCount(c) || letters.codePointAt(0) != c;
      codes.putIfAbsent(((code[0] & 0xff) << 8) | (code[1] & 0xff), letters);
    }
  }

  /** Whether a glyph stands for other letters than its own code point: only then must the maps be replaced. */
  boolean needed() {
    return shaped;
  }

  /** Replaces each font's ToUnicode stream; call after the fonts were subset (after a first save). */
  void apply(PDDocument document) throws IOException {
    for (var font : fonts.entrySet()) {
      COSStream stream = document.getDocument().createCOSStream();
      try (OutputStream out = stream.createOutputStream(COSName.FLATE_DECODE)) {
        out.write(cmap(font.getValue()).getBytes(StandardCharsets.US_ASCII));
      }
      font.getKey().getCOSObject().setItem(COSName.TO_UNICODE, stream);
    }
  }

  static String letters(int c) {
    boolean presentation = c >= 0xFB00 && c <= 0xFDFF || c >= 0xFE70 && c <= 0xFEFF;
    String text = new String(Character.toChars(c));
    return presentation ? Normalizer.normalize(text, Normalizer.Form.NFKC) : text;
  }

  private static String cmap(Map<Integer, String> codes) {
    var out = new StringBuilder("""
        /CIDInit /ProcSet findresource begin
        12 dict begin
        begincmap
        /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
        /CMapName /Adobe-Identity-UCS def
        /CMapType 2 def
        1 begincodespacerange
        <0000> <FFFF>
        endcodespacerange
        """);
    var entries = codes.entrySet().stream().toList();
    for (int from = 0; from < entries.size(); from += 100) {
      var block = entries.subList(from, Math.min(from + 100, entries.size()));
      out.append(block.size()).append(" beginbfchar\n");
      for (var entry : block) {
        out.append("<%04X> <".formatted(entry.getKey()));
        entry.getValue().chars().forEach(unit -> out.append("%04X".formatted(unit)));
        out.append(">\n");
      }
      out.append("endbfchar\n");
    }
    return out.append("""
        endcmap
        CMapName currentdict /CMap defineresource pop
        end
        end
        """).toString();
  }
}
