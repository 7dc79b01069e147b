package org.plenary.meeting;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A hotel offering the preferential tariff for the meeting. Rates are as the hotel states them
 * ("CHF 180"). Its {@code id} stays the same whatever is edited around it; a hotel without id is a
 * new one.
 */
public record Hotel(@Schema(nullable = true) Long id, String name, @Schema(nullable = true) String address,
    @Schema(nullable = true) String phone, @Schema(nullable = true) String email,
    @Schema(nullable = true) String singleRate, @Schema(nullable = true) String doubleRate) {

  /** A new hotel, not yet on any meeting. */
  public Hotel(String name, String address, String phone, String email, String singleRate, String doubleRate) {
    this(null, name, address, phone, email, singleRate, doubleRate);
  }
}
