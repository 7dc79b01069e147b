package org.plenary.contribution;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.Locale;
import java.util.ResourceBundle;
import org.plenary.shared.RefusedException;
import org.springframework.context.MessageSourceResolvable;

/**
 * A rule of the contribution desk refused an action. The reason decides the HTTP status and the FTP
 * reply code; the message is a sentence for the delegate: a key of the {@code contribution} bundle
 * with its arguments, so that a page, an FTP session after {@code LANG} or a mail says it in the
 * reader's language ({@code messageSource.getMessage(refusal, locale)}); {@link #getMessage()} is
 * the English sentence (logs, and the API until it follows {@code Accept-Language}).
 */
public class ContributionRefusedException extends RefusedException implements MessageSourceResolvable {

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

  private static final String BUNDLE = "i18n.messages.contribution";

  private final Reason reason;
  private final String key;
  private final Object[] args;

  /** A sentence already written (in English): said as it is in every language. */
  public ContributionRefusedException(Reason reason, String message) {
    super(reason.httpStatus(), message);
    this.reason = reason;
    this.key = null;
    this.args = new Object[0];
  }

  private ContributionRefusedException(Reason reason, String key, Object[] args) {
    super(reason.httpStatus(), english(key, args));
    this.reason = reason;
    this.key = key;
    this.args = args;
  }

  /** Refuses with the sentence {@code key} of the {@code contribution} bundle; numbers are given as text. */
  public static ContributionRefusedException of(Reason reason, String key, Object... args) {
    return new ContributionRefusedException(reason, key,
        Arrays.stream(args).map(a -> a instanceof Number ? a.toString() : a).toArray());
  }

  private static String english(String key, Object[] args) {
    var words = ResourceBundle.getBundle(BUNDLE, Locale.ROOT,
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    // As the message source does: a sentence without arguments is not a MessageFormat pattern.
    return args.length == 0 ? words.getString(key) : new MessageFormat(words.getString(key), Locale.ENGLISH).format(args);
  }

  @Override
  public String[] getCodes() {
    return key == null ? null : new String[] {key};
  }

  @Override
  public Object[] getArguments() {
    return args.clone();
  }

  @Override
  public String getDefaultMessage() {
    return getMessage();
  }

  public Reason reason() {
    return reason;
  }
}
