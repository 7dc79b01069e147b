package org.plenary.meeting;

/** What happens to a contribution uploaded after the meeting's contribution deadline. */
public enum LatePolicy {
  FLAG("accepted and marked late"),
  REFUSE("refused, unless the secretariat grants an exception");

  private final String label;

  LatePolicy(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
