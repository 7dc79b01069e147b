package org.plenary.contribution;

/** Where one uploaded version of a contribution stands. */
public enum FileState {
  /** In the incoming folder, waiting for the secretariat. */
  INCOMING,
  /** In the meeting's read-only folder. */
  PUBLISHED,
  /** Superseded by a newer upload before publication; kept in the history. */
  REPLACED,
  /** Refused by the secretariat, with a reason; kept in the history. */
  REJECTED,
  /** Published, then withdrawn; kept in the history, no longer served. */
  WITHDRAWN
}
