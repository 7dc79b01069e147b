package org.plenary.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.plenary.shared.PageController;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.ErrorResponse;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.ModelAndView;

/**
 * Errors that no controller answered (unknown paths, security refusals, failures): a readable
 * page for browsers, an RFC 9457 problem for everyone else. Never a stack trace.
 */
@PageController
@RequestMapping("/error")
class ErrorPageController implements ErrorController {

  /** A request attribute naming the message key of a refusal's own sentence (a CSRF refusal's). */
  static final String DETAIL = ErrorPageController.class.getName() + ".detail";

  private static final java.util.Set<Integer> EXPLAINED = java.util.Set.of(400, 401, 403, 404, 405, 410, 413);

  private final Problems problems;

  ErrorPageController(Problems problems) {
    this.problems = problems;
  }

  @RequestMapping(produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView page(HttpServletRequest request, HttpServletResponse response) throws java.io.IOException {
    if (api(request)) {
      // An address under /api/ answers problems whatever it is asked for: a browser's Accept (HTML first) on
      // an unknown or misspelt API address got the site's 404 page, which no API client reads.
      secure(request, response, SecurityConfiguration.NOTHING_ACTIVE);
      HttpStatus status = status(request);
      problems.said(request, response, status.value(), detail(request, status, Problems.locale(request)));
      return null;
    }
    secure(request, response, SecurityConfiguration.CONTENT_SECURITY_POLICY);
    HttpStatus status = status(request);
    var page = new ModelAndView("error", status);
    page.addObject("status", status.value());
    Locale locale = LocaleContextHolder.getLocale();
    page.addObject("title", problems.title(status, locale));
    page.addObject("detail", detail(request, status, locale));
    return page;
  }

  @RequestMapping
  ResponseEntity<ProblemDetail> problem(HttpServletRequest request, HttpServletResponse response) {
    secure(request, response, SecurityConfiguration.NOTHING_ACTIVE);
    HttpStatus status = status(request);
    Locale locale = Problems.locale(request);
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail(request, status, locale));
    problem.setTitle(problems.title(status, locale));
    if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) {
      try {
        problem.setInstance(java.net.URI.create(uri));
      } catch (IllegalArgumentException unparsable) {
        // The problem is still useful without its instance.
      }
    }
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }

  /** Whether the failed request was one to the API ({@code /api/…}; {@code /api} itself is the description's page). */
  private static boolean api(HttpServletRequest request) {
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String path = uri instanceof String said ? said : request.getRequestURI();
    return path.substring(Math.min(request.getContextPath().length(), path.length())).startsWith("/api/");
  }

  /**
   * The security headers, on an error whose request no filter chain's header writer saw: one Spring
   * Security's firewall refused ahead of every chain ({@code %2e%2e}, {@code ..;}, {@code %25}), or one a
   * filter ahead of the chains answered. The error dispatch itself passes no header writer, so such an
   * answer (a page that could be framed, a problem that could be sniffed) otherwise carried none.
   */
  private static void secure(HttpServletRequest request, HttpServletResponse response, String contentSecurityPolicy) {
    if (response.containsHeader("X-Content-Type-Options")) {
      return;
    }
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Content-Security-Policy", contentSecurityPolicy);
    response.setHeader("Referrer-Policy", "same-origin");
    response.setHeader("Cache-Control", "no-store");
    if (request.isSecure()) {
      // As Spring Security's own writer says it, over TLS only (behind a proxy: X-Forwarded-Proto).
      response.setHeader("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains");
    }
  }

  /**
   * The status of the error being shown; {@code /error} asked for by a client (no error dispatched there) is a
   * path with nothing at it, 404: it was a 500 "something went wrong on our side" for any method.
   */
  private static HttpStatus status(HttpServletRequest request) {
    if (request.getDispatcherType() != jakarta.servlet.DispatcherType.ERROR
        && request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) == null) {
      return HttpStatus.NOT_FOUND;
    }
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
    return status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
  }

  /** Container messages may leak internals, so each status gets a fixed sentence, in the reader's language. */
  private String detail(HttpServletRequest request, HttpStatus status, Locale locale) {
    if (request.getAttribute(DETAIL) instanceof String key) {
      return problems.text(key, locale);
    }
    // A refusal of the framework's that no controller's handler saw (a produces condition not met, so no handler
    // was chosen and the API's advice did not apply): its own sentence, as the advice words it. A PDF, CSV or
    // calendar operation asked for another type said only "Not acceptable." where a JSON one says what it answers in.
    if (request.getAttribute(DispatcherServlet.EXCEPTION_ATTRIBUTE) instanceof ErrorResponse refusal
        && refusal.getStatusCode().value() == status.value() && !status.is5xxServerError()
        && refusal.getClass().getName().startsWith("org.springframework.")) {
      return problems.framework(refusal, status, locale);
    }
    if (EXPLAINED.contains(status.value())) {
      return problems.text("web.error.detail." + status.value(), locale);
    }
    return status.is5xxServerError() ? problems.text("web.error.detail.500", locale)
        : problems.text("web.error.detail.other", locale, problems.title(status, locale));
  }
}
