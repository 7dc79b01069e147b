package org.plenary.search;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.extractor.ExtractorFactory;
import org.apache.poi.extractor.POITextExtractor;
import org.apache.poi.openxml4j.util.ZipSecureFile;

/**
 * Word, PowerPoint and Excel files, old (OLE2) and new (OOXML), with Apache POI. POI's own guards
 * against zip bombs (expansion ratio, entry size, text size) are set from the search limits, and
 * spreadsheets are read by the streaming extractor, so a large one does not become a large tree.
 */
final class OfficeText {

  private OfficeText() {}

  static synchronized void limit(ExtractionLimits limits) {
    ZipSecureFile.setMinInflateRatio(1.0 / limits.maxRatio());
    ZipSecureFile.setMaxEntrySize(limits.maxEntryBytes());
    ZipSecureFile.setMaxTextSize(limits.maxChars());
    ZipSecureFile.setMaxFileCount(limits.maxEntries());
    ExtractorFactory.setAllThreadsPreferEventExtractors(true);
  }

  static void read(Path file, String extension, BoundedText out) throws UnreadableException, IOException {
    String text;
    try (POITextExtractor extractor = ExtractorFactory.createExtractor(file.toFile())) {
      extractor.setCloseFilesystem(true);
      text = extractor.getText();
    } catch (EncryptedDocumentException e) {
      throw new UnreadableException(ReadProblem.of("password"), e);
    } catch (IOException | RuntimeException e) {
      throw new UnreadableException(reason(e, extension), e);
    }
    out.write(text == null ? "" : text);
  }

  private static ReadProblem reason(Exception e, String extension) {
    String message = String.valueOf(e.getMessage());
    String lower = message.toLowerCase(Locale.ROOT);
    if (lower.contains("zip bomb")) {
      return ReadProblem.of("bombDocument");
    }
    if (lower.contains("encrypt") || lower.contains("password")) {
      return ReadProblem.of("password");
    }
    return ReadProblem.of("damagedType", extension);
  }
}
