package org.plenary.visa;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;

/** What a visa-support request asks, on the page and on the API. */
public class VisaForm {

  @NotBlank(message = "{visa.error.giveYourFullName}")
  @Size(max = 200)
  private String fullName;

  @Size(max = 200)
  private String function;

  @NotNull(message = "{visa.error.giveYourDateOf}")
  @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
  private LocalDate birthDate;

  @NotBlank(message = "{visa.error.giveYourPlaceOf}")
  @Size(max = 200)
  private String birthPlace;

  @NotBlank(message = "{visa.error.giveYourNationality}")
  @Size(max = 100)
  private String nationality;

  @NotBlank(message = "{visa.error.giveThePassportNumber}")
  @Pattern(regexp = "[A-Za-z0-9]{5,20}", message = "{visa.error.aPassportNumberHas}")
  private String passportNumber;

  @NotBlank(message = "{visa.error.giveTheCountryThat}")
  @Size(max = 100)
  private String issuingCountry;

  @NotNull(message = "{visa.error.giveThePassportsDate}")
  @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
  private LocalDate issuedOn;

  @NotNull(message = "{visa.error.giveThePassportsExpiry}")
  @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
  private LocalDate expiresOn;

  @NotBlank(message = "{visa.error.giveTheSwissEmbassy}")
  @Size(max = 300)
  @org.plenary.shared.MultiLine
  private String mission;

  Passport passport() {
    return new Passport(passportNumber.strip().toUpperCase(), issuingCountry.strip(), issuedOn, expiresOn, birthDate,
        birthPlace.strip(), nationality.strip());
  }

  public String getFullName() {
    return fullName;
  }

  public void setFullName(String fullName) {
    this.fullName = fullName;
  }

  public String getFunction() {
    return function;
  }

  public void setFunction(String function) {
    this.function = function;
  }

  public LocalDate getBirthDate() {
    return birthDate;
  }

  public void setBirthDate(LocalDate birthDate) {
    this.birthDate = birthDate;
  }

  public String getBirthPlace() {
    return birthPlace;
  }

  public void setBirthPlace(String birthPlace) {
    this.birthPlace = birthPlace;
  }

  public String getNationality() {
    return nationality;
  }

  public void setNationality(String nationality) {
    this.nationality = nationality;
  }

  public String getPassportNumber() {
    return passportNumber;
  }

  public void setPassportNumber(String passportNumber) {
    this.passportNumber = passportNumber;
  }

  public String getIssuingCountry() {
    return issuingCountry;
  }

  public void setIssuingCountry(String issuingCountry) {
    this.issuingCountry = issuingCountry;
  }

  public LocalDate getIssuedOn() {
    return issuedOn;
  }

  public void setIssuedOn(LocalDate issuedOn) {
    this.issuedOn = issuedOn;
  }

  public LocalDate getExpiresOn() {
    return expiresOn;
  }

  public void setExpiresOn(LocalDate expiresOn) {
    this.expiresOn = expiresOn;
  }

  public String getMission() {
    return mission;
  }

  public void setMission(String mission) {
    this.mission = mission;
  }
}
