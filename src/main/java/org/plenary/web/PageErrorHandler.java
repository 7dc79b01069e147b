package org.plenary.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import org.springframework.context.i18n.LocaleContextHolder;
import org.plenary.shared.InvalidInputException;
import org.plenary.shared.PageController;
import org.plenary.shared.RefusedException;
import org.plenary.shared.Violation;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.json.JacksonJsonView;

/**
 * An unknown group, meeting, document or file on a page (404), an action a rule refused, or input a
 * rule refused that the page's controller did not show as field errors itself (a query parameter such
 * as a ZIP's {@code since}: 400 with its sentence): the error page naming it for browsers, an RFC 9457
 * problem for {@code Accept: application/json} (with {@code errors} by field, as on the API). Page controllers
 * only ({@link PageController}): {@code Controller.class} also matched every {@code @RestController}, whose own
 * advice ({@link ApiProblemHandler}) answers first, and this binder ran on each API request for nothing.
 */
@ControllerAdvice(annotations = PageController.class)
class PageErrorHandler {

  private final Problems problems;

  PageErrorHandler(Problems problems) {
    this.problems = problems;
  }

  /**
   * Text with a control character is a field error of the form, never stored ({@link StoredText}). Forms only
   * (a binder with a target, or its type while a record's constructor is still to be called): a query
   * parameter keeps its own answer (a ZIP's {@code since} names itself). A page's typed texts all come in forms
   * (a decision's reason, a term: {@code LooseTextParametersTests}).
   */
  @org.springframework.web.bind.annotation.InitBinder
  void storedText(org.springframework.web.bind.WebDataBinder binder) {
    if (binder.getTarget() != null || binder.getTargetType() != null) {
      binder.registerCustomEditor(String.class, new StoredText.Editor());
      Class<?> type = binder.getTarget() != null ? binder.getTarget().getClass() : binder.getTargetType().resolve();
      if (type != null) {
        StoredText.lines(type).forEach((path, lines) ->
            binder.registerCustomEditor(String.class, path, new StoredText.Editor(lines)));
      }
      binder.setBindingErrorProcessor(new DirectionErrors());
    }
  }

  /**
   * A text refused for a direction override left open, or for a line break in a one-line field, says so beside its
   * field ({@code web.text.direction}, {@code web.text.line}): the binder's one code for a refused text
   * ({@code typeMismatch}) speaks of control characters.
   */
  private static final class DirectionErrors extends org.springframework.validation.DefaultBindingErrorProcessor {

    @Override
    public void processPropertyAccessException(org.springframework.beans.PropertyAccessException e,
        org.springframework.validation.BindingResult result) {
      Object value = e.getValue() instanceof String[] values && values.length == 1 ? values[0] : e.getValue();
      if (e instanceof org.springframework.beans.TypeMismatchException && value instanceof String text
          && !StoredText.CONTROL.equals(StoredText.why(text))) {
        String why = StoredText.why(text);
        result.addError(new org.springframework.validation.FieldError(result.getObjectName(), e.getPropertyName(), text,
            true, new String[] {StoredText.key(why)}, null, why));
        return;
      }
      super.processPropertyAccessException(e, result);
    }
  }

  @ExceptionHandler(NoSuchElementException.class)
  ModelAndView notFound(NoSuchElementException e, HttpServletRequest request) {
    return page(HttpStatus.NOT_FOUND, e, request);
  }

  @ExceptionHandler(RefusedException.class)
  ModelAndView refused(RefusedException e, HttpServletRequest request) {
    return page(HttpStatus.valueOf(e.httpStatus()), e, request);
  }

  @ExceptionHandler(InvalidInputException.class)
  ModelAndView invalid(InvalidInputException e, HttpServletRequest request) {
    ModelAndView page = page(HttpStatus.BAD_REQUEST, e, request);
    page.addObject("detail", e.violations().stream().limit(org.plenary.shared.Violations.KEPT).map(Violation::message)
        .collect(Collectors.joining(" ")));
    if (page.getView() != null) { // the JSON problem; the error page shows the sentences
      page.addObject("errors", e.violations().stream().limit(org.plenary.shared.Violations.KEPT).toList()); // each {field, message}, in that order
    }
    return page;
  }

  /** A value longer than its column that no bound caught: the error page with a sentence; anything else stays a 500. */
  @ExceptionHandler(org.springframework.dao.DataAccessException.class)
  ModelAndView tooLong(org.springframework.dao.DataAccessException e, HttpServletRequest request) {
    if (!TooLongValue.in(e)) {
      throw e;
    }
    ModelAndView page = page(HttpStatus.BAD_REQUEST, e, request);
    page.addObject("detail", problems.text("web.problem.too-long", LocaleContextHolder.getLocale()));
    return page;
  }

  /**
   * A form whose file did not arrive as one (not multipart at all, cut short, malformed): 400 saying nothing was
   * kept, as the API says it; one larger than the server takes, 413. It was a 500 with a stack trace in the log.
   */
  @ExceptionHandler(org.springframework.web.multipart.MultipartException.class)
  ModelAndView badMultipart(org.springframework.web.multipart.MultipartException e, HttpServletRequest request) {
    boolean tooLarge = e instanceof org.springframework.web.multipart.MaxUploadSizeExceededException;
    ModelAndView page = page(tooLarge ? HttpStatus.CONTENT_TOO_LARGE : HttpStatus.BAD_REQUEST, e, request);
    page.addObject("detail", problems.text(tooLarge ? "web.error.detail.413" : "web.problem.bad-multipart",
        LocaleContextHolder.getLocale()));
    return page;
  }

  private ModelAndView page(HttpStatus status, RuntimeException e, HttpServletRequest request) {
    String accept = request.getHeader(HttpHeaders.ACCEPT);
    boolean json = accept != null && accept.contains(MediaType.APPLICATION_JSON_VALUE)
        && !accept.contains(MediaType.TEXT_HTML_VALUE);
    ModelAndView page;
    if (json) {
      var view = new JacksonJsonView();
      view.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      view.setExtractValueFromSingleKeyModel(false);
      page = new ModelAndView(view);
      page.setStatus(status);
      page.addObject("type", "about:blank");
      page.addObject("instance", request.getRequestURI());
    } else {
      page = new ModelAndView("error", status);
    }
    page.addObject("status", status.value());
    var locale = json ? Problems.locale(request) : LocaleContextHolder.getLocale();
    page.addObject("title", problems.title(status, locale));
    page.addObject("detail", problems.detail(e, locale));
    return page;
  }
}
