package org.plenary.search;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.apache.lucene.util.BytesRef;

/** A document's whole text as the index stores it: UTF-8, deflated (a third of its size for prose). */
final class Deflated {

  /**
   * The empty text, deflated once: the entry of every number not yet uploaded holds it, and a new
   * deflater (its native state) and output buffer cost more than the rest of such an entry.
   */
  private static final byte[] EMPTY = deflate("");

  private Deflated() {}

  static byte[] of(String text) {
    return text.isEmpty() ? EMPTY.clone() : deflate(text);
  }

  private static byte[] deflate(String text) {
    byte[] plain = text.getBytes(StandardCharsets.UTF_8);
    Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    try {
      deflater.setInput(plain);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 3 + 64);
      byte[] buffer = new byte[Math.min(64 * 1024, plain.length + 64)];
      while (!deflater.finished()) {
        out.write(buffer, 0, deflater.deflate(buffer));
      }
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }

  static String text(BytesRef deflated) {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(deflated.bytes, deflated.offset, deflated.length);
      ByteArrayOutputStream out = new ByteArrayOutputStream(deflated.length * 3 + 64);
      byte[] buffer = new byte[64 * 1024];
      while (!inflater.finished()) {
        int n = inflater.inflate(buffer);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new IllegalStateException("The stored text of a search entry is truncated");
        }
        out.write(buffer, 0, n);
      }
      return out.toString(StandardCharsets.UTF_8);
    } catch (DataFormatException e) {
      throw new IllegalStateException("The stored text of a search entry is damaged", e);
    } finally {
      inflater.end();
    }
  }
}
