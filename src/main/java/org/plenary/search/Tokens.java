package org.plenary.search;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * A text cut into words once by the {@link StandardTokenizer}, then replayed into each field that
 * analyses the same text: the plain body, its preview, and each stemmed field. Cutting a text is
 * most of what analysing it costs, and a document's text was cut once per field (three times for an
 * English text). A replay gives each word exactly as the tokenizer gave it (text, offsets, position
 * increment, type), so the filters after it make the same terms as the field's analyzer would.
 *
 * <p>Only where each word starts and ends is kept (a word is the text between its offsets, as the
 * tokenizer applies no character filter), not a copy of its characters.
 */
final class Tokens {

  private final String text;
  private int[] starts = new int[64];
  private int[] ends = new int[64];
  /** Position increments, and the token types as indexes into {@link StandardTokenizer#TOKEN_TYPES}. */
  private int[] increments = new int[64];
  private byte[] types = new byte[64];
  private int size;
  private int endIncrement;

  private Tokens(String text) {
    this.text = text;
  }

  /** The words of {@code text}, as the {@link StandardTokenizer} cuts it. */
  static Tokens of(String text) {
    Tokens tokens = new Tokens(text);
    try (StandardTokenizer tokenizer = new StandardTokenizer()) {
      CharTermAttribute term = tokenizer.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = tokenizer.addAttribute(OffsetAttribute.class);
      PositionIncrementAttribute increment = tokenizer.addAttribute(PositionIncrementAttribute.class);
      TypeAttribute type = tokenizer.addAttribute(TypeAttribute.class);
      tokenizer.setReader(new StringReader(text));
      tokenizer.reset();
      while (tokenizer.incrementToken()) {
        if (offset.endOffset() - offset.startOffset() != term.length()) {
          throw new IllegalStateException("A word is not the text between its offsets");
        }
        tokens.add(offset.startOffset(), offset.endOffset(), increment.getPositionIncrement(), typeIndex(type.type()));
      }
      tokenizer.end();
      tokens.endIncrement = increment.getPositionIncrement();
    } catch (IOException impossible) {
      throw new UncheckedIOException(impossible);
    }
    return tokens;
  }

  private void add(int start, int end, int increment, byte type) {
    if (size == starts.length) {
      int grown = size * 2;
      starts = Arrays.copyOf(starts, grown);
      ends = Arrays.copyOf(ends, grown);
      increments = Arrays.copyOf(increments, grown);
      types = Arrays.copyOf(types, grown);
    }
    starts[size] = start;
    ends[size] = end;
    increments[size] = increment;
    types[size] = type;
    size++;
  }

  private static byte typeIndex(String type) {
    for (int i = 0; i < StandardTokenizer.TOKEN_TYPES.length; i++) {
      if (StandardTokenizer.TOKEN_TYPES[i].equals(type)) {
        return (byte) i;
      }
    }
    throw new IllegalStateException("Unknown token type " + type);
  }

  int size() {
    return size;
  }

  /** Every word, as a stream that can be read once. */
  TokenStream stream() {
    return new Replay(new Tokens[] {this}, text.length(), size);
  }

  /**
   * The words that end within the first {@code chars} characters (a word cut by that limit is left
   * out), as for the text's beginning alone.
   */
  TokenStream upTo(int chars) {
    if (chars >= text.length()) {
      return stream();
    }
    int count = 0;
    while (count < size && ends[count] <= chars) {
      count++;
    }
    return new Replay(new Tokens[] {this}, chars, count);
  }

  /**
   * The words of this text and then those of {@code next}, as the tokenizer would cut the two texts
   * joined; this text must end with a line break, across which the tokenizer never joins two words.
   */
  TokenStream then(Tokens next) {
    if (!text.isEmpty() && text.charAt(text.length() - 1) != '\n') {
      throw new IllegalArgumentException("The first text must end with a line break");
    }
    return new Replay(new Tokens[] {this, next}, text.length() + next.text.length(), -1);
  }

  /** Plays the words of one or more texts (each after the one before, its offsets shifted) back as a token stream. */
  private static final class Replay extends TokenStream {

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);
    private final TypeAttribute type = addAttribute(TypeAttribute.class);
    private final Tokens[] parts;
    private final int length;
    /** How many words of the last part are played (-1: all). */
    private final int limit;
    private int part;
    private int next;
    private int shift;

    Replay(Tokens[] parts, int length, int limit) {
      this.parts = parts;
      this.length = length;
      this.limit = limit;
    }

    @Override
    public boolean incrementToken() {
      while (part < parts.length) {
        Tokens tokens = parts[part];
        int count = part == parts.length - 1 && limit >= 0 ? limit : tokens.size;
        if (next < count) {
          clearAttributes();
          int start = tokens.starts[next];
          int end = tokens.ends[next];
          char[] buffer = term.resizeBuffer(end - start);
          tokens.text.getChars(start, end, buffer, 0);
          term.setLength(end - start);
          offset.setOffset(start + shift, end + shift);
          increment.setPositionIncrement(tokens.increments[next]);
          type.setType(StandardTokenizer.TOKEN_TYPES[tokens.types[next]]);
          next++;
          return true;
        }
        shift += tokens.text.length();
        part++;
        next = 0;
      }
      return false;
    }

    @Override
    public void end() throws IOException {
      super.end();
      offset.setOffset(length, length);
      Tokens last = parts[parts.length - 1];
      // Words the tokenizer skipped at the very end of the text, when the whole of it is played.
      increment.setPositionIncrement(limit < 0 || limit == last.size ? last.endIncrement : 0);
    }

    @Override
    public void reset() throws IOException {
      super.reset();
      part = 0;
      next = 0;
      shift = 0;
    }
  }
}
