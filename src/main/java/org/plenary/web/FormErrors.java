package org.plenary.web;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import org.springframework.stereotype.Component;
import org.thymeleaf.spring6.util.DetailedError;

/**
 * The error summary of a form ({@code @formErrors} in the layout): one message per field, the first
 * one the field reports, so that a field with two broken rules is not listed twice, in the order of the
 * form's fields (the record's components, or a form class's fields as declared), so that the summary
 * reads in form order also without JavaScript. Errors of the whole form come first; a list field's
 * rows ({@code hotels[2].name}) keep their own order where the list stands.
 */
@Component("formErrors")
public class FormErrors {

  /**
   * The id a summary links a field's error to: its name without brackets ({@code hotels[2].name} is
   * {@code hotels2.name}), the id {@code th:field} gives its input; a list's own fieldset carries the list's name
   * ({@code milestones}). Computed here so that the links lead somewhere without the page's script.
   */
  public String anchor(String field) {
    return field == null ? "" : field.replace("[", "").replace("]", "");
  }

  /** One line of a summary: the id its link leads to (null for an error of the whole form: no link) and the message. */
  public record Line(String anchor, String message) {
  }

  /** The summary of a form shown again: the first error per field in form order, each with its field's id. */
  public List<Line> summary(List<DetailedError> errors, Object form) {
    return inFormOrder(errors, form).stream()
        .map(e -> new Line(e.isGlobal() ? null : anchor(e.getFieldName()), e.getMessage())).toList();
  }

  /** The summary of a form refused by a redirect ({@code fieldErrors}: field name to message), each with its field's id. */
  public List<Line> summary(java.util.Map<String, String> fieldErrors) {
    return fieldErrors.entrySet().stream().map(e -> new Line(anchor(e.getKey()), e.getValue())).toList();
  }

  /** The first error per field, in the order of the server's binding. */
  public List<DetailedError> firstPerField(List<DetailedError> errors) {
    var seen = new HashSet<String>();
    return errors.stream().filter(e -> e.isGlobal() || seen.add(e.getFieldName())).toList();
  }

  /** The first error per field, in the order of the fields of {@code form} (the object the form is bound to). */
  public List<DetailedError> inFormOrder(List<DetailedError> errors, Object form) {
    List<String> order = form == null ? List.of() : fieldOrder(form.getClass());
    Comparator<DetailedError> byField = Comparator.comparingInt(e -> rank(e, order));
    return firstPerField(errors).stream().sorted(byField).toList();
  }

  /** The names of a form's fields in their declared order: record components, else the class's own fields, superclass first. */
  static List<String> fieldOrder(Class<?> type) {
    if (type.isRecord()) {
      return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
    }
    var names = new ArrayList<String>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      names.addAll(0, Arrays.stream(c.getDeclaredFields()).filter(f -> !Modifier.isStatic(f.getModifiers()))
          .map(Field::getName).toList());
    }
    return names;
  }

  private static int rank(DetailedError error, List<String> order) {
    if (error.isGlobal()) {
      return -1;
    }
    String name = error.getFieldName().split("[\\[.]", 2)[0];
    int at = order.indexOf(name);
    return at < 0 ? order.size() : at;
  }
}
