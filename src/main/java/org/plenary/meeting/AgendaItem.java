package org.plenary.meeting;

import io.swagger.v3.oas.annotations.media.Schema;

/** One item of the agenda; its number is its place in the list. */
public record AgendaItem(String title, @Schema(nullable = true) String description) {}
