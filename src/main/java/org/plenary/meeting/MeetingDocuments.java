package org.plenary.meeting;

/**
 * Whether a meeting has documents, asked before its code changes: the code names the folder its
 * published documents lie in ({@code /t/fg/<group>/docs/<code>/in/}), so once it has documents the
 * code is the meeting's identity. The contribution module answers; without it, no meeting has any.
 */
public interface MeetingDocuments {

  /** Whether any document number was allocated to the meeting. */
  boolean anyFor(MeetingId meeting);
}
