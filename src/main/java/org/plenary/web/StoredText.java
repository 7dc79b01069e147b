package org.plenary.web;

import java.beans.PropertyEditorSupport;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.plenary.shared.DirectionControls;
import org.plenary.shared.MultiLine;
import org.plenary.shared.PasswordBytes;
import org.plenary.shared.PastedLine;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.ValueDeserializer;
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
 *
 * <p>And a text is one line unless its field says it keeps its lines ({@link MultiLine}: a description, a reason, an
 * address, Markdown): in a one-line field (an acronym, a name, a title, an organization) a line break (CR, LF, VT,
 * FF, NEL, U+2028, U+2029) is refused naming the field, or flattened to one space where people paste the text
 * ({@link PastedLine}: a title copied from a PDF). A full name with a line break wrote paragraphs of its own into the
 * mails that quoted it, and every output had to defend itself; rows stored before keep their breaks and are shown as
 * they were.
 *
 * <p>What is taken is composed (Unicode's NFC): "Société" typed or pasted with an "e" and a combining acute (macOS,
 * text copied from many PDFs) is stored as the "Société" typed with "é", so a register, a facet or a sorted list shows
 * it once, and a rule that a value be unique (a circular's number) cannot be passed by its decomposed twin. Never a
 * password ({@link Lines#SECRET}): the sign-in form and FTP read it as sent, and every channel must agree.
 */
final class StoredText {

  static final String CONTROL = "A control character in text";
  static final String DIRECTION = "A direction override left open in text";
  static final String HALVED = "Half of a character in text";
  static final String LINE = "A line break in one-line text";

  /** What a field does with a line break. */
  enum Lines {
    /** Refused: the field is one line (the default). */
    REFUSED,
    /** Flattened to one space: a one-line field people paste ({@link PastedLine}). */
    FLATTENED,
    /** Kept: a field of several lines ({@link MultiLine}). */
    KEPT,
    /**
     * Kept, and never composed: a password ({@link PasswordBytes}), whose characters are the sender's. The sign-in
     * form and FTP's PASS read it as sent, so the token API and the forms that set one must too.
     */
    SECRET;

    static Lines of(MultiLine multiLine, PastedLine pasted, PasswordBytes password) {
      return password != null ? SECRET : multiLine != null ? KEPT : pasted != null ? FLATTENED : REFUSED;
    }
  }

  /** The line breaks of Unicode (UAX #14's mandatory breaks): CR, LF, VT, FF, NEL, LINE and PARAGRAPH SEPARATOR. */
  /** The breaks a pasted line loses ({@link Lines#FLATTENED}): VT and FF stay refused, as every control character. */
  private static final Pattern PASTED_BREAKS =
      Pattern.compile("[ \\t]*(?:[\\r\\n\\u0085\\u2028\\u2029][ \\t]*)+");
  private static final Pattern BREAKS = Pattern.compile("[ \\t]*(?:[\\r\\n\\u000B\\u000C\\u0085\\u2028\\u2029][ \\t]*)+");

  private StoredText() {}

  /** Whether {@code text} holds a character no stored text may hold, or leaves a direction override open. */
  static boolean refused(String text) {
    return controlled(text) || halved(text) || openDirection(text);
  }

  /** The sentence's stand-in for why {@code text} is refused (read back by {@link JsonBodyProblems}). */
  static String why(String text) {
    return openDirection(text) ? DIRECTION : halved(text) ? HALVED : controlled(text) ? CONTROL : LINE;
  }

  /** The message that tells a reader why ({@link #why}) a text was refused: the API's, the forms' and the pages'. */
  static String key(String why) {
    return DIRECTION.equals(why) ? "web.text.direction" : HALVED.equals(why) ? "web.text.halved"
        : LINE.equals(why) ? "web.text.line" : "web.problem.json.control";
  }

  /** Whether {@code text} holds a line break ({@link #BREAKS}). */
  static boolean broken(String text) {
    return holdsBreak(text, true) && BREAKS.matcher(text).find();
  }

  /**
   * Whether {@code text} holds a break of {@link #BREAKS} (with {@code vtAndFf}) or of {@link #PASTED_BREAKS}: a scan
   * that spares nearly every text (a title, a name) the pattern's matcher, which was most of a JSON string's reading.
   */
  private static boolean holdsBreak(String text, boolean vtAndFf) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r' || c == '\n' || c == '\u0085' || c == '\u2028' || c == '\u2029'
          || vtAndFf && (c == '\u000B' || c == '\u000C')) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code text} as a field of {@code lines} takes it: composed (NFC), with its line breaks flattened to one space where
   * the field is pasted; null where it is refused (a character no text may hold, or a line break in a one-line field).
   * A password is taken as sent ({@link Lines#SECRET}).
   */
  static String taken(String text, Lines lines) {
    String line = lines == Lines.FLATTENED && holdsBreak(text, false)
        ? PASTED_BREAKS.matcher(text).replaceAll(" ") : text;
    if (refused(line) || lines == Lines.REFUSED && broken(line)) {
      return null;
    }
    return lines == Lines.SECRET || Normalizer.isNormalized(line, Normalizer.Form.NFC) ? line
        : Normalizer.normalize(line, Normalizer.Form.NFC);
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

  /**
   * Every string of a JSON body the API reads, wherever it stands (a field, a list, a map's value): {@link ApiJson}.
   * A field's own string, or its list's or map's, is one line unless the field says otherwise; a string that is no
   * field's (the body itself) keeps its lines.
   */
  static SimpleModule module() {
    return new SimpleModule("plenary-stored-text").addDeserializer(String.class, new Deserializer(Lines.KEPT));
  }

  private static final class Deserializer extends StringDeserializer {

    private final Lines lines;

    Deserializer(Lines lines) {
      this.lines = lines;
    }

    @Override
    public ValueDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
      if (property == null) {
        return this;
      }
      Lines of = Lines.of(property.getAnnotation(MultiLine.class), property.getAnnotation(PastedLine.class),
          property.getAnnotation(PasswordBytes.class));
      return of == lines ? this : new Deserializer(of);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) {
      String text = super.deserialize(parser, context);
      if (text == null) {
        return null;
      }
      String taken = taken(text, lines);
      if (taken == null) {
        throw InvalidFormatException.from(parser, why(text), text, String.class);
      }
      return taken;
    }
  }

  /**
   * How each text of a form or a request of {@code type} takes line breaks, by property path with the indices and
   * keys left out ({@code hotels.address}, {@code items.translations}): those not {@link Lines#REFUSED}. The fields of
   * the type, of its rows (lists, sets and maps of Plenary's own classes) and of its nested classes.
   */
  static Map<String, Lines> lines(Class<?> type) {
    return LINES.computeIfAbsent(type, t -> {
      Map<String, Lines> found = new LinkedHashMap<>();
      walk(t, "", found, 0);
      return Map.copyOf(found);
    });
  }

  private static final Map<Class<?>, Map<String, Lines>> LINES = new ConcurrentHashMap<>();

  private static void walk(Class<?> type, String prefix, Map<String, Lines> found, int depth) {
    if (depth > 5) {
      return;
    }
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers()) || field.isSynthetic()) {
          continue;
        }
        String path = prefix + field.getName();
        Lines lines = Lines.of(field.getAnnotation(MultiLine.class), field.getAnnotation(PastedLine.class),
            field.getAnnotation(PasswordBytes.class));
        Class<?> element = element(field.getGenericType());
        if (element == String.class) {
          if (lines != Lines.REFUSED) {
            found.put(path, lines);
          }
        } else if (element != null && element.getName().startsWith("org.plenary.") && !element.isEnum()) {
          walk(element, path + ".", found, depth + 1);
        }
      }
    }
  }

  /** The class a field holds text or rows of: its own, or its list's, set's or map's values'. */
  private static Class<?> element(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
      Type[] args = p.getActualTypeArguments();
      if (java.util.Collection.class.isAssignableFrom(raw) && args.length == 1) {
        return element(args[0]);
      }
      if (Map.class.isAssignableFrom(raw) && args.length == 2) {
        return element(args[1]);
      }
    }
    return null;
  }

  /**
   * Every text a page's form binds ({@link PageErrorHandler} registers it on each binder): one line, but on the
   * paths {@link #lines} names.
   */
  static final class Editor extends PropertyEditorSupport {

    private final Lines lines;

    Editor() {
      this(Lines.REFUSED);
    }

    Editor(Lines lines) {
      this.lines = lines;
    }

    @Override
    public void setAsText(String text) {
      if (text == null) {
        setValue(null);
        return;
      }
      String taken = taken(text, lines);
      if (taken == null) {
        throw new IllegalArgumentException(why(text));
      }
      setValue(taken);
    }
  }
}
