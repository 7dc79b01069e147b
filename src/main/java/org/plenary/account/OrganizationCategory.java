package org.plenary.account;

/**
 * The ITU membership category of an organization; it decides eligibility for meetings and visa
 * support. Pages show it through the message {@link #messageKey()} ({@code organization.category.*}
 * of the root bundle, in the six languages); {@link #label()} is the English word for logs.
 */
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

  /** The key of the category's words in each language: {@code organization.category.SECTOR_MEMBER}. */
  public String messageKey() {
    return "organization.category." + name();
  }
}
