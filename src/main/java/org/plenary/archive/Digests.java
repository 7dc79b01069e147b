package org.plenary.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32;

/** SHA-256 and CRC-32 of bytes and files. */
final class Digests {

  private Digests() {}

  static byte[] sha256(byte[] bytes) {
    return digest().digest(bytes);
  }

  static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256(bytes));
  }

  /** The SHA-256 (hex) and the CRC-32 of a file, read once. */
  record FileSums(String sha256, long crc32, long size) {}

  static FileSums of(Path file) throws IOException {
    MessageDigest sha = digest();
    CRC32 crc = new CRC32();
    long size = 0;
    byte[] buffer = new byte[1 << 20];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; size += n) {
        sha.update(buffer, 0, n);
        crc.update(buffer, 0, n);
      }
    }
    return new FileSums(HexFormat.of().formatHex(sha.digest()), crc.getValue(), size);
  }

  static long crc32(Path file) throws IOException {
    return crc32(Files.newInputStream(file));
  }

  /** The CRC-32 of everything the stream has; closes it. */
  static long crc32(InputStream bytes) throws IOException {
    CRC32 crc = new CRC32();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = bytes) {
      for (int n; (n = in.read(buffer)) > 0;) {
        crc.update(buffer, 0, n);
      }
    }
    return crc.getValue();
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
