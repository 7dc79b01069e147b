package org.plenary.meeting;

import io.swagger.v3.oas.annotations.media.Schema;

/** A hotel offering the preferential tariff for the meeting. Rates are as the hotel states them ("CHF 180"). */
public record Hotel(String name, @Schema(nullable = true) String address, @Schema(nullable = true) String phone,
    @Schema(nullable = true) String email, @Schema(nullable = true) String singleRate,
    @Schema(nullable = true) String doubleRate) {}
