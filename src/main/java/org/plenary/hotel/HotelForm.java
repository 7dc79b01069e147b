package org.plenary.hotel;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.LocalTime;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * What the annex-3 form asks, on the page and on the API. There is deliberately no field for a
 * credit card: the printed form leaves it blank for the participant to fill in by hand.
 */
public class HotelForm {

  /** The hotel's id, as the meeting lists it ({@code hotels[].id}). */
  @NotNull(message = "{hotel.error.chooseAHotel}")
  private Long hotel;

  @NotNull(message = "{hotel.error.chooseASingleOr}")
  private RoomType room = RoomType.SINGLE;

  @Min(value = 1, message = "{hotel.error.bookAtLeastOne}")
  @Max(value = 9, message = "{hotel.error.bookAtMostNine}")
  private int rooms = 1;

  @NotNull(message = "{hotel.error.giveYourArrivalDate}")
  @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
  private LocalDate arrival;

  @DateTimeFormat(iso = DateTimeFormat.ISO.TIME)
  private LocalTime arrivalTime;

  @NotNull(message = "{hotel.error.giveYourDepartureDate}")
  @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
  private LocalDate departure;

  @NotBlank(message = "{hotel.error.giveYourFamilyName}")
  @Size(max = 100)
  private String familyName;

  @NotBlank(message = "{hotel.error.giveYourFirstName}")
  @Size(max = 100)
  private String firstName;

  @Size(max = 300)
  @org.plenary.shared.MultiLine
  private String address;

  @Size(max = 50)
  private String telephone;

  @Size(max = 50)
  private String fax;

  @Email(message = "{hotel.error.giveAnEmailAddress}")
  @Size(max = 254)
  private String email;

  /** Single or double. */
  public enum RoomType { SINGLE, DOUBLE }

  public Long getHotel() {
    return hotel;
  }

  public void setHotel(Long hotel) {
    this.hotel = hotel;
  }

  public RoomType getRoom() {
    return room;
  }

  public void setRoom(RoomType room) {
    this.room = room;
  }

  public int getRooms() {
    return rooms;
  }

  public void setRooms(int rooms) {
    this.rooms = rooms;
  }

  public LocalDate getArrival() {
    return arrival;
  }

  public void setArrival(LocalDate arrival) {
    this.arrival = arrival;
  }

  public LocalTime getArrivalTime() {
    return arrivalTime;
  }

  public void setArrivalTime(LocalTime arrivalTime) {
    this.arrivalTime = arrivalTime;
  }

  public LocalDate getDeparture() {
    return departure;
  }

  public void setDeparture(LocalDate departure) {
    this.departure = departure;
  }

  public String getFamilyName() {
    return familyName;
  }

  public void setFamilyName(String familyName) {
    this.familyName = familyName;
  }

  public String getFirstName() {
    return firstName;
  }

  public void setFirstName(String firstName) {
    this.firstName = firstName;
  }

  public String getAddress() {
    return address;
  }

  public void setAddress(String address) {
    this.address = address;
  }

  public String getTelephone() {
    return telephone;
  }

  public void setTelephone(String telephone) {
    this.telephone = telephone;
  }

  public String getFax() {
    return fax;
  }

  public void setFax(String fax) {
    this.fax = fax;
  }

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }
}
