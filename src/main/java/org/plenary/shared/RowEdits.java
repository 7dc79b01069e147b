package org.plenary.shared;

import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * Edits to the rows of a list form (agenda items, sections, hotels) that work without JavaScript:
 * each is a submit button whose name says what to do and whose value says which row.
 */
public final class RowEdits {

  private RowEdits() {}

  /** Applies {@code action} ("add", "remove:3", "up:2") to {@code rows}; false when it names no edit. */
  public static <T> boolean apply(String action, List<T> rows, Supplier<T> blank) {
    if (action == null || action.isBlank()) {
      return false;
    }
    if (action.equals("add")) {
      rows.add(blank.get());
      return true;
    }
    String[] parts = action.split(":", 2);
    int index = parts.length == 2 && parts[1].matches("\\d{1,4}") ? Integer.parseInt(parts[1]) : -1;
    if (index < 0 || index >= rows.size()) {
      return false;
    }
    switch (parts[0]) {
      case "remove" -> rows.remove(index);
      case "up" -> Collections.swap(rows, index, Math.max(0, index - 1));
      case "down" -> Collections.swap(rows, index, Math.min(rows.size() - 1, index + 1));
      default -> {
        return false;
      }
    }
    return true;
  }
}
