package org.plenary.group;

/** A position in a group's management. */
public enum LeaderRole {
  CHAIR("Chair"),
  VICE_CHAIR("Vice-chair");

  private final String label;

  LeaderRole(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
