package org.plenary.shared;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A form refused on a page that answers with a redirect (a decision's reason, a term, a living-list entry): the page
 * comes back with each message beside its field ({@code fieldErrors}, shown by the layout's summary and
 * {@code flash-error}), the sentences above the form ({@code problem}) and what was typed ({@code typed}, which the
 * form puts back), never an error page that loses the text. The binder's refusals (a line break in a one-line field,
 * a control character, a direction override, a text over its {@code @Size}) and the domain's
 * ({@link InvalidInputException}) come back the same way.
 */
public final class Refused {

  private Refused() {}

  /**
   * Flashes what {@code bound} refused, if anything, and says whether it did; {@code anchor} is put before each
   * field's name where a page has several forms of the same field (the reason of reject and of withdraw).
   */
  public static boolean flashed(BindingResult bound, RedirectAttributes redirect, String anchor) {
    return flashed(bound, redirect, field -> anchor + field);
  }

  /** {@link #flashed(BindingResult, RedirectAttributes, String)} where the page gives a field another id. */
  public static boolean flashed(BindingResult bound, RedirectAttributes redirect, UnaryOperator<String> id) {
    if (!bound.hasErrors()) {
      return false;
    }
    var fieldErrors = new LinkedHashMap<String, String>();
    for (FieldError error : bound.getFieldErrors()) {
      fieldErrors.putIfAbsent(id.apply(error.getField()), said(error));
    }
    bound.getGlobalErrors().forEach(e -> fieldErrors.putIfAbsent("", Words.said(e)));
    flash(redirect, fieldErrors);
    return true;
  }

  /** {@link #flashed(BindingResult, RedirectAttributes, String)} with the fields' own names. */
  public static boolean flashed(BindingResult bound, RedirectAttributes redirect) {
    return flashed(bound, redirect, "");
  }

  /** Flashes the rules the domain found broken, each beside its field ({@code anchor} before its name). */
  public static void flash(InvalidInputException refused, RedirectAttributes redirect, String anchor) {
    var fieldErrors = new LinkedHashMap<String, String>();
    refused.violations().forEach(v -> fieldErrors.putIfAbsent(anchor + v.field(), v.message()));
    flash(redirect, fieldErrors);
  }

  private static void flash(RedirectAttributes redirect, Map<String, String> fieldErrors) {
    redirect.addFlashAttribute("typed", Typed.ofCurrentRequest());
    redirect.addFlashAttribute("fieldErrors", fieldErrors);
    redirect.addFlashAttribute("problem", String.join(" ", List.copyOf(fieldErrors.values())));
  }

  /**
   * The sentence of one refused field in the reader's language; a text over its {@code @Size} says its bound and its
   * length ({@code web.text.length}), as the API's problems do.
   */
  public static String said(FieldError error) {
    if (error.getRejectedValue() instanceof String text && error.contains(ConstraintViolation.class)
        && error.unwrap(ConstraintViolation.class).getConstraintDescriptor().getAnnotation() instanceof Size size
        && !CodePoints.atMost(text, size.max())) {
      return Words.said(new DefaultMessageSourceResolvable(new String[] {"web.text.length"},
          new Object[] {size.max(), CodePoints.count(text)}));
    }
    return Words.said(error);
  }
}
