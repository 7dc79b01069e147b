package org.plenary.search;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.ar.ArabicNormalizationFilter;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * How text becomes terms. Every text goes into {@code body} (and the register's words into
 * {@code meta}) unstemmed, with Chinese, Japanese and Korean cut into overlapping pairs of
 * characters, so that a Chinese word is found without a dictionary; and into one stemmed field per
 * UN language the text is written in ({@code body_en}, {@code body_fr}…), so that "documents" finds
 * "document" and "réseaux" finds "réseau". Chinese needs no stemming.
 */
final class Analysis {

  static final String BODY = "body";
  static final String META = "meta";

  /** Language → its stemmed field and analyzer. */
  private static final Map<String, Analyzer> STEMMERS = new LinkedHashMap<>();

  static {
    STEMMERS.put("en", new EnglishAnalyzer());
    STEMMERS.put("fr", new FrenchAnalyzer());
    STEMMERS.put("es", new SpanishAnalyzer());
    STEMMERS.put("ru", new RussianAnalyzer());
    STEMMERS.put("ar", new ArabicAnalyzer());
  }

  private static final Map<String, CharArraySet> STOP_WORDS = Map.of(
      "en", EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, "fr", FrenchAnalyzer.getDefaultStopSet(),
      "es", SpanishAnalyzer.getDefaultStopSet(), "ru", RussianAnalyzer.getDefaultStopSet(),
      "ar", ArabicAnalyzer.getDefaultStopSet());

  private static final Analyzer PLAIN = new Analyzer() {
    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      StandardTokenizer tokenizer = new StandardTokenizer();
      TokenStream stream = new CJKWidthFilter(tokenizer);
      stream = new LowerCaseFilter(stream);
      stream = new ArabicNormalizationFilter(stream);
      stream = new CJKBigramFilter(stream);
      return new TokenStreamComponents(tokenizer, stream);
    }
  };

  private static final Analyzer ALL;

  static {
    Map<String, Analyzer> perField = new HashMap<>();
    STEMMERS.forEach((language, analyzer) -> perField.put(stemmedField(language), analyzer));
    ALL = new PerFieldAnalyzerWrapper(PLAIN, perField);
  }

  private Analysis() {}

  /** The analyzer of every field, for indexing and for queries alike. */
  static Analyzer analyzer() {
    return ALL;
  }

  static Set<String> stemmedLanguages() {
    return STEMMERS.keySet();
  }

  static String stemmedField(String language) {
    return BODY + "_" + language;
  }

  /**
   * The UN languages (other than Chinese) the text is written in, by counting each language's
   * common words in its first 200,000 characters: every language with at least a fifth of the
   * leader's count (a Chinese letter with English annexes is both); English when none is found.
   */
  static Set<String> languages(String text) {
    Map<String, Integer> counts = new HashMap<>();
    int end = Math.min(text.length(), 200_000);
    int start = -1;
    // Each word is lowered into this buffer and looked up in place, without a string per word.
    char[] word = new char[12];
    for (int i = 0; i <= end; i++) {
      boolean letter = i < end && Character.isLetter(text.charAt(i));
      if (letter && start < 0) {
        start = i;
      } else if (!letter && start >= 0) {
        int length = i - start;
        if (length <= 12 && lower(text, start, length, word)) {
          STOP_WORDS.forEach((language, words) -> {
            if (words.contains(word, 0, length)) {
              counts.merge(language, 1, Integer::sum);
            }
          });
        }
        start = -1;
      }
    }
    int top = counts.values().stream().max(Integer::compare).orElse(0);
    Set<String> languages = new TreeSet<>();
    counts.forEach((language, count) -> {
      if (count >= 3 && count * 5 >= top) {
        languages.add(language);
      }
    });
    if (languages.isEmpty()) {
      languages.add("en");
    }
    return languages;
  }

  /**
   * Lowers {@code length} characters of the text from {@code start} into {@code into}, as
   * {@code toLowerCase(Locale.ROOT)} would; false for a word with a dotted capital I, which lowers to
   * two characters (no stop word has one).
   */
  private static boolean lower(String text, int start, int length, char[] into) {
    for (int i = 0; i < length; i++) {
      char c = text.charAt(start + i);
      if (c == '\u0130') {
        return false;
      }
      into[i] = Character.toLowerCase(c);
    }
    return true;
  }
}
