package org.plenary.contribution;

import java.util.List;

/**
 * What a participant gives to get a number: title, source, agenda items, contact, co-authors
 * (usernames). Agenda items are named by their ids ({@code agendaItemIds}, which stay true whatever
 * the agenda's later edits) or by their numbers on the agenda as it stands ({@code agendaItems}).
 */
public record Allocation(String title, String source, List<Integer> agendaItems, String contact, List<String> coauthors,
    List<Long> agendaItemIds) {

  /** Agenda items by number only. */
  public Allocation(String title, String source, List<Integer> agendaItems, String contact, List<String> coauthors) {
    this(title, source, agendaItems, contact, coauthors, List.of());
  }
}
