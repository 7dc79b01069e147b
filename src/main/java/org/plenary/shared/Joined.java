package org.plenary.shared;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

/**
 * A list stored joined in one column ({@code editors}, {@code related}, {@code liaisons}, {@code objections}, a
 * circular's {@code paragraphs}): its items joined by {@link #separator} fit {@link #max} characters (code points, {@link CodePoints}). Each item's own
 * bound let a list of many short items past its column, refused by the database as a 400 naming no field; this names
 * the list, before anything is read or written. Its item count is bounded by {@code @Size} beside it ({@code maxItems}
 * in the API description).
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = Joined.Check.class)
public @interface Joined {

  /** The column's length. */
  int max();

  /** How the column joins two items. */
  String separator();

  String message() default "{web.text.joined}";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** The length of the items as stored: each, and a separator between two. */
  final class Check implements ConstraintValidator<Joined, List<String>> {

    private int max;
    private int separator;

    @Override
    public void initialize(Joined joined) {
      max = joined.max();
      separator = joined.separator().length();
    }

    @Override
    public boolean isValid(List<String> items, ConstraintValidatorContext context) {
      if (items == null || items.isEmpty()) {
        return true;
      }
      long length = (long) separator * (items.size() - 1);
      for (String item : items) {
        length += CodePoints.count(item);
      }
      return length <= max;
    }
  }
}
