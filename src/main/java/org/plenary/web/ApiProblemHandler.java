package org.plenary.web;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.plenary.shared.InvalidInputException;
import org.plenary.shared.Listed;
import org.plenary.shared.RefusedException;
import org.plenary.shared.Violation;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.ErrorResponse;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every error of the JSON API as an RFC 9457 problem; invalid fields are listed under {@code errors}. */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiProblemHandler extends ResponseEntityExceptionHandler {

  private final String uploadLimit;
  private final Problems problems;

  ApiProblemHandler(@Value("${spring.servlet.multipart.max-file-size}") String uploadLimit, Problems problems) {
    this.uploadLimit = uploadLimit;
    this.problems = problems;
  }

  @ExceptionHandler(InvalidInputException.class)
  ProblemDetail invalid(InvalidInputException e) {
    return withErrors(e.violations(), e.total());
  }

  @Override
  protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem(HttpStatus.CONTENT_TOO_LARGE,
        text("web.problem.too-large", uploadLimit)));
  }

  /** A multipart body cut short or malformed (the API's streamed upload finds out while reading it). */
  @ExceptionHandler(MultipartException.class)
  ProblemDetail badMultipart(MultipartException e) {
    return problem(HttpStatus.BAD_REQUEST, text("web.problem.bad-multipart"));
  }

  @ExceptionHandler(RefusedException.class)
  ProblemDetail refused(RefusedException e) {
    ProblemDetail problem = problem(HttpStatus.valueOf(e.httpStatus()), problems.detail(e, LocaleContextHolder.getLocale()));
    e.problemProperties().forEach(problem::setProperty);
    return problem;
  }

  @ExceptionHandler(NoSuchElementException.class)
  ProblemDetail notFound(NoSuchElementException e) {
    return problem(HttpStatus.NOT_FOUND, problems.detail(e, LocaleContextHolder.getLocale()));
  }

  @ExceptionHandler(DuplicateKeyException.class)
  ProblemDetail conflict(DuplicateKeyException e) {
    return problem(HttpStatus.CONFLICT, text("web.problem.conflict"));
  }

  /** A value longer than its column that no bound caught: 400 with a sentence; anything else stays a 500. */
  @ExceptionHandler(DataAccessException.class)
  ProblemDetail tooLong(DataAccessException e) {
    if (!TooLongValue.in(e)) {
      throw e;
    }
    return problem(HttpStatus.BAD_REQUEST, text("web.problem.too-long"));
  }

  @ExceptionHandler(AccessDeniedException.class)
  ResponseEntity<ProblemDetail> denied(AccessDeniedException e) {
    var authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
      return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, Problems.CHALLENGE)
          .body(problem(HttpStatus.UNAUTHORIZED, text("web.problem.sign-in-first")));
    }
    return ResponseEntity.status(HttpStatus.FORBIDDEN)
        .body(problem(HttpStatus.FORBIDDEN, text("web.problem.forbidden")));
  }

  /** A body that is no JSON, or whose field has the wrong type: the field and what it takes, or where the JSON breaks. */
  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    Violation said = said(JsonBodyProblems.of(e));
    return ResponseEntity.badRequest().body(said.field() == null ? problem(HttpStatus.BAD_REQUEST, said.message())
        : withErrors(List.of(said)));
  }

  /** A parameter of the wrong type: the parameter and what it takes, like a field of the body. */
  @Override
  protected ResponseEntity<Object> handleTypeMismatch(org.springframework.beans.TypeMismatchException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    if (e.getPropertyName() == null) {
      return super.handleTypeMismatch(e, headers, status, request);
    }
    return ResponseEntity.badRequest().body(withErrors(List.of(said(JsonBodyProblems.of(e)))));
  }

  private Violation said(JsonBodyProblems.Said said) {
    Object[] args = Arrays.stream(said.args()).map(a -> switch (a) {
      case JsonBodyProblems.Key key -> text(key.code(), key.args());
      case JsonBodyProblems.Names names -> Listed.items(LocaleContextHolder.getLocale(), names.names());
      default -> a;
    }).toArray();
    return new Violation(said.field(), text(said.key(), args));
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    var violations = new java.util.ArrayList<Violation>();
    e.getBindingResult().getFieldErrors()
        .forEach(error -> violations.add(new Violation(error.getField(), org.plenary.shared.Refused.said(error))));
    e.getBindingResult().getGlobalErrors()
        .forEach(error -> violations.add(new Violation(error.getObjectName(), error.getDefaultMessage())));
    return ResponseEntity.badRequest().body(withErrors(violations));
  }

  /**
   * Every problem of the framework's own handlers (a missing parameter or part, an unsupported media type, a
   * representation that cannot be given) gets its title and detail in the request's language too. Most of
   * them arrive here without a body yet, which the framework would then fill with its English sentence.
   */
  @Override
  protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    Object said = body == null && e instanceof ErrorResponse framework ? framework.getBody() : body;
    HttpStatus known = HttpStatus.resolve(status.value());
    if (said instanceof ProblemDetail problem && known != null) {
      Locale locale = LocaleContextHolder.getLocale();
      problem.setTitle(problems.title(known, locale));
      if (e instanceof ErrorResponse framework && body == null && saysItsOwnSentence(e)) {
        problem.setDetail(problems.framework(framework, known, locale));
      }
    }
    return super.handleExceptionInternal(e, said, headers, status, request);
  }

  /**
   * A refusal the framework words itself (a missing parameter, a media type): not an {@link ErrorResponseException}
   * or {@link org.springframework.web.server.ResponseStatusException} that Plenary's own code threw with its sentence.
   */
  private static boolean saysItsOwnSentence(Exception e) {
    return e.getClass().getName().startsWith("org.springframework.") && e.getClass() != ErrorResponseException.class
        && !(e instanceof org.springframework.web.server.ResponseStatusException);
  }

  private ProblemDetail problem(HttpStatus status, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(problems.title(status, LocaleContextHolder.getLocale()));
    return problem;
  }

  private String text(String key, Object... args) {
    return problems.text(key, LocaleContextHolder.getLocale(), args);
  }

  private ProblemDetail withErrors(List<Violation> violations) {
    return withErrors(violations, violations.size());
  }

  /**
   * The count of all {@code total} broken rules, and the first hundred of them under {@code errors}: a body
   * that breaks a rule in each of its 30,000 list items gets a problem of a few kilobytes, not megabytes.
   */
  private ProblemDetail withErrors(List<Violation> violations, int total) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        text("web.problem.invalid.count", total));
    problem.setTitle(text("web.problem.invalid"));
    problem.setProperty("errors", violations.stream().limit(org.plenary.shared.Violations.KEPT).toList()); // each {field, message}, in that order
    return problem;
  }
}
