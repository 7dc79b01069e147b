package org.plenary.contribution;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.plenary.store.DocumentStore;
import org.plenary.store.StoredFile;
import org.plenary.store.TooLargeException;

/**
 * An upload the contribution desk has accepted to receive: its name, owner, revision and deadline
 * were checked. Bytes arrive through {@link #write} (FTP network buffers) or a stream (the web);
 * {@link #complete()} stores the file and enters it in the register, re-checking what may have
 * changed meanwhile. Closing it before completion keeps nothing.
 *
 * <p>Completion is timed as {@code plenary.upload.latency} ({@code plenary_upload_latency_seconds}
 * in Prometheus): from the last byte received to the file in the register, the wait a client sees
 * after sending, tagged by channel ({@code ftp}, {@code web}, {@code api}: {@link UploadChannel}, given
 * when the desk opens the upload) and outcome ({@code stored}, {@code refused}, {@code failed}). It
 * goes to Micrometer's global registry, which Spring Boot binds its own to: the upload path stays free
 * of wiring. A refusal after the upload opened (too large, or a rule re-checked at completion) is
 * reported to the desk, which counts every refusal.
 */
public final class IncomingUpload implements AutoCloseable {

  private static final String LATENCY = "plenary.upload.latency";

  private final String fileName;
  private final String sizeLimit;
  private final DocumentStore store;
  private final DocumentStore.Writer writer;
  private final Function<StoredFile, CompletableFuture<ContributionFile>> register;
  private final UploadChannel channel;
  private final Consumer<ContributionRefusedException> refused;

  IncomingUpload(String fileName, UploadChannel channel, String sizeLimit, DocumentStore store,
      DocumentStore.Writer writer, Function<StoredFile, CompletableFuture<ContributionFile>> register,
      Consumer<ContributionRefusedException> refused) {
    this.fileName = fileName;
    this.channel = channel;
    this.refused = refused;
    this.sizeLimit = sizeLimit;
    this.store = store;
    this.writer = writer;
    this.register = register;
  }

  /** The name the file will have in the incoming folder (FG-Cloud-I-0042.docx). */
  public String fileName() {
    return fileName;
  }

  /** Bytes received so far. */
  public long size() {
    return writer.size();
  }

  /** Appends bytes; past the size limit the upload is refused ({@code TOO_LARGE}) and nothing is kept. */
  public void write(ByteBuffer bytes) throws IOException {
    try {
      writer.write(bytes);
    } catch (TooLargeException e) {
      throw tooLarge();
    }
  }

  void transfer(InputStream bytes) {
    try {
      writer.writeAll(bytes);
    } catch (TooLargeException e) {
      throw tooLarge();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ContributionRefusedException tooLarge() {
    var refusal = ContributionRefusedException.of(ContributionRefusedException.Reason.TOO_LARGE,
        "contribution.refused.tooLarge", fileName, sizeLimit);
    refused.accept(refusal);
    return refusal;
  }

  /** Puts the complete file on disk and in the register; the version then waits in the incoming folder. */
  public ContributionFile complete() {
    try {
      return completeAsync().join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  /**
   * As {@link #complete()}, without waiting for the register: uploads that complete together are
   * registered in one transaction, and the caller's thread is free meanwhile (the FTP gateway's
   * workers serve other sessions). The future fails with the refusal, if any.
   */
  public CompletableFuture<ContributionFile> completeAsync() {
    long started = System.nanoTime();
    StoredFile staged;
    try {
      staged = writer.complete();
    } catch (IOException e) {
      timed(started, "failed");
      return CompletableFuture.failedFuture(new UncheckedIOException(e));
    }
    return register.apply(staged).whenComplete((file, failure) -> {
      if (failure != null) {
        // Registered, the staged file was moved with the transaction; refused or rolled back, it is
        // (back) at its staged path. Not asked otherwise: on S3 the question is a request.
        store.delete(staged.path());
      }
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
      if (cause instanceof ContributionRefusedException refusal) {
        refused.accept(refusal);
      }
      timed(started, failure == null ? "stored" : cause instanceof ContributionRefusedException ? "refused" : "failed");
    });
  }

  private void timed(long started, String outcome) {
    Timer.builder(LATENCY).tag("channel", channel.tag()).tag("outcome", outcome)
        .description("Time from an upload's last byte to its entry in the register, by channel")
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(60))
        .register(Metrics.globalRegistry).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
  }

  @Override
  public void close() {
    writer.close();
  }
}
