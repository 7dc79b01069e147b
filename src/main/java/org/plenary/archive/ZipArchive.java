package org.plenary.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.plenary.store.DocumentStore;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A ZIP of files laid out before a byte is sent: every entry STORED (no compression), in the order
 * given, with the CRC-32 and size known in advance, its time fixed (the file's publication), so the
 * same folder gives the same bytes, the length is known (Content-Length) and any byte range is
 * computed from the entries it covers, never by writing from the start. ZIP64 records are added
 * where the format needs them: an entry or an offset at or past 4 GiB, or more than 65,534 entries.
 * Only the headers are held in memory; file contents are read from disk as they are sent.
 */
final class ZipArchive {

  /** Where a member's bytes are read from: a file on disk, or a document of a store that is not local. */
  interface Content {

    /** The file on this machine's disk, when there is one. */
    Optional<Path> local();

    /** The bytes {@code from} (inclusive) to {@code to} (exclusive). */
    InputStream open(long from, long to) throws IOException;

    /** Where the same bytes are now, once they left the place they were laid out from (a withdrawal). */
    default Optional<Content> moved() {
      return Optional.empty();
    }

    static Content of(Path file) {
      return new Content() {
        public Optional<Path> local() {
          return Optional.of(file);
        }

        public InputStream open(long from, long to) throws IOException {
          return FileRegion.open(file, from, to);
        }
      };
    }

    static Content of(DocumentStore store, String path) {
      return of(store, path, Optional::empty);
    }

    /** A document of the store, which {@code now} finds again if it leaves {@code path} (null: still there). */
    static Content of(DocumentStore store, String path, java.util.function.Supplier<Optional<String>> now) {
      return new Content() {
        public Optional<Path> local() {
          return store.local(path);
        }

        public InputStream open(long from, long to) throws IOException {
          return store.open(path, from, to);
        }

        public Optional<Content> moved() {
          return now.get().filter(there -> !there.equals(path)).map(there -> of(store, there));
        }
      };
    }
  }

  /** A file to put in the archive: its content is a file on disk or in the store, or bytes held here. */
  record Member(String name, long size, long crc32, Instant modified, Content file, byte[] bytes) {

    static Member ofBytes(String name, byte[] bytes, Instant modified) {
      var crc = new java.util.zip.CRC32();
      crc.update(bytes);
      return new Member(name, bytes.length, crc.getValue(), modified, null, bytes);
    }
  }

  static final long MAGIC32 = 0xFFFFFFFFL;
  private static final int MAGIC16 = 0xFFFF;
  private static final int UTF8 = 0x0800;
  private static final int BUFFER = 256 << 10;

  /** Parts of the archive in order: headers as bytes, contents as members; {@code starts[i]} is where part i begins. */
  private final Object[] parts;
  private final long[] starts;
  private final long length;

  /** How many parts (headers and members) the layout holds: what a cache of layouts weighs it by. */
  int parts() {
    return parts.length;
  }

  /**
   * Lays out {@code members}. A name an unzip would refuse or place outside its folder, or two names one
   * file system takes for the same file, is a fault of the caller (published names never are): refused
   * here rather than sent to every delegate who downloads the folder.
   */
  ZipArchive(List<Member> members) {
    var names = new java.util.HashSet<String>();
    for (Member member : members) {
      ZipNames.problem(member.name()).ifPresent(problem -> {
        throw new IllegalArgumentException("The archive cannot hold " + problem);
      });
      if (!names.add(ZipNames.folded(member.name()))) {
        throw new IllegalArgumentException("The archive cannot hold " + member.name()
            + " twice, nor two names Windows or macOS would unzip as one file");
      }
    }
    var parts = new ArrayList<Object>(members.size() * 2 + 2);
    var starts = new ArrayList<Long>(members.size() * 2 + 2);
    var central = new ByteArrayOutputStream();
    long offset = 0;
    for (Member member : members) {
      byte[] name = member.name().getBytes(StandardCharsets.UTF_8);
      byte[] local = localHeader(member, name);
      starts.add(offset);
      parts.add(local);
      central.writeBytes(centralHeader(member, name, offset));
      offset += local.length;
      if (member.size() > 0) {
        starts.add(offset);
        parts.add(member);
        offset += member.size();
      }
    }
    byte[] directory = central.toByteArray();
    byte[] end = end(members.size(), offset, directory.length);
    starts.add(offset);
    parts.add(directory);
    starts.add(offset + directory.length);
    parts.add(end);
    this.length = offset + directory.length + end.length;
    this.parts = parts.toArray();
    this.starts = starts.stream().mapToLong(Long::longValue).toArray();
  }

  long length() {
    return length;
  }

  /** Writes bytes {@code from} (inclusive) to {@code to} (exclusive) of the archive. */
  void write(long from, long to, OutputStream out) throws IOException {
    write(from, to, out, null);
  }

  /**
   * Sends a region of a member that is a file on this machine's disk, in turn with what goes to the
   * stream (the writer flushes the stream first when it sends elsewhere).
   */
  interface FileSink {

    /** Sends bytes {@code from} (inclusive) to {@code to} (exclusive) of {@code file}; a shorter file is an IOException. */
    void send(Path file, long from, long to) throws IOException;
  }

  /**
   * As {@link #write(long, long, OutputStream)}; {@code direct}, when given, sends the contents of
   * files on this machine's disk itself (with sendfile to the socket, or as buffers mapped from the
   * files: never through a read call and a copy in the heap).
   */
  void write(long from, long to, OutputStream out, FileSink direct) throws IOException {
    if (from >= to) {
      return;
    }
    int i = Arrays.binarySearch(starts, from);
    if (i < 0) {
      i = -i - 2;
    }
    for (long at = from; at < to; i++) {
      long partStart = starts[i];
      long partEnd = i + 1 < starts.length ? starts[i + 1] : length;
      long end = Math.min(to, partEnd);
      if (parts[i] instanceof byte[] bytes) {
        out.write(bytes, (int) (at - partStart), (int) (end - at));
      } else {
        Member member = (Member) parts[i];
        if (member.bytes() != null) {
          out.write(member.bytes(), (int) (at - partStart), (int) (end - at));
        } else {
          copy(member.file(), at - partStart, end - partStart, out, direct);
        }
      }
      at = end;
    }
  }

  /**
   * Copies a member's bytes; a member whose file left its path since the archive was laid out (withdrawn
   * while the archive is read: nothing of it was sent yet, since an open file is read to its end whatever
   * becomes of its path) is read from where its bytes are now, so the archive is completed as it began.
   */
  private static void copy(Content content, long from, long to, OutputStream out, FileSink direct)
      throws IOException {
    try {
      copyFrom(content, from, to, out, direct);
    } catch (NoSuchFileException gone) {
      Content moved = content.moved().orElseThrow(() -> gone);
      copyFrom(moved, from, to, out, direct);
    }
  }

  private static void copyFrom(Content content, long from, long to, OutputStream out, FileSink direct)
      throws IOException {
    Path file = direct == null ? null : content.local().orElse(null);
    if (file != null) {
      direct.send(file, from, to);
      return;
    }
    try (InputStream in = content.open(from, to)) {
      byte[] buffer = new byte[BUFFER];
      long left = to - from;
      for (int n; left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0; left -= n) {
        out.write(buffer, 0, n);
      }
      if (left > 0) {
        throw new IOException("A member of the archive ended " + left + " bytes before its manifest says.");
      }
    }
  }

  private static boolean large(long value) {
    return value >= MAGIC32;
  }

  private static byte[] localHeader(Member m, byte[] name) {
    boolean zip64 = large(m.size());
    ByteBuffer b = buffer(30 + name.length + (zip64 ? 20 : 0));
    b.putInt(0x04034b50).putShort((short) (zip64 ? 45 : 10)).putShort((short) UTF8).putShort((short) 0);
    putDosTime(b, m.modified());
    b.putInt((int) m.crc32());
    b.putInt((int) (zip64 ? MAGIC32 : m.size())).putInt((int) (zip64 ? MAGIC32 : m.size()));
    b.putShort((short) name.length).putShort((short) (zip64 ? 20 : 0)).put(name);
    if (zip64) {
      b.putShort((short) 1).putShort((short) 16).putLong(m.size()).putLong(m.size());
    }
    return b.array();
  }

  private static byte[] centralHeader(Member m, byte[] name, long offset) {
    boolean bigSize = large(m.size());
    boolean bigOffset = large(offset);
    int extra = (bigSize || bigOffset) ? 4 + (bigSize ? 16 : 0) + (bigOffset ? 8 : 0) : 0;
    ByteBuffer b = buffer(46 + name.length + extra);
    b.putInt(0x02014b50).putShort((short) (3 << 8 | 45)).putShort((short) (extra > 0 ? 45 : 10))
        .putShort((short) UTF8).putShort((short) 0);
    putDosTime(b, m.modified());
    b.putInt((int) m.crc32());
    b.putInt((int) (bigSize ? MAGIC32 : m.size())).putInt((int) (bigSize ? MAGIC32 : m.size()));
    b.putShort((short) name.length).putShort((short) extra).putShort((short) 0).putShort((short) 0)
        .putShort((short) 0).putInt(0100444 << 16).putInt((int) (bigOffset ? MAGIC32 : offset)).put(name);
    if (extra > 0) {
      b.putShort((short) 1).putShort((short) (extra - 4));
      if (bigSize) {
        b.putLong(m.size()).putLong(m.size());
      }
      if (bigOffset) {
        b.putLong(offset);
      }
    }
    return b.array();
  }

  /** The end of the archive: ZIP64 end record and locator when needed, then the classic end record. */
  private static byte[] end(int count, long directoryStart, long directorySize) {
    boolean zip64 = count >= MAGIC16 || large(directoryStart) || large(directorySize);
    ByteBuffer b = buffer((zip64 ? 56 + 20 : 0) + 22);
    if (zip64) {
      long zip64End = directoryStart + directorySize;
      b.putInt(0x06064b50).putLong(44).putShort((short) (3 << 8 | 45)).putShort((short) 45).putInt(0).putInt(0)
          .putLong(count).putLong(count).putLong(directorySize).putLong(directoryStart);
      b.putInt(0x07064b50).putInt(0).putLong(zip64End).putInt(1);
    }
    short entries = (short) (count >= MAGIC16 ? MAGIC16 : count);
    b.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort(entries).putShort(entries)
        .putInt((int) (large(directorySize) ? MAGIC32 : directorySize))
        .putInt((int) (large(directoryStart) ? MAGIC32 : directoryStart)).putShort((short) 0);
    return b.array();
  }

  private static void putDosTime(ByteBuffer b, Instant instant) {
    LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    if (t.getYear() < 1980) {
      t = LocalDateTime.of(1980, 1, 1, 0, 0);
    }
    b.putShort((short) (t.getHour() << 11 | t.getMinute() << 5 | t.getSecond() / 2));
    b.putShort((short) ((t.getYear() - 1980) << 9 | t.getMonthValue() << 5 | t.getDayOfMonth()));
  }

  private static ByteBuffer buffer(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }
}
