package org.plenary.meeting;

import org.plenary.group.GroupId;

/** A circular (or an addendum) was issued: it is to be mailed to the group's list and every focal point. */
public record CircularIssued(CircularId circular, GroupId group, MeetingId meeting) {}
