package org.plenary.search;

import java.io.IOException;
import java.text.Normalizer;
import java.util.function.UnaryOperator;
import org.apache.lucene.analysis.CharArrayMap;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Puts each word through filters that look at one word at a time (lowering, elision, stop words,
 * stemming, normalisation: what each word becomes depends on its letters alone), but each distinct
 * word of a text only once: what it became, or that it was dropped, is remembered until the stream
 * is reset. A long text uses a few thousand words many times over, and running four filters on
 * every occurrence cost more than looking the word up.
 *
 * <p>A dropped word adds its position increment to the next word's (and to the end's), as Lucene's
 * {@link org.apache.lucene.analysis.FilteringTokenFilter} does; offsets and types pass unchanged, as
 * the filters leave them.
 */
final class WordsFilteredOnce extends TokenFilter {

  private static final char[] DROPPED = new char[0];

  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);
  private final CharArrayMap<char[]> became = new CharArrayMap<>(1024, false);
  private final OneWord word;
  private final TokenStream filtered;
  private final CharTermAttribute filteredTerm;
  private int skippedPositions;

  /**
   * {@code filters}: the per-word filters, put after a stream of one word, which gives each word in {@code form}
   * first.
   */
  WordsFilteredOnce(TokenStream words, Normalizer.Form form, UnaryOperator<TokenStream> filters) {
    super(words);
    this.word = new OneWord(form);
    this.filtered = filters.apply(word);
    this.filteredTerm = filtered.addAttribute(CharTermAttribute.class);
  }

  @Override
  public boolean incrementToken() throws IOException {
    while (input.incrementToken()) {
      char[] result = became.get(term.buffer(), 0, term.length());
      if (result == null) {
        result = filter(term.buffer(), term.length());
        became.put(java.util.Arrays.copyOf(term.buffer(), term.length()), result);
      }
      if (result == DROPPED) {
        skippedPositions += increment.getPositionIncrement();
        continue;
      }
      term.copyBuffer(result, 0, result.length);
      if (skippedPositions != 0) {
        increment.setPositionIncrement(increment.getPositionIncrement() + skippedPositions);
        skippedPositions = 0;
      }
      return true;
    }
    return false;
  }

  /** What the filters make of one word: its term, or {@link #DROPPED}. */
  private char[] filter(char[] chars, int length) throws IOException {
    word.set(chars, length);
    filtered.reset();
    try {
      if (!filtered.incrementToken()) {
        return DROPPED;
      }
      char[] result = java.util.Arrays.copyOf(filteredTerm.buffer(), filteredTerm.length());
      if (filtered.incrementToken()) {
        throw new IllegalStateException("A per-word filter made two terms of one word");
      }
      return result;
    } finally {
      filtered.end();
      filtered.close();
    }
  }

  @Override
  public void end() throws IOException {
    super.end();
    increment.setPositionIncrement(increment.getPositionIncrement() + skippedPositions);
  }

  @Override
  public void reset() throws IOException {
    super.reset();
    skippedPositions = 0;
    became.clear();
  }

  /**
   * A stream of one word, fed to the filters: the word in a normal form of Unicode's (composed, NFC, or also with
   * compatibility characters replaced, NFKC), so that the letters of a title typed or pasted decomposed ("e" and a
   * combining acute, as macOS file names and many PDFs give them), or a PDF's ligatures ("ﬁ"), make the same term as
   * the same word typed on a keyboard.
   */
  private static final class OneWord extends TokenStream {

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final Normalizer.Form form;
    private char[] chars = new char[0];
    private int length;
    private boolean given;

    OneWord(Normalizer.Form form) {
      this.form = form;
    }

    void set(char[] source, int length) {
      String composed = composed(source, length);
      if (composed != null) {
        source = composed.toCharArray();
        length = source.length;
      }
      if (chars.length < length) {
        chars = new char[Math.max(length, 2 * chars.length)];
      }
      System.arraycopy(source, 0, chars, 0, length);
      this.length = length;
    }

    /** The word in the form when it is not already (null when it is: below U+00A0 every text is). */
    private String composed(char[] source, int length) {
      int i = 0;
      while (i < length && source[i] < '\u00a0') {
        i++;
      }
      if (i == length) {
        return null;
      }
      String word = new String(source, 0, length);
      return Normalizer.isNormalized(word, form) ? null : Normalizer.normalize(word, form);
    }

    @Override
    public boolean incrementToken() {
      if (given) {
        return false;
      }
      clearAttributes();
      term.copyBuffer(chars, 0, length);
      given = true;
      return true;
    }

    @Override
    public void reset() throws IOException {
      super.reset();
      given = false;
    }
  }
}
