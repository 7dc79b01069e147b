package org.plenary.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * What was wrong with a JSON body the API could not read, as the reader's mistake: the field whose
 * value has the wrong type (with the type it takes), the line and column where the JSON breaks, a
 * body missing or too deep, instead of the framework's "Failed to read request".
 */
final class JsonBodyProblems {

  /** The field at fault (null when the body as a whole is), the message key and its arguments. */
  record Said(String field, String key, Object... args) {}

  private JsonBodyProblems() {}

  static Said of(HttpMessageNotReadableException e) {
    Throwable cause = reading(e);
    if (cause instanceof tools.jackson.databind.exc.InvalidFormatException text && text.getTargetType() == String.class
        && !text.getPath().isEmpty()) {
      String why = text.getOriginalMessage();
      return new Said(path(text), StoredText.key(why));
    }
    if (cause instanceof UnrecognizedPropertyException unknown) {
      return new Said(path(unknown), "web.problem.json.unknown", unknown.getPropertyName(), known(unknown));
    }
    if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
      return new Said(path(mismatch), "web.problem.json.expected", expected(mismatch.getTargetType()));
    }
    if (cause instanceof InputCoercionException coercion && !coercion.getPath().isEmpty()) {
      return new Said(path(coercion), "web.problem.json.expected", expected(coercion.getTargetType()));
    }
    if (cause instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      return new Said(null, "web.problem.json.body", expected(mismatch.getTargetType()));
    }
    if (cause instanceof StreamConstraintsException) {
      return new Said(null, "web.problem.json.tooLarge");
    }
    if (cause instanceof StreamReadException read && String.valueOf(read.getOriginalMessage()).startsWith(ApiJson.DUPLICATE)) {
      String named = read.getOriginalMessage().substring(ApiJson.DUPLICATE.length());
      return new Said(null, "web.problem.json.duplicate", named.substring(0, Math.max(0, named.lastIndexOf('"'))));
    }
    if (cause instanceof StreamReadException read && read.getLocation() != null && read.getLocation().getLineNr() > 0) {
      return new Said(null, "web.problem.json.malformed", read.getLocation().getLineNr(), read.getLocation().getColumnNr());
    }
    if (String.valueOf(e.getMessage()).startsWith("Required request body is missing")) {
      return new Said(null, "web.problem.json.missing");
    }
    return new Said(null, "web.problem.json.unreadable");
  }

  /**
   * A query or path parameter of the wrong type ({@code ?limit=abc}, {@code ?limit=99999999999}): the
   * parameter and what it takes, as for a field of the body (the framework said "Failed to convert").
   */
  static Said of(org.springframework.beans.TypeMismatchException e) {
    return new Said(e.getPropertyName(), "web.problem.json.expected", expected(e.getRequiredType()));
  }

  /**
   * The reader's deepest exception of its own, not the most specific cause: a time or a zone that does not parse
   * ({@code "openingTime": "xx…"}) is Jackson's, naming the field, around java.time's DateTimeParseException, which
   * names none (the problem said only that the body could not be read).
   */
  private static Throwable reading(HttpMessageNotReadableException e) {
    Throwable found = e.getMostSpecificCause();
    for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
      if (t instanceof JacksonException) {
        found = t;
      }
    }
    return found;
  }

  /** The properties the object takes, in the order of their names: what a client that misspelt one meant. */
  private static Names known(UnrecognizedPropertyException e) {
    return new Names(e.getKnownPropertyIds() == null ? List.of()
        : e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList());
  }

  /** Names listed for the reader, joined as the reader's language lists items ({@code Listed.items}). */
  record Names(List<String> names) {}

  /** {@code title}, {@code agendaItemIds[0]}, {@code translations.fr.name}. */
  private static String path(JacksonException e) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference ref : e.getPath()) {
      if (ref.getPropertyName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  /** The words for what a field of this type takes: a key of the web bundle, or the enum's values. */
  private static Object expected(Class<?> type) {
    if (type == null) {
      return new Key("object");
    }
    if (type.isEnum()) {
      return new Key("oneOf", org.plenary.shared.Listed.items(org.plenary.shared.Words.reader(),
          Arrays.stream(type.getEnumConstants()).map(String::valueOf).toList()));
    }
    if (type == String.class || type == char.class || type == Character.class) {
      return new Key("text");
    }
    if (type == boolean.class || type == Boolean.class) {
      return new Key("boolean");
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return new Key("number");
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return new Key("list");
    }
    if (type == LocalDate.class) {
      return new Key("date");
    }
    if (type == LocalTime.class) {
      return new Key("time");
    }
    if (type == Instant.class || type == OffsetDateTime.class || type == ZonedDateTime.class
        || type == LocalDateTime.class) {
      return new Key("dateTime");
    }
    return new Key("object");
  }

  /** A type's words, {@code web.problem.json.type.<name>}, said in the reader's language where it is used. */
  record Key(String name, Object... args) {
    String code() {
      return "web.problem.json.type." + name;
    }
  }
}
