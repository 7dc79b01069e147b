package org.plenary.search;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.compress.LZ4;

/**
 * A document's whole text as the index keeps it: UTF-8, compressed with LZ4 behind a mark byte and
 * the text's length. Entries written before were deflated (zlib, about a third of prose's size
 * against LZ4's half), and are still read: a zlib stream never starts with the mark, so no rebuild
 * is needed. Deflating the text was a tenth of the indexer's time on the document cycle's texts;
 * LZ4 compresses the same text several times faster, and the text is read back only when a
 * contribution's register fields change and its files do not.
 */
final class KeptText {

  /** The first byte of an LZ4 text; a zlib stream's first byte always has 8 in its low four bits. */
  static final byte LZ4_MARK = 1;

  /** The compressor's table, reused: the indexer writes on one thread, a search may read back on others. */
  private static final ThreadLocal<LZ4.FastCompressionHashTable> TABLES =
      ThreadLocal.withInitial(LZ4.FastCompressionHashTable::new);

  /** The empty text, kept once: the entry of every number not yet uploaded holds it (the allocation's path). */
  private static final byte[] EMPTY = compress("");

  private KeptText() {}

  static byte[] of(String text) {
    return text.isEmpty() ? EMPTY.clone() : compress(text);
  }

  private static byte[] compress(String text) {
    byte[] plain = text.getBytes(StandardCharsets.UTF_8);
    var out = new ByteBuffersDataOutput(plain.length / 2 + 16);
    try {
      out.writeByte(LZ4_MARK);
      out.writeVInt(plain.length);
      if (plain.length > 0) {
        LZ4.FastCompressionHashTable table = TABLES.get();
        LZ4.compress(plain, 0, plain.length, out, table);
      }
    } catch (IOException impossible) {
      throw new java.io.UncheckedIOException(impossible);
    }
    return out.toArrayCopy();
  }

  /** The text kept; an {@link IllegalStateException} when it is damaged or truncated. */
  static String text(BytesRef kept) {
    if (kept.length > 0 && kept.bytes[kept.offset] == LZ4_MARK) {
      var in = new ByteArrayDataInput(kept.bytes, kept.offset + 1, kept.length - 1);
      try {
        int length = in.readVInt();
        // LZ4 cannot expand a byte into more than 255: a longer length is damage, not a reason to allocate it.
        if (length < 0 || length > 255L * (kept.length - 1) + 16) {
          throw new IllegalStateException("The stored text of a search entry claims " + Integer.toUnsignedString(length)
              + " bytes from " + (kept.length - 1) + ": it is damaged");
        }
        byte[] plain = new byte[length];
        if (length > 0) {
          LZ4.decompress(in, length, plain, 0);
        }
        if (!in.eof()) {
          throw new IllegalStateException("The stored text of a search entry has bytes after its end");
        }
        return new String(plain, StandardCharsets.UTF_8);
      } catch (IOException | RuntimeException damaged) {
        if (damaged instanceof IllegalStateException) {
          throw (IllegalStateException) damaged;
        }
        throw new IllegalStateException("The stored text of a search entry is damaged or truncated", damaged);
      }
    }
    return inflated(kept);
  }

  /** A text deflated by an earlier version. */
  private static String inflated(BytesRef deflated) {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(deflated.bytes, deflated.offset, deflated.length);
      ByteArrayOutputStream out = new ByteArrayOutputStream(deflated.length * 3 + 64);
      byte[] buffer = new byte[64 * 1024];
      while (!inflater.finished()) {
        int n = inflater.inflate(buffer);
        // An empty text's stream ends at the first call, which gives nothing: it is not truncated.
        if (n == 0 && !inflater.finished() && (inflater.needsInput() || inflater.needsDictionary())) {
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
