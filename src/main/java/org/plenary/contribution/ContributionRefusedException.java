package org.plenary.contribution;

import org.plenary.shared.RefusedException;

/**
 * A rule of the contribution desk refused an action. The reason decides the HTTP status and the FTP
 * reply code; the message is a sentence for the delegate: a key of the {@code contribution} bundle
 * with its arguments, so that a page, an FTP session after {@code LANG} or a mail says it in the
 * reader's language ({@code messageSource.getMessage(refusal, locale)}); {@link #getMessage()} is
 * the English sentence (logs, and the API until it follows {@code Accept-Language}).
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
    /** The version waiting is not the one the request names (a publication of what someone reviewed). */
    VERSION_CHANGED(412, 550),
    /** A version waits in the incoming folder and the upload did not say it replaces it. */
    WAITING(409, 550),
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

  private ContributionRefusedException(Reason reason, String key, Object[] args) {
    super(reason.httpStatus(), "contribution", key, args);
    this.reason = reason;
  }

  /** Refuses with the sentence {@code key} of the {@code contribution} bundle; numbers are given as text. */
  public static ContributionRefusedException of(Reason reason, String key, Object... args) {
    return new ContributionRefusedException(reason, key, args);
  }

  public Reason reason() {
    return reason;
  }
}
