package org.plenary.group;

import java.util.NoSuchElementException;

/** No group has that slug. */
public class UnknownGroupException extends NoSuchElementException {

  public UnknownGroupException(String slug) {
    super("There is no group \"" + slug + "\".");
  }

  /** With the sentence already in the reader's language. */
  UnknownGroupException(String slug, String sentence) {
    super(sentence);
  }
}
