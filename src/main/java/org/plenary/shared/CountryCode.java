package org.plenary.shared;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Locale;
import java.util.Set;

/**
 * A country as its ISO 3166-1 alpha-2 code, upper case ({@code CH}): one of {@link Locale#getISOCountries()}. Refused
 * on the request or form naming the field, before anything deeper asks whether it is an ITU Member State; the
 * description lists the codes ({@code enum}). Null or empty is left to {@code @NotBlank} where the field is required.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = CountryCode.Check.class)
public @interface CountryCode {

  /** Every code a country may be given as. */
  Set<String> CODES = Set.of(Locale.getISOCountries());

  String message() default "{common.country.invalid}";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Whether the code is one of {@link #CODES}. */
  final class Check implements ConstraintValidator<CountryCode, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      return value == null || value.isEmpty() || CODES.contains(value);
    }
  }
}
