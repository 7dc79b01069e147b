package org.plenary.ftp;

/** A command refused with an FTP reply code and a sentence for the delegate. */
final class FtpRefusal extends RuntimeException {

  private final int code;

  FtpRefusal(int code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  int code() {
    return code;
  }
}
