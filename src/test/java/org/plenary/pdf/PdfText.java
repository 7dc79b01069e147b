package org.plenary.pdf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * The text of a PDF as extractors see it: PDFBox's PDFTextStripper, the raw Unicode of every glyph
 * (before the stripper's own normalization hides ligatures and Arabic presentation forms), and
 * poppler's pdftotext where it is installed.
 */
public record PdfText(String stripped, String rawGlyphs, String pdftotext) {

  /** The words of a document in {@code language}, from the application's bundles, for a composer made in a test. */
  public static PdfWords words(java.util.Locale language) {
    return new PdfWords(new org.plenary.shared.MessageBundles().messageSource(), language);
  }

  public static PdfText of(byte[] pdf) throws IOException {
    var raw = new StringBuilder();
    String stripped;
    try (var document = Loader.loadPDF(pdf)) {
      var stripper = new PDFTextStripper() {
        @Override
        protected void writeString(String text, List<TextPosition> positions) throws IOException {
          positions.forEach(p -> raw.append(p.getUnicode()));
          super.writeString(text, positions);
        }
      };
      stripped = stripper.getText(document);
    }
    return new PdfText(stripped, raw.toString(), pdftotext(pdf));
  }

  /** Characters no one types: Latin ligatures (U+FB00–FB06) and presentation forms (U+FB1D–FDFF, U+FE70–FEFF). */
  public boolean hasPresentationForms() {
    return rawGlyphs.codePoints().anyMatch(PdfText::presentationForm)
        || pdftotext != null && pdftotext.codePoints().anyMatch(PdfText::presentationForm);
  }

  private static boolean presentationForm(int c) {
    return c >= 0xFB00 && c <= 0xFDFF || c >= 0xFE70 && c <= 0xFEFF;
  }

  private static String pdftotext(byte[] pdf) throws IOException {
    if (Files.notExists(Path.of("/usr/bin/pdftotext")) && Files.notExists(Path.of("/usr/local/bin/pdftotext"))) {
      return null;
    }
    Path file = Files.createTempFile("plenary-", ".pdf");
    try {
      Files.write(file, pdf);
      Process process = new ProcessBuilder("pdftotext", file.toString(), "-").redirectErrorStream(true).start();
      String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor();
      // pdftotext wraps right-to-left runs in embedding marks (U+202B ... U+202C); they are invisible and
      // sit outside the words, so a search for a word finds it: drop them to compare phrases.
      return text.replaceAll("[\u200E\u200F\u202A-\u202E\u2066-\u2069]", "");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
