package org.plenary.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStoreTests {

  @TempDir Path dataDir;

  @Test
  void recordsSizeAndSha256OfACompleteWrite() throws Exception {
    var store = new FileStore(dataDir.resolve("documents").toString(), false, false, true);
    StoredFile file = store.write("t/fg/cloud/docs/incoming/FG-Cloud-I-0001.txt", new ByteArrayInputStream("abc".getBytes()), 10);
    assertThat(file.size()).isEqualTo(3);
    assertThat(file.sha256()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(Files.readString(store.local(file.path()).orElseThrow())).isEqualTo("abc");
    assertThatThrownBy(() -> store.write(file.path(), new ByteArrayInputStream(new byte[1]), 10))
        .as("a complete file is never overwritten").isInstanceOf(RuntimeException.class);
  }

  @Test
  void leavesNothingBehindWhenTheLimitIsPassedOrTheSenderFails() throws Exception {
    var store = new FileStore(dataDir.resolve("documents").toString(), false, false, true);
    assertThatThrownBy(() -> store.write("a/big.txt", new ByteArrayInputStream(new byte[11]), 10))
        .isInstanceOf(TooLargeException.class);
    InputStream broken = new InputStream() {
      int sent;

      @Override
      public int read() throws java.io.IOException {
        if (sent++ > 1000) {
          throw new java.io.IOException("connection reset");
        }
        return 'x';
      }
    };
    assertThatThrownBy(() -> store.write("a/broken.txt", broken, 1_000_000)).isInstanceOf(java.io.UncheckedIOException.class);
    try (Stream<Path> files = Files.walk(dataDir)) {
      assertThat(files.filter(Files::isRegularFile)).isEmpty();
    }
  }

  @Test
  void sweepsWhatACrashLeftAtStartUp() throws Exception {
    Path incoming = Files.createDirectories(dataDir.resolve("documents/t/fg/cloud/docs/incoming"));
    Files.writeString(incoming.resolve(".0b1c.part"), "half an upload");
    Files.createDirectories(dataDir.resolve("documents/staging"));
    Files.writeString(dataDir.resolve("documents/staging/5d2e"), "staged, never committed");
    Files.writeString(incoming.resolve("FG-Cloud-I-0001.docx"), "complete");

    var store = new FileStore(dataDir.resolve("documents").toString(), false, false, true);

    assertThat(incoming.resolve(".0b1c.part")).doesNotExist();
    assertThat(dataDir.resolve("documents/staging/5d2e")).doesNotExist();
    assertThat(store.exists("t/fg/cloud/docs/incoming/FG-Cloud-I-0001.docx")).isTrue();
  }

  @Test
  void refusesPathsOutsideTheStore() throws Exception {
    var store = new FileStore(dataDir.resolve("documents").toString(), false, false, true);
    for (String path : new String[] {"../outside", "t/../../outside", "/etc/passwd", "a\\b", ""}) {
      assertThatThrownBy(() -> store.local(path).orElseThrow()).as(path).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "direct I/O {0}")
  @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
  void writesALargeFileInPiecesExactlyAndAbandonsOneWithoutATrace(boolean directIo) throws Exception {
    var store = new FileStore(dataDir.resolve("documents").toString(), true, false, directIo);
    byte[] content = new byte[21 * 1024 * 1024 + 4321];
    new java.util.Random(42).nextBytes(content);
    StoredFile file;
    try (DocumentStore.Writer writer = store.create("big/whole.bin", Long.MAX_VALUE)) {
      for (int at = 0, piece = 1; at < content.length; piece = piece * 7 % 300_001 + 1) {
        int count = Math.min(piece, content.length - at);
        writer.write(java.nio.ByteBuffer.wrap(content, at, count));
        at += count;
      }
      file = writer.complete();
    }
    assertThat(Files.readAllBytes(store.local("big/whole.bin").orElseThrow())).isEqualTo(content);
    assertThat(file.size()).isEqualTo(content.length);
    assertThat(file.sha256()).isEqualTo(java.util.HexFormat.of().formatHex(
        java.security.MessageDigest.getInstance("SHA-256").digest(content)));

    try (DocumentStore.Writer writer = store.create("big/abandoned.bin", Long.MAX_VALUE)) {
      writer.write(java.nio.ByteBuffer.wrap(content));
    }
    try (Stream<Path> files = Files.walk(dataDir.resolve("documents/big"))) {
      assertThat(files.filter(Files::isRegularFile).map(f -> f.getFileName().toString())).containsExactly("whole.bin");
    }
  }
}
