package org.plenary.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.NoSuchElementException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.json.JacksonJsonView;

/**
 * An unknown group, meeting, document or file on a page: a 404 naming what was not found, as the
 * error page for browsers and as an RFC 9457 problem for {@code Accept: application/json}.
 */
@ControllerAdvice(annotations = Controller.class)
class PageErrorHandler {

  @ExceptionHandler(NoSuchElementException.class)
  ModelAndView notFound(NoSuchElementException e, HttpServletRequest request) {
    String accept = request.getHeader(HttpHeaders.ACCEPT);
    boolean json = accept != null && accept.contains(MediaType.APPLICATION_JSON_VALUE)
        && !accept.contains(MediaType.TEXT_HTML_VALUE);
    ModelAndView page;
    if (json) {
      var view = new JacksonJsonView();
      view.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      view.setExtractValueFromSingleKeyModel(false);
      page = new ModelAndView(view);
      page.setStatus(HttpStatus.NOT_FOUND);
      page.addObject("type", "about:blank");
      page.addObject("instance", request.getRequestURI());
    } else {
      page = new ModelAndView("error", HttpStatus.NOT_FOUND);
    }
    page.addObject("status", 404);
    page.addObject("title", "Not Found");
    page.addObject("detail", e.getMessage());
    return page;
  }
}
