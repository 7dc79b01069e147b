package org.plenary.search;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import javax.xml.stream.XMLStreamReader;

/**
 * Word and PowerPoint files of today (.docx, .pptx) read as a stream: the text runs of the
 * document's parts (body, headers, footers, notes and comments of a .docx; the slides of a .pptx,
 * in their order) with {@link SafeXml} (no DTD, no external entities), and the package's
 * expansion counted like any other archive's. POI builds the whole XML tree of a part in memory,
 * some thirty times its size: a 10 MB .docx with 60 MB of paragraphs took 1.9 GB of heap. Here a
 * part of any size costs one parser's buffer.
 */
final class OoxmlText {

  private static final Pattern SLIDE = Pattern.compile("ppt/slides/slide(\\d+)\\.xml");
  private static final Pattern WORD_PART =
      Pattern.compile("word/(document|header\\d*|footer\\d*|footnotes|endnotes|comments)\\.xml");

  private OoxmlText() {}

  /** True when the file is a ZIP package (an encrypted or older file is not: POI reads those). */
  static boolean isPackage(Path file) throws IOException {
    try (InputStream in = java.nio.file.Files.newInputStream(file)) {
      byte[] head = in.readNBytes(4);
      return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    }
  }

  static void read(Path file, String extension, BoundedText out, ArchiveBudget budget)
      throws UnreadableException, IOException {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      List<ZipEntry> parts = "pptx".equals(extension) ? slides(zip) : wordParts(zip);
      if (parts.isEmpty()) {
        throw new UnreadableException(ReadProblem.of("damagedType", extension));
      }
      for (ZipEntry part : parts) {
        budget.countEntry();
        try (InputStream in = budget.open(part, zip.getInputStream(part))) {
          runs(in, out, extension);
        }
        out.paragraph();
      }
    } catch (ZipException e) {
      throw new UnreadableException(ReadProblem.of("damagedType", extension), e);
    }
  }

  /** The body first, then the other parts in name order. */
  private static List<ZipEntry> wordParts(ZipFile zip) {
    List<ZipEntry> parts = new ArrayList<>();
    zip.stream().filter(e -> WORD_PART.matcher(e.getName()).matches()).forEach(parts::add);
    parts.sort(Comparator.comparing((ZipEntry e) -> !e.getName().equals("word/document.xml"))
        .thenComparing(ZipEntry::getName));
    return parts.isEmpty() || !parts.getFirst().getName().equals("word/document.xml") ? List.of() : parts;
  }

  private static List<ZipEntry> slides(ZipFile zip) {
    List<ZipEntry> slides = new ArrayList<>();
    zip.stream().filter(e -> SLIDE.matcher(e.getName()).matches()).forEach(slides::add);
    slides.sort(Comparator.comparingLong(e -> slideNumber(e.getName())));
    return slides;
  }

  private static long slideNumber(String name) {
    Matcher m = SLIDE.matcher(name);
    return m.matches() && m.group(1).length() < 10 ? Long.parseLong(m.group(1)) : Long.MAX_VALUE;
  }

  /**
   * The characters of text elements ({@code w:t} in Word, {@code a:t} in DrawingML), a space for tabs and
   * table cells, a line for breaks and the end of each paragraph; deleted text and field codes are left out.
   */
  private static void runs(InputStream in, BoundedText out, String extension) throws UnreadableException, IOException {
    SafeXml.read(in, extension, xml -> {
      boolean inText = false;
      while (xml.hasNext()) {
        switch (xml.next()) {
          case XMLStreamReader.CHARACTERS, XMLStreamReader.CDATA -> {
            if (inText) {
              out.write(xml.getText());
            }
          }
          case XMLStreamReader.START_ELEMENT -> {
            switch (xml.getLocalName()) {
              case "t" -> inText = true;
              case "tab" -> out.write(" ");
              case "br", "cr" -> out.paragraph();
              default -> { }
            }
          }
          case XMLStreamReader.END_ELEMENT -> {
            switch (xml.getLocalName()) {
              case "t" -> inText = false;
              case "p" -> out.paragraph();
              case "tc" -> out.write(" ");
              default -> { }
            }
          }
          default -> { }
        }
      }
    });
  }
}
