package org.plenary.search;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArrayMap;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.ar.ArabicNormalizationFilter;
import org.apache.lucene.analysis.ar.ArabicStemFilter;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.core.DecimalDigitFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.es.SpanishLightStemFilter;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.util.ElisionFilter;
import org.tartarus.snowball.ext.RussianStemmer;

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

  private static final String[] COUNTED = STOP_WORDS.keySet().toArray(String[]::new);

  /**
   * Every stop word of {@link #STOP_WORDS} and, as bits in the order of {@link #COUNTED}, the
   * languages whose list has it: one look-up a word rather than one per language.
   */
  private static final CharArrayMap<Integer> STOP_WORD_LANGUAGES = new CharArrayMap<>(1024, false);

  /**
   * The first letters of the stop words: a word that starts otherwise is none, and is not looked up.
   * A look-up hashes the word and probes the map until it meets an empty slot; for a text whose short
   * words are mostly no stop word (the document cycle's bytes read as Windows-1252: single letters
   * such as "ƒ", "µ", "ª") those probes were most of the time spent telling its languages.
   */
  private static final java.util.BitSet STOP_WORD_FIRSTS = new java.util.BitSet(1 << 16);

  static {
    for (int l = 0; l < COUNTED.length; l++) {
      for (Object word : STOP_WORDS.get(COUNTED[l])) {
        char[] chars = (char[]) word;
        Integer before = STOP_WORD_LANGUAGES.get(chars, 0, chars.length);
        STOP_WORD_LANGUAGES.put(chars, (before == null ? 0 : before) | (1 << l));
        if (chars.length > 0) {
          STOP_WORD_FIRSTS.set(chars[0]);
        }
      }
    }
  }

  private static final Analyzer PLAIN = new Analyzer() {
    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      StandardTokenizer tokenizer = new StandardTokenizer();
      return new TokenStreamComponents(tokenizer, plain(tokenizer));
    }
  };

  /**
   * Each stemmed field's filters, as its language's analyzer puts them after its
   * {@link StandardTokenizer} (with its default stop words and no words kept from stemming), to be
   * put after {@link Tokens} cut once for every field. The analyzers still analyse queries;
   * AnalysisTests check that both make the same terms.
   */
  private static final Map<String, UnaryOperator<TokenStream>> STEMMING = Map.of(
      "en", words -> new PorterStemFilter(new StopFilter(new LowerCaseFilter(new EnglishPossessiveFilter(words)),
          EnglishAnalyzer.ENGLISH_STOP_WORDS_SET)),
      "fr", words -> new FrenchLightStemFilter(new StopFilter(new LowerCaseFilter(
          new ElisionFilter(words, FrenchAnalyzer.DEFAULT_ARTICLES)), FrenchAnalyzer.getDefaultStopSet())),
      "es", words -> new SpanishLightStemFilter(new StopFilter(new LowerCaseFilter(words),
          SpanishAnalyzer.getDefaultStopSet())),
      "ru", words -> new SnowballFilter(new StopFilter(new LowerCaseFilter(words), RussianAnalyzer.getDefaultStopSet()),
          new RussianStemmer()),
      "ar", words -> new ArabicStemFilter(new ArabicNormalizationFilter(new StopFilter(
          new DecimalDigitFilter(new LowerCaseFilter(words)), ArabicAnalyzer.getDefaultStopSet()))));

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

  /**
   * The unstemmed terms ({@code body}, {@code meta}, the preview) of words cut by the tokenizer: each
   * word in NFKC (composed, ligatures as their letters), widened or narrowed, lowered and normalised (once per
   * distinct word), then Chinese, Japanese and Korean cut into pairs, which looks at the words around.
   */
  static TokenStream plain(TokenStream words) {
    TokenStream stream = new WordsFilteredOnce(words, java.text.Normalizer.Form.NFKC,
        word -> new ArabicNormalizationFilter(new LowerCaseFilter(new CJKWidthFilter(word))));
    return new CJKBigramFilter(stream);
  }

  /**
   * The terms of a language's stemmed field, of words cut by the tokenizer, each composed (NFC, as queries reach
   * the language's analyzer: {@link Search}). Every filter of a stemmed field looks at one word at a time, so each
   * distinct word is filtered once.
   */
  static TokenStream stemmed(String language, TokenStream words) {
    UnaryOperator<TokenStream> filters = STEMMING.get(language);
    if (filters == null) {
      throw new IllegalArgumentException("No stemmed field for " + language);
    }
    return new WordsFilteredOnce(words, java.text.Normalizer.Form.NFC, filters);
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
    int[] counts = new int[COUNTED.length];
    int end = Math.min(text.length(), 200_000);
    int start = -1;
    // Each word is lowered into this buffer and looked up in place, without a string per word.
    char[] word = new char[12];
    for (int i = 0; i <= end; i++) {
      boolean letter = i < end && isLetter(text.charAt(i));
      if (letter && start < 0) {
        start = i;
      } else if (!letter && start >= 0) {
        int length = i - start;
        if (length <= 12 && lower(text, start, length, word) && STOP_WORD_FIRSTS.get(word[0])) {
          Integer in = STOP_WORD_LANGUAGES.get(word, 0, length);
          for (int l = 0; in != null && l < COUNTED.length; l++) {
            if ((in & (1 << l)) != 0) {
              counts[l]++;
            }
          }
        }
        start = -1;
      }
    }
    int top = java.util.Arrays.stream(counts).max().orElse(0);
    Set<String> languages = new TreeSet<>();
    for (int l = 0; l < COUNTED.length; l++) {
      if (counts[l] >= 3 && counts[l] * 5 >= top) {
        languages.add(COUNTED[l]);
      }
    }
    if (languages.isEmpty()) {
      languages.add("en");
    }
    return languages;
  }

  private static boolean isLetter(char c) {
    if (c < 0x80) {
      int lowered = (c | 0x20) - 'a';
      return lowered >= 0 && lowered < 26;
    }
    return Character.isLetter(c);
  }

  /**
   * Lowers {@code length} characters of the text from {@code start} into {@code into}, as
   * {@code toLowerCase(Locale.ROOT)} would; false for a word with a dotted capital I, which lowers to
   * two characters (no stop word has one). ASCII letters are lowered in place: asking
   * {@link Character#toLowerCase(char)} for every letter of a long text was a twentieth of the indexer's profile.
   */
  private static boolean lower(String text, int start, int length, char[] into) {
    for (int i = 0; i < length; i++) {
      char c = text.charAt(start + i);
      if (c < 0x80) {
        into[i] = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
      } else if (c == '\u0130') {
        return false;
      } else {
        into[i] = Character.toLowerCase(c);
      }
    }
    return true;
  }
}
