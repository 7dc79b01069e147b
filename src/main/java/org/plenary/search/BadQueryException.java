package org.plenary.search;

import org.plenary.shared.RefusedException;

/** Words that do not make a query (an open quote, a lone AND…): 400 with a sentence. */
public class BadQueryException extends RefusedException {

  BadQueryException(String message) {
    super(400, message);
  }
}
