package org.plenary.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Reads a Content-Disposition header back: its ASCII {@code filename} and its RFC 5987 {@code filename*}, decoded. */
public record Dispositions(String type, String ascii, String readable) {

  private static final Pattern HEADER =
      Pattern.compile("(inline|attachment); filename=\"([\\x20-\\x7e&&[^\"]]+)\"; filename\\*=UTF-8''([A-Za-z0-9!#$&+\\-.^_`|~%]+)");

  /** Fails unless the header has exactly that form: an ASCII name, then the UTF-8 one percent-encoded. */
  public static Dispositions of(String header) {
    var m = HEADER.matcher(header == null ? "" : header);
    if (!m.matches()) {
      throw new AssertionError("Not an RFC 6266 disposition with an ASCII and a UTF-8 name: " + header);
    }
    return new Dispositions(m.group(1), m.group(2),
        URLDecoder.decode(m.group(3).replace("+", "%2B"), StandardCharsets.UTF_8));
  }
}
