package org.plenary.web;

import java.util.NoSuchElementException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/** An unknown group or meeting on a page: the error page, status 404, naming what was not found. */
@ControllerAdvice(annotations = Controller.class)
class PageErrorHandler {

  @ExceptionHandler(NoSuchElementException.class)
  ModelAndView notFound(NoSuchElementException e) {
    var page = new ModelAndView("error", HttpStatus.NOT_FOUND);
    page.addObject("status", 404);
    page.addObject("title", "Not found");
    page.addObject("detail", e.getMessage());
    return page;
  }
}
