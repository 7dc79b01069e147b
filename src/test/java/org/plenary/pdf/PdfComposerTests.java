package org.plenary.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class PdfComposerTests {

  private final PdfRenderer renderer = new PdfRenderer();

  @Test
  void drawsTheNamesPeopleHaveAndReadsThemBack() throws Exception {
    byte[] pdf = renderer.compose("Registration confirmation", PdfText.words(java.util.Locale.ENGLISH))
        .field("Participant", "Zoë Ñúñez-Øster")
        .field("Участник", "Владимир Беленкович")
        .field("参加者", "李明东")
        .field("Korean", "이강찬")
        .field("Hostile", "<script>alert(1)</script>\r\nSet-Cookie: x")
        .fillIn("Credit card (to fill in by hand)")
        .toBytes();
    try (var document = Loader.loadPDF(pdf)) {
      String text = new PDFTextStripper().getText(document);
      assertThat(text).contains("Registration confirmation", "Zoë Ñúñez-Øster", "Владимир Беленкович", "李明东",
          "이강찬", "<script>alert(1)</script>", "Credit card (to fill in by hand):");
      assertThat(document.getDocumentInformation().getTitle()).isEqualTo("Registration confirmation");
    }
  }

  @Test
  void aFieldJoinsItsLabelToItsValueAsTheDocumentsLanguageDoes() throws Exception {
    for (var expected : java.util.Map.of("en", "Name: Alice", "fr", "Nom\u202f: Alice", "zh", "姓名：Alice").entrySet()) {
      String label = expected.getValue().replaceAll("[\u202f]?[:：] ?Alice", "");
      byte[] pdf = renderer.compose("T", PdfText.words(java.util.Locale.forLanguageTag(expected.getKey())))
          .field(label, "Alice").toBytes();
      assertThat(PdfText.of(pdf).stripped()).as(expected.getKey()).contains(expected.getValue());
    }
  }

  @Test
  void wrapsLongTextOntoFurtherLinesAndPages() throws Exception {
    var composer = renderer.compose("Long", PdfText.words(java.util.Locale.ENGLISH));
    for (int i = 0; i < 120; i++) {
      composer.paragraph("Paragraph " + i + " " + "words that wrap across the width of the page ".repeat(4));
    }
    try (var document = Loader.loadPDF(composer.toBytes())) {
      assertThat(document.getNumberOfPages()).isGreaterThan(3);
      assertThat(new PDFTextStripper().getText(document)).contains("Paragraph 119");
    }
  }

  @Test
  void extractedTextHasPlainWordsAndArabicAndHebrewInLogicalOrder() throws Exception {
    byte[] pdf = renderer.compose("Registration confirmation", PdfText.words(java.util.Locale.ENGLISH))
        .paragraph("The office files the official confirmation and flows; first fluent affiliation.")
        .field("Participant", "محمد بن سلمان عبدالله")
        .field("Address", "شارع الملك فهد، الرياض")
        .field("Hebrew", "שלום עולם")
        .paragraph("مرحبا بكم في جنيف")
        .toBytes();
    PdfText text = PdfText.of(pdf);
    assertThat(text.hasPresentationForms()).as("ligature or presentation-form glyphs in %s", text).isFalse();
    for (String extracted : text.pdftotext() == null ? java.util.List.of(text.stripped())
        : java.util.List.of(text.stripped(), text.pdftotext())) {
      assertThat(extracted).contains("Registration confirmation", "office files the official confirmation and flows",
          "first fluent affiliation", "محمد بن سلمان عبدالله", "الملك فهد", "שלום עולם", "مرحبا بكم في جنيف");
    }
  }
}
