package org.plenary.search;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A .zip of documents: the names of its entries and the text of those Plenary reads, archives
 * inside included down to the nesting limit. Each entry is expanded through the {@link ArchiveBudget}
 * into a scratch file, read, and deleted.
 */
final class ZipText {

  private ZipText() {}

  static void read(Path file, BoundedText out, TextExtractor extractor, int depth, ArchiveBudget budget)
      throws UnreadableException, IOException {
    if (depth >= extractor.limits().maxDepth()) {
      out.note(ReadProblem.of("nested", extractor.limits().maxDepth()));
      return;
    }
    try (ZipFile zip = new ZipFile(file.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        budget.countEntry();
        if (entry.isDirectory()) {
          continue;
        }
        out.write(entry.getName());
        out.paragraph();
        if (TextExtractor.READABLE.contains(TextExtractor.extension(entry.getName()))) {
          entry(zip, entry, out, extractor, depth, budget);
        }
      }
    } catch (ZipException e) {
      throw new UnreadableException(ReadProblem.of("damagedType", "zip"), e);
    }
  }

  private static void entry(ZipFile zip, ZipEntry entry, BoundedText out, TextExtractor extractor, int depth,
      ArchiveBudget budget) throws UnreadableException, IOException {
    Path scratch = extractor.scratchFile();
    try {
      try (InputStream in = budget.open(entry, zip.getInputStream(entry))) {
        Files.copy(in, scratch, StandardCopyOption.REPLACE_EXISTING);
      }
      try {
        extractor.extract(scratch, entry.getName(), out, depth + 1, budget);
      } catch (UnreadableException e) {
        if (e.problem().bomb()) {
          throw e;
        }
        // One unreadable entry does not hide the others.
        out.note(ReadProblem.inArchive(entry.getName(), e.problem()));
      }
      out.paragraph();
    } finally {
      Files.deleteIfExists(scratch);
    }
  }
}
