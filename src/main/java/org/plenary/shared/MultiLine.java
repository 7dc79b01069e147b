package org.plenary.shared;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A field of a request or a form whose text keeps its line breaks: a description, a reason, an address, Markdown,
 * a definition, a circular's paragraphs; and a password, a secret never shown whose characters are the sender's.
 * Every other text a request or a form takes is one line: a line break in it (CR, LF, VT, FF, NEL, U+2028, U+2029)
 * is refused with an error naming the field ({@code web.StoredText}), or flattened to one space where people paste
 * it ({@link PastedLine}). A name, a title or an organization then never carries a line of its own into a mail
 * header, a listing, a CSV row or an ICS line.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
public @interface MultiLine {}
