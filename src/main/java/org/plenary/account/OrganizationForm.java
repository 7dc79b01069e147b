package org.plenary.account;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The administrator's form to add an organization. */
public class OrganizationForm {

  @NotBlank(message = "{account.organizations.name.required}")
  @Size(max = 200, message = "{account.organizations.name.long}")
  private String name;

  @NotNull(message = "{account.organizations.category.required}")
  private OrganizationCategory category;

  @jakarta.validation.constraints.Size(max = 2)
  @org.plenary.shared.CountryCode
  private String countryCode;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public OrganizationCategory getCategory() {
    return category;
  }

  public void setCategory(OrganizationCategory category) {
    this.category = category;
  }

  public String getCountryCode() {
    return countryCode;
  }

  public void setCountryCode(String countryCode) {
    this.countryCode = countryCode;
  }
}
