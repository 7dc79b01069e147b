package org.plenary.registration;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The registration form, on the page and on the API. */
public class RegistrationForm {

  @NotBlank(message = "{registration.error.fullName}")
  @Size(max = 200)
  private String fullName;

  /**
   * Not read: a registration carries its account's address, the only one Plenary mails (an address typed here
   * could be anyone's). Kept so that forms and API clients that send it are not refused.
   */
  @Schema(description = "Ignored: the registration carries your account's e-mail address, the only one Plenary mails",
      deprecated = true)
  @jakarta.validation.constraints.Size(max = 254)
  private String email;

  /** The organization represented; empty for someone registering in their own name. */
  private Long organizationId;

  @NotBlank(message = "{registration.error.country}")
  @jakarta.validation.constraints.Size(max = 2)
  @org.plenary.shared.CountryCode
  private String countryCode;

  @Size(max = 200)
  private String function;

  private boolean firstTime;

  @NotNull(message = "{registration.error.attendance}")
  private Attendance attendance = Attendance.IN_PERSON;

  public String getFullName() {
    return fullName;
  }

  public void setFullName(String fullName) {
    this.fullName = fullName;
  }

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
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

  public String getFunction() {
    return function;
  }

  public void setFunction(String function) {
    this.function = function;
  }

  public boolean isFirstTime() {
    return firstTime;
  }

  public void setFirstTime(boolean firstTime) {
    this.firstTime = firstTime;
  }

  public Attendance getAttendance() {
    return attendance;
  }

  public void setAttendance(Attendance attendance) {
    this.attendance = attendance;
  }
}
