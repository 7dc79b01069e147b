package org.plenary.search;

import org.plenary.shared.RefusedException;

/** Words that do not make a query (an open quote, a lone AND…): 400 with a sentence of the {@code search} bundle. */
public class BadQueryException extends RefusedException {

  BadQueryException(String key, Object... args) {
    super(400, "search", key, args);
  }
}
