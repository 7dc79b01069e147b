package org.plenary.visa;

import java.time.Instant;
import org.plenary.meeting.MeetingId;

/** A request for a visa-support letter; its passport details are read separately, and logged. */
public record VisaRequest(long id, long registrationId, MeetingId meetingId, String fullName, String function,
    String mission, VisaStatus status, String reference, Instant requestedAt, String decidedBy, Instant decidedAt,
    Instant purgedAt) {}
