package org.plenary.contribution;

/** What an output document of a group is. */
public enum OutputType {
  DELIVERABLE_DRAFT("Deliverable draft"),
  MEETING_REPORT("Meeting report"),
  LIAISON_STATEMENT("Liaison statement"),
  LIVING_LIST("Living list"),
  TERMINOLOGY("Terminology"),
  PROGRESS_REPORT("Progress report");

  private final String label;

  OutputType(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
