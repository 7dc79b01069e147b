package org.plenary.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.stereotype.Controller;

/**
 * A controller of pages (Thymeleaf, and what a browser follows from them: files, CSV, calendars, PDFs), in place of
 * {@code @Controller}; the API's controllers are {@code @RestController}s. The pages' advice (forms refusing control
 * characters, the error page) applies to these only, so that an API request does not pay for it. {@code
 * ModularityTests} holds every controller to one of the two.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Controller
public @interface PageController {
}
