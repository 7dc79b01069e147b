package org.plenary.shared;

/**
 * Work refused because the node is busy with enough of its kind already (PDFs being painted): nothing
 * was changed, and the same request a few seconds later will do. HTTP answers it 503 with
 * {@code Retry-After} and the sentence {@link #SENTENCE} (a key of the {@code common} bundle).
 */
public class ServerBusy extends RuntimeException {

  /** The bundle key of what a reader is told. */
  public static final String SENTENCE = "common.unavailable.busy";

  public ServerBusy(String reason, Throwable cause) {
    super(reason, cause);
  }

  /** Whether {@code error} or one of its causes is a {@link ServerBusy}. */
  public static boolean causedBy(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof ServerBusy) {
        return true;
      }
    }
    return false;
  }
}
