package org.plenary.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ZIP writer: deterministic bytes, any range equal to the same slice of the whole, ZIP64, read by others. */
class ZipArchiveTests {

  static final Instant PUBLISHED = Instant.parse("2010-06-07T09:30:12Z");

  @TempDir Path dir;

  @Test
  void refusesNamesAnUnzipWouldRefuseMisplaceOrMerge() {
    for (String bad : List.of("../FG-Cloud-I-0001.pdf", "in/../../x.pdf", "/etc/x.pdf", "C:/x.pdf", "in\\x.pdf", "in/./x.pdf",
        "in/x\u0000.pdf", "")) {
      assertThatThrownBy(() -> new ZipArchive(List.of(ZipArchive.Member.ofBytes(bad, new byte[] {1}, PUBLISHED))))
          .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unsafe:");
    }
    for (List<String> pair : List.of(List.of("in/FG-Cloud-I-0001.pdf", "in/FG-Cloud-I-0001.pdf"),
        List.of("in/FG-Cloud-I-0001.pdf", "in/fg-cloud-i-0001.PDF"), List.of("in/caf\u00e9.pdf", "in/cafe\u0301.pdf"),
        List.of("in/x.pdf", "in/x.pdf."))) {
      assertThatThrownBy(() -> new ZipArchive(pair.stream().map(n -> ZipArchive.Member.ofBytes(n, new byte[] {1}, PUBLISHED))
          .toList())).as(pair.toString()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
    }
    assertThat(new ZipArchive(List.of(ZipArchive.Member.ofBytes("in/FG-Cloud-I-0001.pdf", new byte[] {1}, PUBLISHED),
        ZipArchive.Member.ofBytes("in/FG-Cloud-I-0001r1.pdf", new byte[] {1}, PUBLISHED))).length()).isPositive();
  }

  @Test
  void writesTheSameBytesEveryTimeAndEveryReaderAgreesOnTheContents() throws Exception {
    List<ZipArchive.Member> members = members(5);
    byte[] once = all(new ZipArchive(members));
    byte[] again = all(new ZipArchive(members(5)));
    assertThat(again).isEqualTo(once);
    assertThat((long) once.length).isEqualTo(new ZipArchive(members).length());
    Path zip = Files.write(dir.resolve("five.zip"), once);
    try (ZipFile file = new ZipFile(zip.toFile())) {
      assertThat(file.size()).isEqualTo(5);
      for (int i = 0; i < 5; i++) {
        ZipEntry entry = file.getEntry("cloud-1006-gva-in/FG-Cloud-I-000" + i + ".pdf");
        assertThat(entry.getMethod()).isEqualTo(ZipEntry.STORED);
        assertThat(file.getInputStream(entry).readAllBytes()).isEqualTo(content(i));
        assertThat(entry.getLastModifiedTime().toInstant()).isEqualTo(PUBLISHED);
      }
    }
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      int count = 0;
      for (ZipEntry entry; (entry = in.getNextEntry()) != null; count++) {
        assertThat(in.readAllBytes()).as(entry.getName()).isEqualTo(content(count));
      }
      assertThat(count).isEqualTo(5);
    }
    assertTool(zip, "unzip", "-t", zip.toString());
    assertTool(zip, "python3", "-c", "import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None;"
        + " assert len(z.namelist())==5", zip.toString());
  }

  @Test
  void everyRangeIsTheSameSliceOfTheWholeArchive() throws Exception {
    ZipArchive zip = new ZipArchive(members(7));
    byte[] whole = all(zip);
    Random random = new Random(16);
    for (int i = 0; i < 500; i++) {
      int from = random.nextInt(whole.length);
      int to = from + random.nextInt(whole.length - from + 1);
      var out = new ByteArrayOutputStream();
      zip.write(from, to, out);
      assertThat(out.toByteArray()).as("bytes %d-%d", from, to).isEqualTo(Arrays.copyOfRange(whole, from, to));
    }
    var resumed = new ByteArrayOutputStream();
    zip.write(0, 1000, resumed);
    zip.write(1000, whole.length, resumed);
    assertThat(resumed.toByteArray()).isEqualTo(whole);
  }

  /**
   * Members read from files: every range is the same slice whether the contents are streamed or
   * handed out as mapped buffers (as the servlet sends them), across the 16 MiB mapping windows.
   */
  @Test
  void fileMembersGiveTheSameBytesStreamedAndMapped() throws Exception {
    var members = new ArrayList<ZipArchive.Member>();
    for (int i = 0; i < 3; i++) {
      byte[] bytes = new byte[i == 1 ? (17 << 20) + 123 : 5000 + i];
      new Random(100 + i).nextBytes(bytes);
      Path file = Files.write(dir.resolve("part" + i + ".pdf"), bytes);
      members.add(new ZipArchive.Member("in/part" + i + ".pdf", bytes.length, Digests.crc32(file), PUBLISHED,
          ZipArchive.Content.of(file), null));
    }
    ZipArchive zip = new ZipArchive(members);
    byte[] whole = all(zip);
    assertThat(mapped(zip, 0, zip.length())).isEqualTo(whole);
    var buffers = new ArrayList<Integer>();
    zip.write(0, zip.length(), OutputStream.nullOutputStream(),
        (file, from, to) -> FileRegion.send(file, from, to, buffer -> buffers.add(buffer.remaining())));
    assertThat(buffers).as("file contents handed out as mapped windows of at most 16 MiB")
        .containsExactly(5000, 16 << 20, (1 << 20) + 123, 5002);
    Path written = Files.write(dir.resolve("files.zip"), whole);
    try (ZipFile file = new ZipFile(written.toFile())) {
      assertThat(file.getInputStream(file.getEntry("in/part1.pdf")).readAllBytes())
          .isEqualTo(Files.readAllBytes(dir.resolve("part1.pdf")));
    }
    Random random = new Random(16);
    for (int i = 0; i < 16; i++) {
      int from = random.nextInt(whole.length);
      int to = from + random.nextInt(whole.length - from + 1);
      assertThat(mapped(zip, from, to)).as("mapped bytes %d-%d", from, to).isEqualTo(Arrays.copyOfRange(whole, from, to));
      var out = new ByteArrayOutputStream();
      zip.write(from, to, out);
      assertThat(out.toByteArray()).as("streamed bytes %d-%d", from, to).isEqualTo(Arrays.copyOfRange(whole, from, to));
    }
  }

  @Test
  void aFileReadsAsTheRangeAskedAndOneShorterThanItsManifestIsAnError() throws Exception {
    byte[] bytes = content(3);
    Path file = Files.write(dir.resolve("short.pdf"), bytes);
    try (var in = ZipArchive.Content.of(file).open(100, 2100)) {
      assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(bytes, 100, 2100));
    }
    ZipArchive zip = new ZipArchive(List.of(new ZipArchive.Member("in/short.pdf", bytes.length + 10, 0, PUBLISHED,
        ZipArchive.Content.of(file), null)));
    assertThatThrownBy(() -> zip.write(0, zip.length(), new ByteArrayOutputStream()))
        .isInstanceOf(IOException.class).hasMessageContaining("shorter than its manifest");
    assertThatThrownBy(() -> mapped(zip, 0, zip.length()))
        .isInstanceOf(IOException.class).hasMessageContaining("shorter than its manifest");
  }

  /** The bytes as the servlet sends them: headers to the stream, file contents as mapped buffers. */
  private static byte[] mapped(ZipArchive zip, long from, long to) throws IOException {
    var out = new ByteArrayOutputStream();
    zip.write(from, to, out, (file, a, b) -> FileRegion.send(file, a, b, buffer -> {
      assertThat(buffer.isDirect()).isTrue();
      byte[] copy = new byte[buffer.remaining()];
      buffer.get(copy);
      out.writeBytes(copy);
    }));
    return out.toByteArray();
  }

  @Test
  void moreThan65535EntriesGetZip64EndRecordsThatReadersFollow() throws Exception {
    var members = new ArrayList<ZipArchive.Member>();
    for (int i = 0; i < 70_000; i++) {
      members.add(ZipArchive.Member.ofBytes("f/" + i + ".txt", ("file " + i).getBytes(StandardCharsets.UTF_8), PUBLISHED));
    }
    byte[] bytes = all(new ZipArchive(members));
    ByteBuffer tail = ByteBuffer.wrap(bytes, bytes.length - 22, 22).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    assertThat(tail.getInt(bytes.length - 22)).isEqualTo(0x06054b50);
    assertThat(tail.getShort(bytes.length - 22 + 10) & 0xFFFF).as("classic count says: see ZIP64").isEqualTo(0xFFFF);
    assertThat(ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(bytes.length - 22 - 20))
        .as("ZIP64 locator").isEqualTo(0x07064b50);
    Path zip = Files.write(dir.resolve("many.zip"), bytes);
    try (ZipFile file = new ZipFile(zip.toFile())) {
      assertThat(file.size()).isEqualTo(70_000);
      assertThat(new String(file.getInputStream(file.getEntry("f/69999.txt")).readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("file 69999");
    }
    assertTool(zip, "unzip", "-tqq", zip.toString());
    assertTool(zip, "python3", "-c", "import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); assert len(z.infolist())==70000;"
        + " assert z.read('f/69999.txt')==b'file 69999'", zip.toString());
  }

  /**
   * A member past 4 GiB (a sparse file of zeros: no disk written) and one after it, whose offset is
   * past 4 GiB too: the sizes and the offset go to ZIP64 extra fields. The archive is written
   * sparse as well (runs of zeros skipped), then Java and Python read the small member behind the
   * large one, which only works if every size and offset is right.
   */
  @Test
  void entriesAndOffsetsPast4GiBGetZip64ExtraFields() throws Exception {
    long size = (4L << 30) + 10;
    Path large = dir.resolve("large.bin");
    try (RandomAccessFile file = new RandomAccessFile(large.toFile(), "rw")) {
      file.setLength(size);
    }
    long crc = Digests.crc32(large);
    ZipArchive zip = new ZipArchive(List.of(new ZipArchive.Member("in/large.bin", size, crc, PUBLISHED, ZipArchive.Content.of(large), null),
        ZipArchive.Member.ofBytes("in/after.txt", "after the large one".getBytes(StandardCharsets.UTF_8), PUBLISHED)));
    assertThat(zip.length()).isGreaterThan(size);
    Path out = dir.resolve("large.zip");
    try (FileChannel channel = FileChannel.open(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      zip.write(0, zip.length(), new SparseOutput(channel));
      channel.truncate(zip.length());
      assertThat(channel.size()).isEqualTo(zip.length());
    }
    try (ZipFile file = new ZipFile(out.toFile())) {
      assertThat(file.getEntry("in/large.bin").getSize()).isEqualTo(size);
      assertThat(file.getEntry("in/large.bin").getCrc()).isEqualTo(crc);
      assertThat(new String(file.getInputStream(file.getEntry("in/after.txt")).readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("after the large one");
    }
    assertTool(out, "python3", "-c", "import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]);"
        + " assert z.getinfo('in/large.bin').file_size==" + size + "; assert z.read('in/after.txt')==b'after the large one'",
        out.toString());
    assertTool(out, "unzip", "-tqq", out.toString(), "in/after.txt");
  }

  /** Writes to a file, skipping (leaving as holes) every buffer of zeros. */
  private static final class SparseOutput extends OutputStream {
    private final FileChannel channel;
    private long position;

    SparseOutput(FileChannel channel) {
      this.channel = channel;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      boolean zeros = true;
      for (int i = off; i < off + len && zeros; i++) {
        zeros = b[i] == 0;
      }
      if (!zeros) {
        channel.write(ByteBuffer.wrap(b, off, len), position);
      }
      position += len;
    }
  }

  static List<ZipArchive.Member> members(int count) {
    var members = new ArrayList<ZipArchive.Member>();
    for (int i = 0; i < count; i++) {
      members.add(ZipArchive.Member.ofBytes("cloud-1006-gva-in/FG-Cloud-I-000" + i + ".pdf", content(i), PUBLISHED));
    }
    return members;
  }

  static byte[] content(int i) {
    byte[] bytes = new byte[1000 + i * 3001];
    new Random(i).nextBytes(bytes);
    return bytes;
  }

  static byte[] all(ZipArchive zip) throws IOException {
    var out = new ByteArrayOutputStream();
    zip.write(0, zip.length(), out);
    return out.toByteArray();
  }

  /** Runs a reader of ZIPs other than Java's; skipped, with a message, where it is not installed. */
  static void assertTool(Path zip, String... command) throws Exception {
    boolean present = new ProcessBuilder("sh", "-c", "command -v " + command[0]).start().waitFor() == 0;
    if (!present) {
      System.out.println("[WARNING] SKIPPED " + command[0] + " check of " + zip.getFileName() + ": not installed");
    }
    assumeTrue(present, command[0] + " is not installed");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command) + ":\n" + output).isZero();
  }
}
