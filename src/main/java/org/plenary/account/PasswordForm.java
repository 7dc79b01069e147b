package org.plenary.account;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import java.util.Objects;

/** The change-password form. */
public class PasswordForm {

  @NotBlank(message = "{account.password.current.required}")
  @org.plenary.shared.PasswordBytes
  @org.plenary.shared.MultiLine
  private String currentPassword;

  @NotBlank(message = "{account.password.new.required}")
  @org.plenary.shared.PasswordBytes
  @org.plenary.shared.MultiLine
  private String newPassword;

  @org.plenary.shared.PasswordBytes
  @org.plenary.shared.MultiLine
  private String confirmation;

  @AssertTrue(message = "{account.password.differ}")
  public boolean isConfirmed() {
    return Objects.equals(newPassword, confirmation);
  }

  public String getCurrentPassword() {
    return currentPassword;
  }

  public void setCurrentPassword(String currentPassword) {
    this.currentPassword = currentPassword;
  }

  public String getNewPassword() {
    return newPassword;
  }

  public void setNewPassword(String newPassword) {
    this.newPassword = newPassword;
  }

  public String getConfirmation() {
    return confirmation;
  }

  public void setConfirmation(String confirmation) {
    this.confirmation = confirmation;
  }
}
