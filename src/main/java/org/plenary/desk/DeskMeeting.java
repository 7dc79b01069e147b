package org.plenary.desk;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A coming meeting of a group this person manages, with its agenda and participant counts; {@code language}, the
 * group's working language in which a page marks its acronym, is not part of the API.
 */
public record DeskMeeting(String group, String acronym, String code, LocalDate startDate, LocalDate endDate,
    String dates, String timeZone, Instant opensAt, int agendaItems, long registrations, long approved,
    long waiting, String link, @JsonIgnore @Schema(hidden = true) String language) {}
