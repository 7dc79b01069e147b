package org.plenary.store;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * A file of the {@link S3Store} being written: bytes are hashed as they arrive and gathered into
 * parts cut as {@link S3Parts} says (a buffer that grows with the file up to one part). A file smaller
 * than one part is sent with one PUT when it lands; a larger one becomes a multipart upload whose
 * parts are sent on other threads while the next one fills, never more part buffers in memory than
 * the budget of {@link S3Parts}, whatever the file's size. The upload is entered
 * with its node's lease ({@link S3Uploads}) so that no other node's clean-up aborts it while it lives.
 * Writing ends in two steps: {@link #finish()} once the client's transfer ended well (every part
 * sent, nothing visible yet), then {@link #land()}, which claims the key ({@link S3Claims}) and makes
 * the object appear (the PUT, or the completion of the multipart upload). {@link #complete()} does
 * both; a staged upload ({@link S3Store#stage}) lands when its transaction moves it. Until it lands,
 * {@link #close()} aborts it and nothing remains. A key already taken is refused, and nothing is replaced.
 */
final class S3Upload implements DocumentStore.Writer {

  private static final ExecutorService PARTS = Executors.newVirtualThreadPerTaskExecutor();

  private record Sending(byte[] buffer, CompletableFuture<CompletedPart> part) {}

  private final S3Bucket bucket;
  private final S3Store store;
  private final String path;
  private final long maxSize;
  private final S3Parts cut;
  private final MessageDigest sha256 = PartFile.sha256();
  private final java.util.zip.CRC32 crc32 = new java.util.zip.CRC32();
  private final List<CompletedPart> parts = new ArrayList<>();
  private final Deque<Sending> sending = new ArrayDeque<>();
  private final Deque<byte[]> free = new ArrayDeque<>();
  private byte[] part;
  private int filled;
  /** The length of the part filling; {@link #handed} bytes went into the parts before it. */
  private int partLength;
  private long handed;
  private long sendingBytes;
  private long size;
  private String uploadId;
  private boolean claimed;
  private boolean finished;
  private boolean completed;

  S3Upload(S3Bucket bucket, S3Store store, String path, long maxSize, S3Parts cut) {
    this.bucket = bucket;
    this.store = store;
    this.path = path;
    this.maxSize = maxSize;
    this.cut = cut;
    this.partLength = cut.next(0);
    this.part = new byte[Math.min(partLength, 64 * 1024)];
  }

  @Override
  public void write(ByteBuffer bytes) throws IOException {
    if (size + bytes.remaining() > maxSize) {
      close();
      throw new TooLargeException(maxSize);
    }
    size += bytes.remaining();
    sha256.update(bytes.duplicate());
    crc32.update(bytes.duplicate());
    while (bytes.hasRemaining()) {
      if (filled == part.length && part.length < partLength) {
        part = java.util.Arrays.copyOf(part, Math.min(partLength, part.length * 2));
      } else if (filled == part.length) {
        sendPart(false);
        part = spare();
      }
      int count = Math.min(part.length - filled, bytes.remaining());
      bytes.get(part, filled, count);
      filled += count;
    }
  }

  @Override
  public long size() {
    return size;
  }

  /**
   * Sends the full part on a thread of its own, after waiting for the oldest ones while the parts on
   * their way, this one and the next (unless this is the {@code last}) would take more than the budget.
   */
  private void sendPart(boolean last) throws IOException {
    if (uploadId == null) {
      uploadId = bucket.startMultipart(path);
      store.started(uploadId, path);
    }
    byte[] full = part;
    int length = filled;
    handed += length;
    partLength = cut.next(handed);
    while (!cut.maySend(sendingBytes, full.length, last ? 0 : partLength)) {
      awaitOldest();
    }
    int number = parts.size() + sending.size() + 1;
    String id = uploadId;
    sending.add(new Sending(full,
        CompletableFuture.supplyAsync(() -> bucket.uploadPart(path, id, number, full, length), PARTS)));
    sendingBytes += full.length;
    part = null;
    filled = 0;
  }

  /** A buffer for the next part: one that came back from the bucket if it has the length, else a new one. */
  private byte[] spare() {
    while (!free.isEmpty()) {
      byte[] spare = free.pop();
      if (spare.length == partLength) {
        return spare;
      }
    }
    return new byte[partLength];
  }

  private void awaitOldest() throws IOException {
    Sending oldest = sending.peek();
    try {
      parts.add(oldest.part().get());
      sending.remove();
      sendingBytes -= oldest.buffer().length;
      free.push(oldest.buffer());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while sending a part");
    } catch (ExecutionException e) {
      throw new IOException("Sending a part to the bucket failed: " + e.getCause().getMessage(), e.getCause());
    }
  }

  /** Waits for every part on its way (parts arrive in order of their numbers). */
  void awaitSending() throws IOException {
    while (!sending.isEmpty()) {
      awaitOldest();
    }
  }

  @Override
  public StoredFile complete() throws IOException {
    StoredFile file = finish();
    land();
    return file;
  }

  String key() {
    return path;
  }

  /** The client's transfer ended well: sends what remains of the parts, without making the object appear. */
  synchronized StoredFile finish() throws IOException {
    if (completed || finished) {
      throw new IllegalStateException("The upload of " + path + " is already finished or abandoned.");
    }
    try {
      if (uploadId != null) {
        if (filled > 0) {
          sendPart(true);
        }
        awaitSending();
        free.clear();
        part = null;
      }
      finished = true;
      return new StoredFile(path, size, HexFormat.of().formatHex(sha256.digest()), crc32.getValue());
    } finally {
      if (!finished) {
        close();
      }
    }
  }

  /**
   * Claims the key and makes the object appear there. A key already taken throws
   * {@link java.nio.file.FileAlreadyExistsException} and leaves the upload as it was (finished, not
   * landed: it may land once the key is free, or be closed); any other failure abandons it.
   */
  synchronized void land() throws IOException {
    if (!finished || completed) {
      throw new IllegalStateException("The upload of " + path + " is not finished, or already landed.");
    }
    store.claim(path);
    claimed = true;
    try {
      if (uploadId == null) {
        bucket.put(path, S3Bucket.body(part, filled));
      } else {
        bucket.completeMultipart(path, uploadId, parts);
        store.ended(uploadId);
      }
      completed = true;
      part = null;
    } catch (SdkException e) {
      throw new IOException("The bucket refused " + path + ": " + e.getMessage(), e);
    } finally {
      if (!completed) {
        close();
      }
    }
  }

  /**
   * Synchronized with {@link #land()}: a staged upload may be closed (the application stopping, a
   * client gone) on another thread than the transaction landing it, and must then either have landed
   * whole, its claim kept, or be aborted before landing.
   */
  @Override
  public synchronized void close() {
    if (completed) {
      return;
    }
    completed = true;
    // A part still on its way would bring the upload back after the abort: let them all arrive first.
    sending.forEach(s -> s.part().exceptionally(failed -> null).join());
    sending.clear();
    if (uploadId != null) {
      try {
        bucket.abortMultipart(path, uploadId);
      } catch (SdkException e) {
        org.slf4j.LoggerFactory.getLogger(S3Upload.class)
            .warn("Could not abort the upload of {} (the stale upload clean-up will): {}", path, e.getMessage());
      }
      store.ended(uploadId);
    }
    if (claimed) {
      store.releaseUnlessStored(path);
    }
    part = null;
    free.clear();
  }
}
