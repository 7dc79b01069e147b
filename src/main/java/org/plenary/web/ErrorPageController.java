package org.plenary.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Errors that no controller answered (unknown paths, security refusals, failures): a readable
 * page for browsers, an RFC 9457 problem for everyone else. Never a stack trace.
 */
@Controller
@RequestMapping("/error")
class ErrorPageController implements ErrorController {

  @RequestMapping(produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView page(HttpServletRequest request) {
    HttpStatus status = status(request);
    var page = new ModelAndView("error", status);
    page.addObject("status", status.value());
    page.addObject("title", status.getReasonPhrase());
    page.addObject("detail", detail(status));
    return page;
  }

  @RequestMapping
  ResponseEntity<ProblemDetail> problem(HttpServletRequest request) {
    HttpStatus status = status(request);
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail(status));
    if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) {
      try {
        problem.setInstance(java.net.URI.create(uri));
      } catch (IllegalArgumentException unparsable) {
        // The problem is still useful without its instance.
      }
    }
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }

  private static HttpStatus status(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
    return status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
  }

  /** Container messages may leak internals, so each status gets a fixed sentence. */
  private static String detail(HttpStatus status) {
    return switch (status) {
      case NOT_FOUND -> "There is nothing at this address.";
      case GONE -> "This document was withdrawn; the register keeps its entry.";
      case FORBIDDEN -> "Your account may not do this.";
      case UNAUTHORIZED -> "Sign in first.";
      case METHOD_NOT_ALLOWED -> "This address does not accept that method.";
      case BAD_REQUEST -> "The request could not be understood.";
      default -> status.is5xxServerError() ? "Something went wrong on our side; it has been logged."
          : status.getReasonPhrase() + ".";
    };
  }
}
