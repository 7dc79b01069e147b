package org.plenary.ops;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.plenary.shared.DatabaseUnreachable;
import org.plenary.shared.DiskFull;
import org.plenary.shared.Languages;
import org.plenary.shared.ServerBusy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Outside every other filter: a request that failed because the database could not be reached
 * answers 503 with {@code Retry-After} (Hikari gets a connection again by itself once the database is
 * back, so the service recovers without a restart), and so does one refused because the node is busy
 * with enough work of its kind ({@link ServerBusy}); one that failed because the disk is full answers
 * 507. The body is a problem, or a short page for a browser's page request. Any other failure passes
 * on to the usual error handling.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class UnavailableAnswers extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(UnavailableAnswers.class);

  private final MessageSource messages;
  private final ObjectProvider<LocaleResolver> languages;

  UnavailableAnswers(MessageSource messages, ObjectProvider<LocaleResolver> languages) {
    this.messages = messages;
    this.languages = languages;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      chain.doFilter(request, response);
    } catch (ServletException | IOException | RuntimeException e) {
      if (response.isCommitted()) {
        throw e;
      }
      if (DiskFull.causedBy(e)) {
        log.error("The document store is full: refused {} {}", request.getMethod(), request.getRequestURI());
        problem(response, HttpStatus.INSUFFICIENT_STORAGE, DiskFull.SENTENCE, request);
      } else if (DatabaseUnreachable.causedBy(e)) {
        log.warn("The database cannot be reached: {} {} answered 503 ({})", request.getMethod(), request.getRequestURI(),
            e.toString());
        response.setHeader("Retry-After", "5");
        problem(response, HttpStatus.SERVICE_UNAVAILABLE, DatabaseUnreachable.SENTENCE, request);
      } else if (ServerBusy.causedBy(e)) {
        log.warn("Busy: {} {} answered 503 ({})", request.getMethod(), request.getRequestURI(), e.toString());
        response.setHeader("Retry-After", "5");
        problem(response, HttpStatus.SERVICE_UNAVAILABLE, ServerBusy.SENTENCE, request);
      } else {
        throw e;
      }
    }
  }

  /** An RFC 9457 problem whose title and detail are the bundle's {@code sentence} (and its title) in the reader's language. */
  private void problem(HttpServletResponse response, HttpStatus status, String sentence, HttpServletRequest request)
      throws IOException {
    Locale locale = language(request);
    String title = messages.getMessage(sentence + ".title", null, status.getReasonPhrase(), locale);
    String detail = messages.getMessage(sentence, null, locale);
    response.resetBuffer();
    response.setStatus(status.value());
    if (page(request)) {
      // A page's reader gets a page; it names nothing that needs the database (no account, no layout).
      response.setContentType("text/html");
      response.setCharacterEncoding("UTF-8");
      response.setHeader("Content-Language", locale.toLanguageTag());
      response.getWriter().write("<!DOCTYPE html>\n<html lang=\"" + locale.toLanguageTag() + "\" dir=\""
          + (Languages.rightToLeft(locale) ? "rtl" : "ltr") + "\"><head><meta charset=\"utf-8\">"
          + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + html(title)
          + "</title><link rel=\"stylesheet\" href=\"/css/plenary.css\"></head><body><main id=\"main\"><h1>"
          + html(title) + "</h1><p role=\"alert\">" + html(detail) + "</p></main></body></html>\n");
      return;
    }
    response.setContentType("application/problem+json");
    response.setCharacterEncoding("UTF-8");
    response.setHeader("Content-Language", locale.toLanguageTag());
    response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + json(title) + "\",\"status\":"
        + status.value() + ",\"detail\":\"" + json(detail) + "\",\"instance\":\"" + json(request.getRequestURI()) + "\"}");
  }

  /**
   * The reader's language as the pages choose it; when that choice needs the database that is not
   * there (an account's preferred language), the browser's {@code Accept-Language}.
   */
  private Locale language(HttpServletRequest request) {
    try {
      LocaleResolver resolver = languages.getIfAvailable();
      if (resolver != null) {
        return resolver.resolveLocale(request);
      }
    } catch (RuntimeException unavailableToo) {
      log.debug("The reader's language could not be resolved ({}); Accept-Language is used", unavailableToo.toString());
    }
    return Languages.nearest(request.getLocale());
  }

  /** A browser's page request (it takes HTML), not the API's or the actuator's. */
  private static boolean page(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    String accept = request.getHeader("Accept");
    return !path.startsWith("/api/") && !path.startsWith("/actuator") && accept != null && accept.contains("text/html");
  }

  private static String html(String text) {
    return org.springframework.web.util.HtmlUtils.htmlEscape(text, "UTF-8");
  }

  private static String json(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("[\\x00-\\x1f]", "");
  }
}
