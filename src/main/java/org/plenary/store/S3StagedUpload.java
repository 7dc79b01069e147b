package org.plenary.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * A staged upload of the {@link S3Store} ({@link S3Store#stage}): its bytes go towards the object of
 * its destination as they arrive (a multipart upload at that key, or a buffer smaller than one part),
 * and {@link #complete()} only finishes the transfer. The file is known by a staging path of this
 * process until the caller's transaction moves it to its destination, which lands it there: no
 * staged object is written, copied and deleted. Closed before it landed, it is aborted.
 */
final class S3StagedUpload implements DocumentStore.Writer {

  private final S3Upload upload;
  private final String staged;
  private final Map<String, S3Upload> waiting;

  S3StagedUpload(S3Upload upload, String staged, Map<String, S3Upload> waiting) {
    this.upload = upload;
    this.staged = staged;
    this.waiting = waiting;
  }

  @Override
  public void write(ByteBuffer bytes) throws IOException {
    upload.write(bytes);
  }

  @Override
  public long size() {
    return upload.size();
  }

  @Override
  public StoredFile complete() throws IOException {
    StoredFile file = upload.finish();
    waiting.put(staged, upload);
    return new StoredFile(staged, file.size(), file.sha256(), file.crc32());
  }

  /** Waits for the part being sent, if any (tests: what a crash leaves once it is long past). */
  void awaitSending() throws IOException {
    upload.awaitSending();
  }

  /** Aborts the upload unless it has landed (then there is nothing left to do). */
  @Override
  public void close() {
    waiting.remove(staged, upload);
    upload.close();
  }
}
