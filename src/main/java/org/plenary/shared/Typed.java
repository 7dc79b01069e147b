package org.plenary.shared;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * What a person typed in a form that was refused, carried with the redirect back to the page of the
 * form (as the flash attribute {@code typed}), so that the page shows the form as it was sent instead
 * of empty: {@code th:value="${typed?.at('/groups/cloud/living-list', 'bodyGroup')}"}. A page with
 * several forms of the same fields (one per row) tells them apart by the action they were sent to.
 * Serializable: a flash attribute lives in the session, which the database keeps (Spring Session JDBC).
 */
public record Typed(String action, Map<String, String> values) implements java.io.Serializable {

  /** The fields of the request being handled (the first value of each; never the CSRF token). */
  public static Typed ofCurrentRequest() {
    var request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
    var values = new LinkedHashMap<String, String>();
    request.getParameterMap().forEach((name, sent) -> {
      if (!name.equals("_csrf") && sent.length > 0) {
        values.put(name, shown(sent[0]));
      }
    });
    return new Typed(request.getRequestURI(), Map.copyOf(values));
  }

  /**
   * The text as a page can show it again: a control character that no text may hold (a NUL, a BEL) or half of a
   * character becomes U+FFFD, which marks where it stood; HTML has no way to carry it, and the field's error says why.
   */
  static String shown(String text) {
    StringBuilder shown = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean control = c < 0x20 && c != '\t' && c != '\n' && c != '\r';
      boolean half = Character.isHighSurrogate(c) ? i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))
          : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
      shown.append(control || half ? '\uFFFD' : c);
    }
    return shown.toString();
  }

  /** The value typed in {@code field} of the form sent to {@code action}; null for another form. */
  public String at(String action, String field) {
    return this.action.equals(action) ? values.get(field) : null;
  }
}
