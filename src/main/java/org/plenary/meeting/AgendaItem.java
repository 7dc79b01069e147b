package org.plenary.meeting;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One item of the agenda. Its {@code id} stays the same whatever is edited around it (documents
 * are filed under it); its number is its place in the list. An item without id is a new one.
 */
public record AgendaItem(@Schema(nullable = true) Long id, String title, @Schema(nullable = true) String description) {

  /** A new item, not yet on any agenda. */
  public AgendaItem(String title, String description) {
    this(null, title, description);
  }
}
