package org.plenary.output;

/** What a deliverable is. */
public enum DeliverableKind {
  TECHNICAL_REPORT("Technical report"),
  TECHNICAL_SPECIFICATION("Technical specification"),
  GUIDELINE("Guideline");

  private final String label;

  DeliverableKind(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
