package org.plenary.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;

/**
 * RFC 9457 problems written by the security filters, before any controller runs, and the words of
 * every problem: {@code title} and {@code detail} in the language of {@code Accept-Language}
 * ({@code type} and status never change).
 */
@Component
class Problems {

  /** The challenge of every 401 of the API (RFC 6750). */
  static final String CHALLENGE = "Bearer realm=\"plenary\"";

  private final MessageSource messages;

  Problems(MessageSource messages) {
    this.messages = messages;
  }

  void unauthorized(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    response.setHeader("WWW-Authenticate", CHALLENGE);
    write(request, response, 401, "web.problem.sign-in-first");
  }

  void forbidden(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    write(request, response, 403, "web.problem.forbidden");
  }

  /** The title of a status in {@code locale} ("Not found", "Introuvable"), else its reason phrase. */
  String title(HttpStatus status, Locale locale) {
    return messages.getMessage("web.status." + status.value(), null, status.getReasonPhrase(), locale);
  }

  /** The sentence of an exception in {@code locale} when it carries a message key, else its own message. */
  String detail(Exception e, Locale locale) {
    return e instanceof org.springframework.context.MessageSourceResolvable said
        ? messages.getMessage(said, locale) : e.getMessage();
  }

  /**
   * The sentence of one of the framework's own refusals ({@link ErrorResponse}: a parameter or part missing, a
   * media type not taken or not given), from {@code web.problem.framework.<exception's simple name>} with the
   * exception's arguments, else the status's fixed sentence: never the framework's English.
   */
  String framework(ErrorResponse e, HttpStatus status, Locale locale) {
    String key = "web.problem.framework." + e.getClass().getSimpleName();
    String said = messages.getMessage(key,
        org.plenary.shared.Echoed.clamped(e.getDetailMessageArguments(messages, locale)), null, locale);
    if (said != null) {
      return said;
    }
    String fixed = messages.getMessage("web.error.detail." + status.value(), null, null, locale);
    return fixed != null ? fixed : status.is5xxServerError() ? text("web.error.detail.500", locale)
        : text("web.error.detail.other", locale, title(status, locale));
  }

  /** {@code key} in {@code locale}; a text among {@code args} is quoted clamped ({@link org.plenary.shared.Echoed}). */
  String text(String key, Locale locale, Object... args) {
    return messages.getMessage(key, org.plenary.shared.Echoed.clamped(args), locale);
  }

  /** The language of a request's problems: the best of the six for its {@code Accept-Language}. */
  static Locale locale(HttpServletRequest request) {
    return LanguageResolver.fromAcceptLanguage(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
  }

  void write(HttpServletRequest request, HttpServletResponse response, int status, String key, Object... args)
      throws IOException {
    said(request, response, status, text(key, locale(request), args));
  }

  /** A problem of {@code status} whose detail is {@code detail}, already in the request's language. */
  void said(HttpServletRequest request, HttpServletResponse response, int status, String detail) throws IOException {
    Locale locale = locale(request);
    response.setStatus(status);
    response.setContentType("application/problem+json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setHeader(HttpHeaders.CONTENT_LANGUAGE, locale.toLanguageTag());
    response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + json(title(HttpStatus.valueOf(status), locale))
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
