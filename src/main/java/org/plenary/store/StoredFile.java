package org.plenary.store;

/**
 * A file completely written into the store: where it is, how big, its SHA-256 (hex) and its CRC-32
 * (a ZIP member's checksum, kept so that publication need not read the file back; -1 when the
 * writer did not compute it).
 */
public record StoredFile(String path, long size, String sha256, long crc32) {

  public StoredFile(String path, long size, String sha256) {
    this(path, size, sha256, -1);
  }
}
