package org.plenary.contribution;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.plenary.group.Group;

/**
 * The basic contribution template the circular asks the group to offer: a Word (.docx) document
 * with the header table delegates fill in (number, meeting, source, title, agenda item, contact,
 * abstract), written as the minimal Office Open XML package.
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

  static byte[] docx(Group group) {
    var document = new StringBuilder("""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>""");
    paragraph(document, "INTERNATIONAL TELECOMMUNICATION UNION — TELECOMMUNICATION STANDARDIZATION SECTOR", true);
    paragraph(document, group.name() + " (" + group.acronym() + ")", true);
    document.append("<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblBorders>")
        .append("<w:top w:val=\"single\" w:sz=\"4\"/><w:bottom w:val=\"single\" w:sz=\"4\"/>")
        .append("<w:insideH w:val=\"single\" w:sz=\"4\"/></w:tblBorders></w:tblPr>");
    for (String[] row : new String[][] {
        {"Document number:", ContributionDesk.seriesPrefix(group) + "-I-nnnn (ask Plenary for the number)"},
        {"Meeting:", "meeting code and place, e.g. 1006-gva, Geneva"},
        {"Source:", "organization(s) submitting the contribution"},
        {"Title:", ""},
        {"Agenda item:", ""},
        {"Contact:", "name, organization, country, telephone, e-mail"}}) {
      document.append("<w:tr>");
      cell(document, row[0], true);
      cell(document, row[1], false);
      document.append("</w:tr>");
    }
    document.append("</w:tbl>");
    paragraph(document, "Abstract:", true);
    paragraph(document, "One paragraph saying what the contribution proposes.", false);
    paragraph(document, "1 Introduction", true);
    paragraph(document, "", false);
    paragraph(document, "2 Proposal", true);
    paragraph(document, "", false);
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

  private static void paragraph(StringBuilder xml, String text, boolean bold) {
    xml.append("<w:p><w:r>").append(bold ? "<w:rPr><w:b/></w:rPr>" : "")
        .append("<w:t xml:space=\"preserve\">").append(AtomFeed.escape(text)).append("</w:t></w:r></w:p>");
  }

  private static void cell(StringBuilder xml, String text, boolean bold) {
    xml.append("<w:tc>");
    paragraph(xml, text, bold);
    xml.append("</w:tc>");
  }

  private static void entry(ZipOutputStream zip, String name, String content) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(content.strip().getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }
}
