package org.plenary.web;

import java.beans.PropertyEditorSupport;
import org.plenary.shared.DirectionControls;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;

/**
 * Text that people type (a title, a name, an address, an agenda item) takes no control character but tab
 * and line breaks, nor U+FFFE and U+FFFF: PostgreSQL stores no NUL (an allocation titled with one was a 500,
 * "invalid byte sequence for encoding UTF8: 0x00", where the embedded database kept it), and XML (the Atom
 * feed, Office documents) takes none of the others; nor half of a character (a UTF-16 surrogate alone), which no
 * UTF-8 holds. Refused where all text comes in: every string of an API
 * body (a problem naming the field) and every text a page's form binds (a field error beside the field).
 *
 * <p>Nor may it leave a direction embedding, override or isolate open (U+202A–U+202E, U+2066–U+2068 without
 * their U+202C or U+2069): a name ending in RIGHT-TO-LEFT OVERRIDE turned "report_fdp.exe" into "report_exe.pdf"
 * and reversed whatever a page, a listing line or a mail put after it. Closed ones stay (an Arabic name may
 * embed a Latin word), and so do the marks (U+200E, U+200F, U+061C), which reorder nothing after them.
 */
final class StoredText {

  static final String CONTROL = "A control character in text";
  static final String DIRECTION = "A direction override left open in text";
  static final String HALVED = "Half of a character in text";

  private StoredText() {}

  /** Whether {@code text} holds a character no stored text may hold, or leaves a direction override open. */
  static boolean refused(String text) {
    return controlled(text) || halved(text) || openDirection(text);
  }

  /** The sentence's stand-in for why {@code text} is refused (read back by {@link JsonBodyProblems}). */
  static String why(String text) {
    return openDirection(text) ? DIRECTION : halved(text) ? HALVED : CONTROL;
  }

  private static boolean controlled(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == '\uFFFE' || c == '\uFFFF') {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a UTF-16 surrogate stands without its other half: JSON can write one ({@code "\\ud800"}), no UTF-8
   * can hold it, so the embedded database kept it, PostgreSQL's driver stored a "?" instead, and a page showed "?"
   * while the API's answer echoed the half back. A form cannot send one (its bytes are no UTF-8: a 400).
   */
  static boolean halved(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether an embedding or override (LRE, RLE, LRO, RLO) is left without its POP DIRECTIONAL FORMATTING, or an
   * isolate (LRI, RLI, FSI) without its POP DIRECTIONAL ISOLATE, at the end of the text; as the Unicode bidirectional
   * algorithm pairs them (X1–X8): a PDI closes the isolate it matches and any embedding opened inside it, a PDF
   * closes the last embedding but never across an isolate, and a closer with nothing to close is harmless.
   */
  static boolean openDirection(String text) {
    return !closers(text).isEmpty();
  }

  /** What closes every direction control {@code text} leaves open ({@link DirectionControls#closers}). */
  static String closers(String text) {
    return DirectionControls.closers(text);
  }

  /** Every string of a JSON body the API reads, wherever it stands (a field, a list, a map's value): {@link ApiJson}. */
  static SimpleModule module() {
    return new SimpleModule("plenary-stored-text").addDeserializer(String.class, new StringDeserializer() {
      @Override
      public String deserialize(JsonParser parser, DeserializationContext context) {
        String text = super.deserialize(parser, context);
        if (text != null && refused(text)) {
          throw InvalidFormatException.from(parser, why(text), text, String.class);
        }
        return text;
      }
    });
  }

  /** Every text a page's form binds ({@link PageErrorHandler} registers it on each binder). */
  static final class Editor extends PropertyEditorSupport {

    @Override
    public void setAsText(String text) {
      if (text != null && refused(text)) {
        throw new IllegalArgumentException(why(text));
      }
      setValue(text);
    }
  }
}
