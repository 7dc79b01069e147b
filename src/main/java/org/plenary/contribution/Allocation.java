package org.plenary.contribution;

import java.util.List;

/** What a participant gives to get a number: title, source, agenda items, contact, co-authors (usernames). */
public record Allocation(String title, String source, List<Integer> agendaItems, String contact, List<String> coauthors) {}
