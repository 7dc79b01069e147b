package org.plenary.contribution;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import java.util.Locale;
import org.plenary.group.Group;
import org.plenary.shared.Languages;
import org.plenary.shared.Listed;
import org.springframework.context.MessageSource;

/**
 * The basic contribution template the circular asks the group to offer: a Word (.docx) document
 * with the header table delegates fill in (number, meeting, source, title, agenda item, contact,
 * abstract), written as the minimal Office Open XML package, in the reader's language.
 */
final class ContributionTemplate {

  private static final String CONTENT_TYPES = """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
        <Default Extension="xml" ContentType="application/xml"/>
        <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
      </Types>""";

  private static final String RELATIONSHIPS = """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
      </Relationships>""";

  private ContributionTemplate() {}

  /** In {@code language}: every label and hint from {@code contribution.template.*}, right to left in Arabic. */
  static byte[] docx(Group group, MessageSource messages, Locale language) {
    java.util.function.Function<String, String> say = key -> messages.getMessage("contribution.template." + key,
        new Object[] {ContributionDesk.seriesPrefix(group)}, language);
    boolean rtl = Languages.rightToLeft(language);
    var document = new StringBuilder("""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>""");
    paragraph(document, say.apply("union"), true, rtl);
    paragraph(document, Listed.aside(messages, language, group.name(), group.acronym()), true, rtl);
    document.append("<w:tbl><w:tblPr>").append(rtl ? "<w:bidiVisual/>" : "")
        .append("<w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblBorders>")
        .append("<w:top w:val=\"single\" w:sz=\"4\"/><w:bottom w:val=\"single\" w:sz=\"4\"/>")
        .append("<w:insideH w:val=\"single\" w:sz=\"4\"/></w:tblBorders></w:tblPr>");
    for (String[] row : new String[][] {{"number", "numberHint"}, {"meeting", "meetingHint"}, {"source", "sourceHint"},
        {"title", null}, {"agendaItem", null}, {"contact", "contactHint"}}) {
      document.append("<w:tr>");
      cell(document, say.apply(row[0]), true, rtl);
      cell(document, row[1] == null ? "" : say.apply(row[1]), false, rtl);
      document.append("</w:tr>");
    }
    document.append("</w:tbl>");
    paragraph(document, say.apply("abstract"), true, rtl);
    paragraph(document, say.apply("abstractHint"), false, rtl);
    paragraph(document, say.apply("introduction"), true, rtl);
    paragraph(document, "", false, rtl);
    paragraph(document, say.apply("proposal"), true, rtl);
    paragraph(document, "", false, rtl);
    document.append("</w:body></w:document>");
    var bytes = new ByteArrayOutputStream();
    try (var zip = new ZipOutputStream(bytes)) {
      entry(zip, "[Content_Types].xml", CONTENT_TYPES);
      entry(zip, "_rels/.rels", RELATIONSHIPS);
      entry(zip, "word/document.xml", document.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void paragraph(StringBuilder xml, String text, boolean bold, boolean rtl) {
    xml.append("<w:p>").append(rtl ? "<w:pPr><w:bidi/></w:pPr>" : "").append("<w:r>")
        .append(bold || rtl ? "<w:rPr>" + (bold ? "<w:b/><w:bCs/>" : "") + (rtl ? "<w:rtl/>" : "") + "</w:rPr>" : "")
        .append("<w:t xml:space=\"preserve\">").append(AtomFeed.escape(text)).append("</w:t></w:r></w:p>");
  }

  private static void cell(StringBuilder xml, String text, boolean bold, boolean rtl) {
    xml.append("<w:tc>");
    paragraph(xml, text, bold, rtl);
    xml.append("</w:tc>");
  }

  private static void entry(ZipOutputStream zip, String name, String content) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(content.strip().getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }
}
