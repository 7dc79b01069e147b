package org.plenary.meeting;

/** A hotel offering the preferential tariff for the meeting. Rates are as the hotel states them ("CHF 180"). */
public record Hotel(String name, String address, String phone, String email, String singleRate, String doubleRate) {}
