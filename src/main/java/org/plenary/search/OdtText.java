package org.plenary.search;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * OpenDocument text (.odt): the paragraphs and headings of its {@code content.xml}, read with the
 * JDK's StAX parser with DTDs and external entities off (no entity expansion, no network), and the
 * archive's expansion counted like any other archive's.
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
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    try {
      XMLStreamReader xml = factory.createXMLStreamReader(in);
      try {
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
      } finally {
        xml.close();
      }
    } catch (XMLStreamException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new UnreadableException(ReadProblem.of("damagedType", "odt"), e);
    }
  }
}
