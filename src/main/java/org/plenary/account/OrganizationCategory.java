package org.plenary.account;

/** The ITU membership category of an organization; it decides eligibility for meetings and visa support. */
public enum OrganizationCategory {
  MEMBER_STATE("Member State"),
  SECTOR_MEMBER("Sector Member"),
  ASSOCIATE("Associate"),
  ACADEMIA("Academia"),
  OTHER("Other");

  private final String label;

  OrganizationCategory(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
