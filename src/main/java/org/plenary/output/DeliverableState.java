package org.plenary.output;

/** Where a deliverable stands: a draft, agreed at a meeting, transferred to the parent group. */
public enum DeliverableState {
  DRAFT("Draft"),
  AGREED("Agreed"),
  TRANSFERRED("Transferred to the parent group");

  private final String label;

  DeliverableState(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
