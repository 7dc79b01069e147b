package org.plenary.output;

import java.time.Instant;

/** One change of a deliverable (created, a version, agreed, transferred): its history and the group's feed. */
public record DeliverableChange(long deliverableId, String title, String action, String actor, Instant at,
    @io.swagger.v3.oas.annotations.media.Schema(nullable = true) String detail) {}
