package org.plenary.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A file of the {@link FileStore} being written to a {@code .part} file beside its target: complete,
 * with size and SHA-256, or removed on {@link #close()}. Past {@link #LARGE} bytes the rest goes to
 * the disk with O_DIRECT where the file system allows ({@link DirectWrites},
 * {@code plenary.documents.direct-io}), and is on the device when {@link #complete()} returns;
 * otherwise the SHA-256 is computed on another thread ({@link DigestBehind}). Small files are forced
 * to disk only with {@code plenary.documents.fsync}.
 */
final class PartFile implements DocumentStore.Writer {
  /** From this size on, a file is large: written with O_DIRECT, or hashed behind the writer. */
  static final long LARGE = 8L << 20;
  private final String path;
  private final Path target;
  private final Path part;
  private final FileChannel channel;
  private final long maxSize;
  private final MessageDigest sha256 = sha256();
  private final java.util.zip.CRC32 crc32 = new java.util.zip.CRC32();
  private final boolean sync;
  private final boolean directIo;
  private long size;
  private boolean completed;
  private boolean large;
  private DirectWrites direct;
  private DigestBehind digestBehind;

  PartFile(String path, Path target, Path part, FileChannel channel, long maxSize, boolean sync, boolean directIo) {
    this.sync = sync;
    this.directIo = directIo;
    this.path = path;
    this.target = target;
    this.part = part;
    this.channel = channel;
    this.maxSize = maxSize;
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  @Override
  public void write(ByteBuffer bytes) throws IOException {
    if (size + bytes.remaining() > maxSize) {
      close();
      throw new TooLargeException(maxSize);
    }
    if (!large && size >= LARGE) {
      large = true;
      direct = directIo ? DirectWrites.continuing(part, channel, size).orElse(null) : null;
      if (direct == null) {
        digestBehind = new DigestBehind(part, sha256, size);
      }
    }
    size += bytes.remaining();
    crc32.update(bytes.duplicate());
    ByteBuffer digested = bytes.duplicate();
    if (direct != null) {
      direct.write(bytes);
    } else {
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
    }
    if (digestBehind != null) {
      digestBehind.written(size);
    } else {
      sha256.update(digested);
    }
  }

  @Override
  public long size() {
    return size;
  }

  /** Forces the bytes to disk (as configured) and puts the file at its path in one step. */
  @Override
  public StoredFile complete() throws IOException {
    if (digestBehind != null) {
      digestBehind.finish(size);
      digestBehind.close();
    }
    if (direct != null) {
      direct.finish(size);
      direct.close();
    } else if (sync) {
      channel.force(true);
    }
    channel.close();
    FileStore.renameWithoutReplacing(part, target);
    completed = true;
    return new StoredFile(path, size, HexFormat.of().formatHex(sha256.digest()), crc32.getValue());
  }

  @Override
  public void close() {
    if (direct != null) {
      direct.close();
    }
    if (digestBehind != null) {
      digestBehind.close();
    }
    try {
      channel.close();
    } catch (IOException ignored) {
      // the part file is removed below
    }
    if (!completed) {
      FileStore.deleteQuietly(part);
    }
  }
}
