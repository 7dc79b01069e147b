package org.plenary.ftp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes of a listing's next lines, written straight from names, numbers and times: no string, no
 * formatter and no per-byte call into the connection's buffer for each line. {@link ListingChunks}
 * fills one, copies it into a chunk at once and starts it again, so it holds one chunk's lines at most.
 */
final class LineBuffer {

  private byte[] bytes;
  private int size;

  LineBuffer(int capacity) {
    bytes = new byte[capacity];
  }

  /** The bytes written since the last {@link #clear}: {@code array()[0 .. size())}. */
  byte[] array() {
    return bytes;
  }

  int size() {
    return size;
  }

  void clear() {
    size = 0;
  }

  /** {@code text} in UTF-8 (a lone surrogate as '?', as {@link String#getBytes} writes it). */
  LineBuffer utf8(String text) {
    int length = text.length();
    room(length);
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        // Not ASCII: what is written so far stays, the rest is encoded by the JDK.
        byte[] rest = text.substring(i).getBytes(StandardCharsets.UTF_8);
        room(rest.length);
        System.arraycopy(rest, 0, bytes, size, rest.length);
        size += rest.length;
        return this;
      }
      bytes[size++] = (byte) c;
    }
    return this;
  }

  /** {@code value} in decimal digits, with its sign. */
  LineBuffer number(long value) {
    if (value < 0) {
      return utf8(Long.toString(value));
    }
    room(19);
    int digits = 1;
    for (long rest = value / 10; rest > 0; rest /= 10) {
      digits++;
    }
    for (int at = size + digits - 1; at >= size; at--) {
      bytes[at] = (byte) ('0' + value % 10);
      value /= 10;
    }
    size += digits;
    return this;
  }

  /** {@code value} (0 to 10^width - 1) in exactly {@code width} digits, zeros first. */
  LineBuffer digits(int value, int width) {
    room(width);
    for (int at = size + width - 1; at >= size; at--) {
      bytes[at] = (byte) ('0' + value % 10);
      value /= 10;
    }
    size += width;
    return this;
  }

  LineBuffer crlf() {
    room(2);
    bytes[size++] = '\r';
    bytes[size++] = '\n';
    return this;
  }

  private void room(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
  }
}
