package org.plenary.registration;

/** How a participant attends. */
public enum Attendance {
  IN_PERSON("In person"),
  REMOTE("Remotely");

  private final String label;

  Attendance(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
