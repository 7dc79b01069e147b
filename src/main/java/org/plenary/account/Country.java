package org.plenary.account;

/** An ITU Member State, by ISO 3166-1 alpha-2 code. */
public record Country(String code, String name) {}
