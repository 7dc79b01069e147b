package org.plenary.shared;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;

/**
 * A password of at most {@value #MAX} bytes in UTF-8: bcrypt reads no more, so a longer one would silently match
 * every password sharing its first 72 bytes. Refused where it is typed (as Spring Security's encoder and most
 * sign-in systems do), never truncated or pre-hashed: a stored hash stays a plain bcrypt of what was typed.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = PasswordBytes.Check.class)
public @interface PasswordBytes {

  /** What bcrypt reads of a password. */
  int MAX = 72;

  String message() default "{account.password.tooLong}";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Counts the bytes, not the characters: 72 Latin letters, 24 Chinese ones. */
  final class Check implements ConstraintValidator<PasswordBytes, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      return value == null || value.getBytes(StandardCharsets.UTF_8).length <= MAX;
    }
  }
}
