package org.plenary.group;

/** Identifies a group across modules. */
public record GroupId(long value) {}
