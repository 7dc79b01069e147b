package org.plenary.search;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.hslf.usermodel.HSLFSlideShow;
import org.apache.poi.hslf.usermodel.HSLFTextBox;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFTextBox;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/** Real files of every format Plenary searches, made here with POI and PDFBox (and by hand for .odt and .rtf). */
final class TestDocuments {

  private TestDocuments() {}

  static byte[] docx(String text) throws IOException {
    try (XWPFDocument doc = new XWPFDocument(); var out = new ByteArrayOutputStream()) {
      for (String line : text.split("\n")) {
        doc.createParagraph().createRun().setText(line);
      }
      doc.write(out);
      return out.toByteArray();
    }
  }

  static byte[] pptx(String text) throws IOException {
    try (XMLSlideShow show = new XMLSlideShow(); var out = new ByteArrayOutputStream()) {
      XSLFTextBox box = show.createSlide().createTextBox();
      box.setText(text);
      show.write(out);
      return out.toByteArray();
    }
  }

  static byte[] ppt(String text) throws IOException {
    try (HSLFSlideShow show = new HSLFSlideShow(); var out = new ByteArrayOutputStream()) {
      HSLFTextBox box = show.createSlide().createTextBox();
      box.setText(text);
      show.write(out);
      return out.toByteArray();
    }
  }

  static byte[] xlsx(String text) throws IOException {
    return workbook(new XSSFWorkbook(), text);
  }

  static byte[] xls(String text) throws IOException {
    return workbook(new HSSFWorkbook(), text);
  }

  private static byte[] workbook(Workbook book, String text) throws IOException {
    try (book; var out = new ByteArrayOutputStream()) {
      book.createSheet("Contributions").createRow(0).createCell(0).setCellValue(text);
      book.write(out);
      return out.toByteArray();
    }
  }

  static byte[] pdf(String text) throws IOException {
    return pdf(text, null);
  }

  /** A PDF; with {@code userPassword}, one that cannot be opened without it. */
  static byte[] pdf(String text, String userPassword) throws IOException {
    try (PDDocument doc = new PDDocument(); var out = new ByteArrayOutputStream()) {
      PDPage page = new PDPage();
      doc.addPage(page);
      try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
        content.beginText();
        content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
        content.newLineAtOffset(72, 700);
        content.showText(text);
        content.endText();
      }
      if (userPassword != null) {
        var policy = new StandardProtectionPolicy("owner-" + userPassword, userPassword, new AccessPermission());
        policy.setEncryptionKeyLength(128);
        doc.protect(policy);
      }
      doc.save(out);
      return out.toByteArray();
    }
  }

  /** An OpenDocument text: a zip with the mimetype first and content.xml. */
  static byte[] odt(String text) throws IOException {
    String content = """
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
          xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
          <office:body><office:text><text:h>Heading</text:h><text:p>%s</text:p></office:text></office:body>
        </office:document-content>""".formatted(text.replace("&", "&amp;").replace("<", "&lt;"));
    return zip(Map.of("mimetype", "application/vnd.oasis.opendocument.text".getBytes(StandardCharsets.US_ASCII),
        "content.xml", content.getBytes(StandardCharsets.UTF_8)));
  }

  /** RTF as Word writes it: a font table, ANSI letters escaped as \'hh and others as \\u. */
  static byte[] rtf(String text) {
    StringBuilder body = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c == 'é') {
        body.append("\\'e9");
      } else if (c > 127) {
        body.append("\\u").append((int) (short) c).append('?');
      } else if (c == '\n') {
        body.append("\\par ");
      } else {
        body.append(c);
      }
    }
    String rtf = "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Times New Roman;}}{\\*\\generator Hidden;}"
        + "{\\info{\\title Invisible info}}\\f0\\fs24 " + body + "\\par}";
    return rtf.getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] zip(Map<String, byte[]> entries) throws IOException {
    var out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (var entry : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(entry.getKey()));
        zip.write(entry.getValue());
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }

  /** The same package with {@code count} spaces after the XML declaration of one part: valid, and a bomb. */
  static byte[] withSpaces(byte[] zip, String part, int count) throws IOException {
    Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
    try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        entries.put(e.getName(), in.readAllBytes());
      }
    }
    String xml = new String(entries.get(part), StandardCharsets.UTF_8);
    int end = xml.indexOf("?>") + 2;
    entries.put(part, (xml.substring(0, end) + " ".repeat(count) + xml.substring(end)).getBytes(StandardCharsets.UTF_8));
    return zip(entries);
  }

  /**
   * The same package with {@code paragraphs} more paragraphs of random words at the start of the body of
   * {@code part} (a .docx's {@code word/document.xml}): valid, large, and far from any expansion limit.
   */
  static byte[] withParagraphs(byte[] zip, String part, int paragraphs) throws IOException {
    Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
    try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        entries.put(e.getName(), in.readAllBytes());
      }
    }
    String xml = new String(entries.get(part), StandardCharsets.UTF_8);
    int body = xml.indexOf("<w:body>") + "<w:body>".length();
    var random = new java.util.Random(7);
    StringBuilder more = new StringBuilder(xml.substring(0, body));
    for (int i = 0; i < paragraphs; i++) {
      more.append("<w:p><w:r><w:t>").append(Long.toString(random.nextLong() >>> 1, 36)).append("</w:t></w:r></w:p>");
    }
    entries.put(part, more.append(xml.substring(body)).toString().getBytes(StandardCharsets.UTF_8));
    return zip(entries);
  }

  /** A zip whose one entry is {@code megabytes} of zeros: a thousand times smaller packed than unpacked. */
  static byte[] zipBomb(int megabytes) throws IOException {
    var out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("FG-Cloud-I-0666.txt"));
      byte[] zeros = new byte[1024 * 1024];
      for (int i = 0; i < megabytes; i++) {
        zip.write(zeros);
      }
      zip.closeEntry();
    }
    return out.toByteArray();
  }

  /** A .docx encrypted with a password (agile encryption, as Word does). */
  static byte[] encryptedDocx(String text, String password) throws Exception {
    try (POIFSFileSystem fs = new POIFSFileSystem(); var out = new ByteArrayOutputStream()) {
      Encryptor encryptor = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
      encryptor.confirmPassword(password);
      try (OPCPackage opc = OPCPackage.open(new java.io.ByteArrayInputStream(docx(text)));
          OutputStream encrypted = encryptor.getDataStream(fs)) {
        opc.save(encrypted);
      }
      fs.writeFilesystem(out);
      return out.toByteArray();
    }
  }
}
