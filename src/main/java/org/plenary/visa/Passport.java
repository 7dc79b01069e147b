package org.plenary.visa;

import java.time.LocalDate;

/** The passport details of a visa-support request: stored encrypted, shown only to those who need them. */
public record Passport(String number, String issuingCountry, LocalDate issuedOn, LocalDate expiresOn,
    LocalDate birthDate, String birthPlace, String nationality) {

  /** The number as others may see it: the last three characters only. */
  public String maskedNumber() {
    return number.length() <= 3 ? "***" : "*".repeat(number.length() - 3) + number.substring(number.length() - 3);
  }
}
