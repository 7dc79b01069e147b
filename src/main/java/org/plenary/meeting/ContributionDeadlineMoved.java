package org.plenary.meeting;

import java.time.Instant;

/**
 * A meeting's contributions deadline moved (its date, its time or the meeting's zone changed). Published in
 * the edit's transaction: the documents already received are late, or not, against the deadline in force,
 * in the same change.
 */
public record ContributionDeadlineMoved(MeetingId meeting, Instant deadline) {}
