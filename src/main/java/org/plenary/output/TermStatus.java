package org.plenary.output;

/** Where a term stands: proposed, agreed at a meeting, superseded by another term. */
public enum TermStatus {
  PROPOSED("Proposed"),
  AGREED("Agreed"),
  SUPERSEDED("Superseded");

  private final String label;

  TermStatus(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
