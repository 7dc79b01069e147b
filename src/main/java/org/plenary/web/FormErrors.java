package org.plenary.web;

import java.util.HashSet;
import java.util.List;
import org.springframework.stereotype.Component;
import org.thymeleaf.spring6.util.DetailedError;

/**
 * The error summary of a form ({@code @formErrors} in the layout): one message per field, the first
 * one the field reports, so that a field with two broken rules is not listed twice. The page's script
 * puts the list in the order of the fields on the page and moves focus to it.
 */
@Component("formErrors")
public class FormErrors {

  public List<DetailedError> firstPerField(List<DetailedError> errors) {
    var seen = new HashSet<String>();
    return errors.stream().filter(e -> e.isGlobal() || seen.add(e.getFieldName())).toList();
  }
}
