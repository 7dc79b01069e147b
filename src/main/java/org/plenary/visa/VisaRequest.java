package org.plenary.visa;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import org.plenary.meeting.MeetingId;

/**
 * A request for a visa-support letter; its passport details are read separately, and logged. {@code version} is one
 * more at every change of it (sent again, returned, refused, approved, re-issued, purged): what a decision is made on.
 */
public record VisaRequest(long id, long registrationId, MeetingId meetingId, String fullName,
    @Schema(nullable = true) String function, String mission, VisaStatus status, @Schema(nullable = true) String reference,
    Instant requestedAt,
    @Schema(nullable = true, description = "The username of the secretariat's member who decided; only for the secretariat") String decidedBy, @Schema(nullable = true) Instant decidedAt,
    @Schema(nullable = true) Instant purgedAt,
    @Schema(nullable = true, description = "Why the request was refused or returned for correction") String reason,
    @Schema(description = "Moves at every change of the request and of its meeting (whose venue and days a letter quotes); the ETag of its read (\"v3\") names it") long version) {}
