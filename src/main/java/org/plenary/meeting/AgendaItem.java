package org.plenary.meeting;

/**
 * One item of the agenda. Its {@code id} stays the same whatever is edited around it (documents
 * are filed under it); its number is its place in the list. An item without id is a new one.
 */
public record AgendaItem(Long id, String title, String description) {

  /** A new item, not yet on any agenda. */
  public AgendaItem(String title, String description) {
    this(null, title, description);
  }
}
