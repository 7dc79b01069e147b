package org.plenary.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;

/** RFC 9457 problems written by the security filters, before any controller runs. */
final class Problems {

  /** The challenge of every 401 of the API (RFC 6750). */
  static final String CHALLENGE = "Bearer realm=\"plenary\"";
  /** What a 401 tells someone who sent no token. */
  static final String SIGN_IN_FIRST = "Sign in first: send Authorization: Bearer <token>, created with POST /api/v1/tokens.";

  private Problems() {}

  static void unauthorized(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    response.setHeader("WWW-Authenticate", CHALLENGE);
    write(response, 401, SIGN_IN_FIRST);
  }

  static void forbidden(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    write(response, 403, "Your account may not do this.");
  }

  static void write(HttpServletResponse response, int status, String detail) throws IOException {
    response.setStatus(status);
    response.setContentType("application/problem+json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + HttpStatus.valueOf(status).getReasonPhrase()
        + "\",\"status\":" + status + ",\"detail\":\"" + json(detail) + "\"}");
  }

  private static String json(String text) {
    var out = new StringBuilder();
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
