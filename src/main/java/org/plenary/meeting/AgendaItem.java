package org.plenary.meeting;

/** One item of the agenda; its number is its place in the list. */
public record AgendaItem(String title, String description) {}
