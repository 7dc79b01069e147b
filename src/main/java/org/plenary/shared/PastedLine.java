package org.plenary.shared;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A one-line field people fill by pasting (a document's title copied from its PDF, which breaks it where the page
 * did): its line breaks, with the spaces around them, become one space instead of being refused ({@link MultiLine}
 * says which fields keep their lines; every other one refuses them).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
public @interface PastedLine {}
