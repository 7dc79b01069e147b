package org.plenary.meeting;

/**
 * A meeting's venue or days changed. Published in the edit's transaction: what was issued stating them (an
 * approved visa letter, which keeps the venue and days it was approved with) is found and its holders told.
 */
public record MeetingMoved(MeetingId meeting) {}
