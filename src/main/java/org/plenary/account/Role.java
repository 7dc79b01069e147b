package org.plenary.account;

/**
 * Roles held across all groups. Everyone signed in is a participant; focal points and group
 * management follow from an organization and a group's leadership, not from this list.
 */
public enum Role {
  SECRETARIAT("Secretariat"),
  ADMIN("Administrator");

  private final String label;

  Role(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
