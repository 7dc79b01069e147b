package org.plenary.meeting;

import org.plenary.group.GroupId;

/** A meeting was scheduled and is to be announced by e-mail and on the web. */
public record MeetingAnnounced(GroupId group, MeetingId meeting) {}
