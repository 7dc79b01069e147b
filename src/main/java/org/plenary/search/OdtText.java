package org.plenary.search;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import javax.xml.stream.XMLStreamReader;

/**
 * OpenDocument text (.odt): the paragraphs and headings of its {@code content.xml}, read by
 * {@link SafeXml} (no DTD, no entity expansion, no network), and the archive's expansion counted like
 * any other archive's.
 */
final class OdtText {

  private static final String TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";

  private OdtText() {}

  static void read(Path file, BoundedText out, ArchiveBudget budget) throws UnreadableException, IOException {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      ZipEntry content = zip.getEntry("content.xml");
      if (content == null) {
        throw new UnreadableException(ReadProblem.of("damagedType", "odt"));
      }
      budget.countEntry();
      try (InputStream in = budget.open(content, zip.getInputStream(content))) {
        paragraphs(in, out);
      }
    } catch (ZipException e) {
      throw new UnreadableException(ReadProblem.of("damagedType", "odt"), e);
    }
  }

  private static void paragraphs(InputStream in, BoundedText out) throws UnreadableException, IOException {
    SafeXml.read(in, "odt", xml -> {
      while (xml.hasNext()) {
        switch (xml.next()) {
          case XMLStreamReader.CHARACTERS, XMLStreamReader.CDATA -> out.write(xml.getText());
          case XMLStreamReader.START_ELEMENT -> {
            if (TEXT_NS.equals(xml.getNamespaceURI())) {
              switch (xml.getLocalName()) {
                case "s", "tab" -> out.write(" ");
                case "line-break" -> out.paragraph();
                default -> { }
              }
            }
          }
          case XMLStreamReader.END_ELEMENT -> {
            if (TEXT_NS.equals(xml.getNamespaceURI()) && ("p".equals(xml.getLocalName()) || "h".equals(xml.getLocalName()))) {
              out.paragraph();
            }
          }
          default -> { }
        }
      }
    });
  }
}
