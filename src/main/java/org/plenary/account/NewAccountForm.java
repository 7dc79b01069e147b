package org.plenary.account;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.EnumSet;
import java.util.Set;

/** The administrator's form to open an account with a one-time password. */
public class NewAccountForm {

  @NotBlank(message = "{account.new.username.required}")
  @jakarta.validation.constraints.Size(max = 40)
  private String username;

  @NotBlank(message = "{account.new.email.required}")
  @jakarta.validation.constraints.Size(max = 254)
  @Email(message = "{account.new.email.invalid}")
  private String email;

  @NotBlank(message = "{account.new.name.required}")
  @Size(max = 200)
  private String displayName;

  private Long organizationId;
  @jakarta.validation.constraints.Size(max = 2)
  @org.plenary.shared.CountryCode
  private String countryCode;

  @NotBlank(message = "{account.new.password.required}")
  @org.plenary.shared.PasswordBytes
  @io.swagger.v3.oas.annotations.media.Schema(maxLength = org.plenary.shared.PasswordBytes.MAX,
      description = "At most 72 bytes in UTF-8 (bcrypt reads no more; a longer one is refused, never cut)")
  @org.plenary.shared.MultiLine
  private String password;

  private Set<Role> roles = EnumSet.noneOf(Role.class);

  NewAccount toNewAccount() {
    return new NewAccount(username == null ? null : username.strip().toLowerCase(), email == null ? null : email.strip(),
        displayName.strip(), organizationId == null ? null : new OrganizationId(organizationId),
        countryCode == null || countryCode.isBlank() ? null : countryCode, roles == null ? Set.of() : roles);
  }

  public String getUsername() {
    return username;
  }

  public void setUsername(String username) {
    this.username = username;
  }

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }

  public String getDisplayName() {
    return displayName;
  }

  public void setDisplayName(String displayName) {
    this.displayName = displayName;
  }

  public Long getOrganizationId() {
    return organizationId;
  }

  public void setOrganizationId(Long organizationId) {
    this.organizationId = organizationId;
  }

  public String getCountryCode() {
    return countryCode;
  }

  public void setCountryCode(String countryCode) {
    this.countryCode = countryCode;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  public Set<Role> getRoles() {
    return roles;
  }

  public void setRoles(Set<Role> roles) {
    this.roles = roles;
  }
}
