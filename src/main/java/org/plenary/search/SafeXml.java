package org.plenary.search;

import java.io.IOException;
import java.io.InputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The XML parts of office files read with the JDK's StAX parser, DTDs and external entities off (no
 * entity expansion, no network): a part of any size costs one parser's buffer. A part that is not
 * well-formed XML makes the file damaged; a failure to read the bytes stays an I/O failure.
 */
final class SafeXml {

  /** What is done with a part's events, read from the reader it is given. */
  @FunctionalInterface
  interface Reading {
    void read(XMLStreamReader xml) throws XMLStreamException, IOException;
  }

  private SafeXml() {}

  static void read(InputStream in, String extension, Reading reading) throws UnreadableException, IOException {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    try {
      XMLStreamReader xml = factory.createXMLStreamReader(in);
      try {
        reading.read(xml);
      } finally {
        xml.close();
      }
    } catch (XMLStreamException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new UnreadableException(ReadProblem.of("damagedType", extension), e);
    }
  }
}
