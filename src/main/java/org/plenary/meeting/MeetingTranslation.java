package org.plenary.meeting;

import io.swagger.v3.oas.annotations.media.Schema;

/** A meeting's practical information in one more language. */
public record MeetingTranslation(@Schema(nullable = true) String practicalInfo) {}
