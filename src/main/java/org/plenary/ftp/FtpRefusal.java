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

  int code() {
    return reply.code();
  }

  Reply reply() {
    return reply;
  }
}
