package org.plenary.archive;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The one spelling of a manifest as bytes: keys in the order given (the manifest fixes it), no
 * spaces, strings in UTF-8 with only {@code "}, {@code \} and control characters escaped, integers
 * in decimal. The server signs these bytes and {@link Verifier} rebuilds them from a parsed manifest,
 * so both sides agree on what was signed without trusting the file's own spelling.
 */
final class CanonicalJson {

  private CanonicalJson() {}

  static byte[] bytes(Object value) {
    var out = new StringBuilder(256);
    write(value, out);
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void write(Object value, StringBuilder out) {
    switch (value) {
      case null -> out.append("null");
      case String s -> string(s, out);
      case Boolean b -> out.append(b);
      case Number n -> out.append(Long.toString(n.longValue()));
      case Map<?, ?> map -> {
        out.append('{');
        boolean first = true;
        for (var entry : map.entrySet()) {
          if (!first) {
            out.append(',');
          }
          first = false;
          string(entry.getKey().toString(), out);
          out.append(':');
          write(entry.getValue(), out);
        }
        out.append('}');
      }
      case List<?> list -> {
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          write(list.get(i), out);
        }
        out.append(']');
      }
      default -> throw new IllegalArgumentException("Not a manifest value: " + value.getClass());
    }
  }

  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }
}
