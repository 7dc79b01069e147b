package org.plenary.pdf;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessStreamCache;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * Reads the text of a PDF for search. Reading text is the one thing besides rendering that needs
 * the PDF library, so it lives here, behind this class, and the rule "PDFBox only in {@code pdf}"
 * holds unchanged. Streams are cached in a temporary file past a small buffer, so a large PDF
 * does not fill the heap; the caller's {@link Writer} bounds the text (and may stop it).
 */
public final class PdfTextExtractor {

  /** A PDF whose text cannot be read: protected by a password, or damaged (the message is for the log). */
  public static final class UnreadableException extends Exception {
    private final boolean passwordProtected;

    public UnreadableException(String reason, boolean passwordProtected, Throwable cause) {
      super(reason, cause);
      this.passwordProtected = passwordProtected;
    }

    /** Whether the PDF asks for a password (else it is damaged). */
    public boolean passwordProtected() {
      return passwordProtected;
    }
  }

  private static final RandomAccessStreamCache.StreamCacheCreateFunction CACHE =
      MemoryUsageSetting.setupMixed(4L * 1024 * 1024).streamCache;

  private PdfTextExtractor() {}

  /** Writes the text of every page, in reading order, to {@code out}; IOExceptions of {@code out} pass through. */
  public static void extract(Path file, Writer out) throws UnreadableException, IOException {
    PDDocument document;
    try {
      document = Loader.loadPDF(file.toFile(), "", null, null, CACHE);
    } catch (InvalidPasswordException e) {
      throw new UnreadableException("password-protected PDF", true, e);
    } catch (IOException e) {
      throw new UnreadableException("damaged PDF (" + e.getMessage() + ")", false, e);
    }
    try (document) {
      PDFTextStripper stripper = new PDFTextStripper();
      stripper.setSortByPosition(false);
      stripper.writeText(document, out);
    }
  }
}
