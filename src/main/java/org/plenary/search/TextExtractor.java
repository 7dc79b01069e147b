package org.plenary.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.plenary.pdf.PdfTextExtractor;

/**
 * Reads the words of one file by its extension — .docx and .pptx (streamed, {@link OoxmlText}; an
 * encrypted one through POI, which says so), .doc, .ppt, .xlsx, .xls (Apache POI), .pdf (PDFBox, through the {@code pdf} module), .odt, .rtf, .txt and .zip archives of
 * those — into a {@link BoundedText}. A file that cannot be read at all throws
 * {@link UnreadableException} with the reason; a file read only in part leaves a note in the text.
 */
final class TextExtractor {

  static final Set<String> READABLE = Set.of("docx", "doc", "pptx", "ppt", "xlsx", "xls", "pdf", "odt", "rtf", "txt", "zip");

  private final ExtractionLimits limits;
  private final Path scratch;

  TextExtractor(ExtractionLimits limits, Path scratch) {
    this.limits = limits;
    this.scratch = scratch;
    OfficeText.limit(limits);
  }

  void extract(Path file, String fileName, BoundedText out) throws UnreadableException, IOException {
    extract(file, fileName, out, 0, new ArchiveBudget(limits));
  }

  /** {@code depth} counts the archives around the file. */
  void extract(Path file, String fileName, BoundedText out, int depth, ArchiveBudget budget)
      throws UnreadableException, IOException {
    String extension = extension(fileName);
    try {
      switch (extension) {
        case "pdf" -> pdf(file, out);
        case "docx", "pptx" -> {
          if (OoxmlText.isPackage(file)) {
            OoxmlText.read(file, extension, out, budget);
          } else {
            OfficeText.read(file, extension, out);
          }
        }
        case "doc", "ppt", "xlsx", "xls" -> OfficeText.read(file, extension, out);
        case "odt" -> OdtText.read(file, out, budget);
        case "rtf" -> RtfText.read(file, out);
        case "txt" -> PlainText.read(file, out);
        case "zip" -> ZipText.read(file, out, this, depth, budget);
        default -> throw new UnreadableException(ReadProblem.of("notSearched", extension));
      }
    } catch (ArchiveBudget.BombException e) {
      throw new UnreadableException(e.problem(), e);
    }
  }

  ExtractionLimits limits() {
    return limits;
  }

  Path scratchFile() throws IOException {
    return Files.createTempFile(scratch, "entry", ".tmp");
  }

  private static void pdf(Path file, BoundedText out) throws UnreadableException, IOException {
    try {
      PdfTextExtractor.extract(file, out);
    } catch (PdfTextExtractor.UnreadableException e) {
      throw new UnreadableException(e.passwordProtected() ? ReadProblem.of("password") : ReadProblem.of("damagedType", "pdf"), e);
    }
  }

  static String extension(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
