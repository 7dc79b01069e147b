package org.plenary.meeting;

/**
 * Whether references that print a meeting's code were issued, asked before its code changes: a registration
 * number ({@code 1006-GVA-0012}) and a visa letter's reference ({@code 1006-GVA-V-0007-…}) name the meeting by
 * its code on paper a participant and a consulate hold, so once one was issued the code stays. The registration
 * and visa modules answer; without them, no meeting has any.
 */
public interface IssuedReferences {

  /** Whether any reference printing the meeting's code was issued. */
  boolean anyFor(MeetingId meeting);
}
