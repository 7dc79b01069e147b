package org.plenary.meeting;

import java.util.NoSuchElementException;

/** There is no such circular, or it is a draft that only the secretariat may read. */
public class UnknownCircularException extends NoSuchElementException {

  UnknownCircularException(CircularId id) {
    super("There is no circular " + id.value() + ".");
  }
}
