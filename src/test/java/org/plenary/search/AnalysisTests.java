package org.plenary.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.junit.jupiter.api.Test;

/**
 * Which UN languages a text is written in, by counting each language's common words; and the terms
 * of a text cut once ({@link Tokens}) and filtered for each field, which must be those the field's
 * analyzer makes (queries are analysed by it).
 */
class AnalysisTests {

  /** Texts in every UN language, with what the tokenizer and filters treat apart. */
  private static final List<String> TEXTS = List.of(
      "The Focus Group's scope: cloud computing, the documents' deadlines and FG-Cloud-I-0012r1.txt (2010-06-07).",
      "L'ensemble des réseaux d'entreprises, qu'il s'agisse de l'informatique en nuage ou des télécommunications.",
      "El grupo y las tareas de la primera reunión, en el marco de los trabajos del año; las redes móviles.",
      "Группа и задачи первого совещания по облачным вычислениям, сети и документы.",
      "مجموعة التركيز المعنية بالحوسبة السحابية، الاجتماع الأول ٢٠١٠ في جنيف والوثائق",
      "国际电信联盟电信标准化局 第114号通函 云计算焦点组 ＦＧ　Ｃｌｏｕｄ 第一次会议",
      "クラウドコンピューティング ひらがな 한국어 문서 ｶﾀｶﾅ 😀 emoji 👍🏽 and a URL http://www.itu.int/ITU-T/focusgroups",
      "x".repeat(300) + " a word longer than the tokenizer's limit, then İSTANBUL and ΑΘΗΝΑ",
      "Networks and NETWORKS, the network's networks; the networks of the Networks. Réseaux, réseaux: the and of the",
      binaryAsWindows1252());

  private static String binaryAsWindows1252() {
    byte[] bytes = new byte[1024];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    return new String(bytes, java.nio.charset.Charset.forName("windows-1252"));
  }

  @Test
  void theWordsCutOnceMakeTheTermsOfEachFieldsAnalyzer() throws IOException {
    Analyzer analyzer = Analysis.analyzer();
    for (String text : TEXTS) {
      Tokens words = Tokens.of(text);
      assertThat(terms(Analysis.plain(words.stream()))).as(text).isEqualTo(terms(analyzer.tokenStream(Analysis.BODY, text)))
          .isNotEmpty();
      String heading = "Cycle document 12 (FG-Cloud-I-0012)\nTSB, Orange\n";
      for (String language : Analysis.stemmedLanguages()) {
        String field = Analysis.stemmedField(language);
        assertThat(terms(Analysis.stemmed(language, Tokens.of(heading).then(words)))).as(language + ": " + text)
            .isEqualTo(terms(analyzer.tokenStream(field, heading + text)));
      }
    }
  }

  @Test
  void theBeginningOfATextHasTheWordsThatEndWithinIt() throws IOException {
    String text = "cloud computing networks";
    assertThat(terms(Analysis.plain(Tokens.of(text).upTo(8)))).containsExactly("cloud@1[0-5]<ALPHANUM>", "end@0[8]");
    assertThat(terms(Analysis.plain(Tokens.of(text).upTo(15))))
        .isEqualTo(terms(Analysis.analyzer().tokenStream(Analysis.BODY, text.substring(0, 15))));
    assertThat(terms(Analysis.plain(Tokens.of(text).upTo(100)))).hasSize(4);
  }

  /** Each term with its position increment, offsets and type, then the final offset. */
  private static List<String> terms(TokenStream stream) throws IOException {
    List<String> terms = new ArrayList<>();
    try (stream) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
      OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
      TypeAttribute type = stream.addAttribute(TypeAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        terms.add(term + "@" + increment.getPositionIncrement() + "[" + offset.startOffset() + "-" + offset.endOffset()
            + "]" + type.type());
      }
      stream.end();
      if (!terms.isEmpty()) {
        terms.add("end@" + increment.getPositionIncrement() + "[" + offset.endOffset() + "]");
      }
    }
    return terms;
  }

  @Test
  void findsTheLanguagesWhoseCommonWordsTheTextUses() {
    assertThat(Analysis.languages("The scope of the group and the tasks it has in the first year"))
        .containsExactly("en");
    assertThat(Analysis.languages("Le groupe et les tâches de la première réunion, dans le cadre des travaux"))
        .contains("fr").doesNotContain("en", "ru");
    assertThat(Analysis.languages("El grupo y las tareas de la primera reunión, en el marco de los trabajos del año"))
        .contains("es");
    assertThat(Analysis.languages("Группа и задачи первого совещания, это не то, что было в прошлом году"))
        .containsExactly("ru");
  }

  @Test
  void countsWordsWhateverTheirCaseAndSkipsLongOnes() {
    assertThat(Analysis.languages("THE GROUP AND THE TASKS OF THE MEETING")).containsExactly("en");
    assertThat(Analysis.languages("LES TÂCHES DE LA RÉUNION ET DU GROUPE DANS LE CADRE")).contains("fr")
        .doesNotContain("en");
    assertThat(Analysis.languages("云计算焦点组 " + "Annex: the scope and the tasks of the group. ".repeat(3)))
        .containsExactly("en");
    assertThat(Analysis.languages("Verylongwordwithoutendthethe ".repeat(10))).as("none found: English")
        .containsExactly("en");
  }

  @Test
  void aWordWithADottedCapitalIIsNoStopWord() {
    // "İN" lowers to "i̇n" (three characters), which is no English word; "IN" lowers to "in".
    assertThat(Analysis.languages("İN İT İS İN İN DES LA LE LES")).contains("fr").doesNotContain("en");
    assertThat(Analysis.languages("IN IT IS IN IN")).containsExactly("en");
  }

  @Test
  void countsStopWordsOfOneLetterAndThoseStartingBeyondAscii() {
    // Words skipped for their first letter must be exactly those no stop word starts with.
    assertThat(Analysis.languages("y o a y o a y o")).contains("es");
    assertThat(Analysis.languages("à à à où où")).contains("fr");
    assertThat(Analysis.languages("и в и в и в")).containsExactly("ru");
    assertThat(Analysis.languages("في من في من في")).containsExactly("ar");
    // The document cycle's bytes 0-255 read as Windows-1252: short words ("ƒ", "µ", "ª") are no stop words.
    byte[] bytes = new byte[4096];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    assertThat(Analysis.languages(new String(bytes, java.nio.charset.Charset.forName("windows-1252"))))
        .as("none found: English").containsExactly("en");
  }
}
