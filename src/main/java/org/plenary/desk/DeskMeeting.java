package org.plenary.desk;

import java.time.Instant;
import java.time.LocalDate;

/** A coming meeting of a group this person manages, with its agenda and participant counts. */
public record DeskMeeting(String group, String acronym, String code, LocalDate startDate, LocalDate endDate,
    String dates, String timeZone, Instant opensAt, int agendaItems, long registrations, long approved,
    long waiting, String link) {}
