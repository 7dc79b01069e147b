package org.plenary.meeting;

/** Identifies a meeting across modules. */
public record MeetingId(long value) {}
