package org.plenary.group;

import io.swagger.v3.oas.annotations.media.Schema;

/** One clause of the terms of reference; the body is Markdown. */
public record Section(String heading, @Schema(nullable = true) String body) {}
