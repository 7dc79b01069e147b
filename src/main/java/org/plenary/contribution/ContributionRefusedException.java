package org.plenary.contribution;

import org.plenary.shared.RefusedException;

/**
 * A rule of the contribution desk refused an action. The reason decides the HTTP status and the FTP
 * reply code; the message is a sentence for the delegate.
 */
public class ContributionRefusedException extends RefusedException {

  /** Why, with the HTTP status and FTP reply that say it. */
  public enum Reason {
    UNKNOWN_NUMBER(404, 550),
    NOT_YOURS(403, 553),
    BAD_FILE_NAME(400, 553),
    TOO_LARGE(413, 552),
    LATE(403, 553),
    ALREADY_PUBLISHED(409, 553),
    WRONG_STATE(409, 550),
    NOT_ALLOWED(403, 550);

    private final int httpStatus;
    private final int ftpReply;

    Reason(int httpStatus, int ftpReply) {
      this.httpStatus = httpStatus;
      this.ftpReply = ftpReply;
    }

    public int httpStatus() {
      return httpStatus;
    }

    public int ftpReply() {
      return ftpReply;
    }
  }

  private final Reason reason;

  public ContributionRefusedException(Reason reason, String message) {
    super(reason.httpStatus(), message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
