package org.plenary.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every character a PDF is given is drawn by a glyph of a font embedded in it, in each of the six languages, with
 * names in every script a delegate may have: no .notdef (glyph 0, the empty box), no '?' put for a character no font
 * has, no font of the host's (every one embedded, from the jar: Chinese comes from the bundled Droid Sans Fallback,
 * the machine may have no CJK font at all). Every PDF the application makes is laid out by {@link PdfComposer}.
 */
class PdfGlyphsTests {

  /** Names and words as delegates type them: accents precomposed and combining, U+202F, RTL, CJK, compatibility forms. */
  private static final List<String> NAMES = List.of("Zoë Ñúñez-Øster", "Jose\u0301 Mari\u0301a Pe\u0301rez",
      "Nguyễn Thị Đoàn", "Ștefan Țăran", "Łukasz Żółć", "Françoise d’Arc\u202f: «\u202fnuage\u202f»", "محمد بن سلمان عبدالله",
      "عبد الله الأمين، جنيف", "李明东", "欧阳娜娜《云计算》，第一次会议。", "Владимир Беленкович", "Ёлка Щукина", "이강찬",
      "Ἀθηνᾶ Παπαδοπούλου",
      // List punctuation as the languages write it (Listed): Arabic comma and semicolon, Chinese ones and the 、.
      "CICG، جنيف؛ CICG，日内瓦；李明、王芳",
      // A Kangxi radical and a CJK compatibility ideograph, as legacy encodings and IMEs give them, and full-width letters.
      "\u2F08\uF900 ＡＢＣ");

  @ParameterizedTest
  @ValueSource(strings = {"en", "fr", "es", "ru", "zh", "ar"})
  void everyCharacterGivenIsAGlyphOfAnEmbeddedFont(String language) throws IOException {
    var words = PdfText.words(Locale.forLanguageTag(language));
    var composer = new PdfRenderer().compose(words.say("pdf.confirmation.title", "2701-GVA-0001"), words)
        .paragraph(words.say("pdf.confirmation.union")).heading(words.say("pdf.visa.title", "V-0001"));
    for (String name : NAMES) {
      composer.field(words.say("pdf.confirmation.participant"), name).paragraph(name).bullet(name);
    }
    byte[] pdf = composer.fillIn(words.say("pdf.confirmation.participant")).toBytes();

    var missing = new ArrayList<String>();
    var text = new StringBuilder();
    try (var document = Loader.loadPDF(pdf)) {
      var stripper = new PDFTextStripper() {
        @Override
        protected void processTextPosition(TextPosition position) {
          var font = position.getFont();
          try {
            for (int code : position.getCharacterCodes()) {
              if (!(font instanceof PDType0Font type0) || !font.isEmbedded() || type0.codeToGID(code) == 0) {
                missing.add(position.getUnicode() + " (" + font.getName() + ", code " + code + ")");
              }
            }
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
          super.processTextPosition(position);
        }
      };
      text.append(stripper.getText(document));
      document.getPages().forEach(page -> page.getResources().getFontNames().forEach(name -> {
        try {
          assertThat(page.getResources().getFont(name).isEmbedded()).as("font %s embedded", name).isTrue();
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }));
    }
    assertThat(missing).as("characters drawn as no glyph in %s", language).isEmpty();
    String extracted = Normalizer.normalize(text, Normalizer.Form.NFKC);
    assertThat(extracted).as("a character drawn as '?' in %s", language).doesNotContain("?");
    for (String name : NAMES) {
      assertThat(extracted).as("in %s", language).contains(Normalizer.normalize(name, Normalizer.Form.NFKC));
    }
  }
}
