package org.plenary.shared;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.ZoneId;

/**
 * A time zone as a region of the IANA database that {@link ZoneId} knows ({@code Europe/Zurich}): one of
 * {@link ZoneId#getAvailableZoneIds()}, so neither an offset ({@code +02:00}, {@code UTC+2}), which has no summer time,
 * nor a misspelt region. Refused on the request or form naming the field. Null or empty is left to {@code @NotBlank}.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = TimeZoneId.Check.class)
public @interface TimeZoneId {

  /** What the description says a region id looks like; {@link Check} asks the zone database itself. */
  String PATTERN = "^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$";

  String message() default "{common.timeZone.invalid}";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Whether the id is a region the zone database knows. */
  final class Check implements ConstraintValidator<TimeZoneId, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      return value == null || value.isEmpty() || ZoneId.getAvailableZoneIds().contains(value);
    }
  }
}
