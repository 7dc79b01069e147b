package org.plenary.ftp;

/** A command refused with an FTP reply code and a sentence for the delegate (a key of the {@code ftp} bundle). */
final class FtpRefusal extends RuntimeException {

  private final transient Reply reply;

  FtpRefusal(int code, String key, Object... args) {
    this(Reply.of(code, key, args));
  }

  private FtpRefusal(Reply reply) {
    super(reply.key(), null, false, false);
    this.reply = reply;
  }

  /** Refuses with a sentence another module already wrote. */
  static FtpRefusal saying(int code, String sentence) {
    return new FtpRefusal(Reply.of(code, "ftp.refused", sentence));
  }

  int code() {
    return reply.code();
  }

  Reply reply() {
    return reply;
  }
}
