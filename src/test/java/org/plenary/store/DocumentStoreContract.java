package org.plenary.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The promises every document store keeps, run against each of them (the file system and a real
 * S3 server): complete or absent, never replacing, ranges, large files, crash leftovers swept.
 */
abstract class DocumentStoreContract {

  /** The store under test, empty. */
  abstract DocumentStore store();

  /** Writes in progress that the store still holds somewhere (part files, multipart uploads). */
  abstract int unfinishedWrites() throws IOException;

  static long crc32(byte[] bytes) {
    var crc = new java.util.zip.CRC32();
    crc.update(bytes);
    return crc.getValue();
  }

  /** Lets what the writer sends in the background arrive, as it has when a crash is long past. */
  void settle(DocumentStore.Writer writer) throws IOException {
  }

  /** A store on the same storage whose stale bound has passed for everything written so far. */
  abstract DocumentStore afterTheStaleBound() throws IOException;

  static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  static byte[] read(DocumentStore store, String path, long from, long to) throws IOException {
    try (InputStream in = store.open(path, from, to)) {
      return in.readAllBytes();
    }
  }

  @Test
  void recordsSizeAndSha256OfACompleteWriteAndReadsItBack() throws Exception {
    byte[] bytes = "Contribution to FG Cloud".getBytes(StandardCharsets.UTF_8);
    StoredFile file = store().write("t/fg/cloud/docs/incoming/FG-Cloud-I-0001.txt", new ByteArrayInputStream(bytes), 1000);
    assertThat(file.size()).isEqualTo(bytes.length);
    assertThat(file.sha256()).isEqualTo(sha256(bytes));
    assertThat(file.crc32()).isEqualTo(crc32(bytes));
    assertThat(store().exists(file.path())).isTrue();
    assertThat(read(store(), file.path(), 0, Long.MAX_VALUE)).isEqualTo(bytes);
    assertThat(afterTheStaleBound().files("t")).containsExactly(file.path());
  }

  @Test
  void keepsNothingOfAWriteClosedBeforeItsEndOrPastTheLimit() throws Exception {
    try (var writer = store().create("t/a/abandoned.bin", Long.MAX_VALUE)) {
      writer.write(ByteBuffer.wrap(random(20 << 20, 1)));
    }
    assertThatThrownBy(() -> store().write("t/a/big.bin", new ByteArrayInputStream(random(3000, 2)), 2000))
        .isInstanceOf(TooLargeException.class);
    assertThat(store().exists("t/a/abandoned.bin")).isFalse();
    assertThat(store().exists("t/a/big.bin")).isFalse();
    assertThat(unfinishedWrites()).isZero();
  }

  @Test
  void neverReplacesAStoredFileByWriteOrMove() throws Exception {
    store().write("t/p/doc.txt", new ByteArrayInputStream("first".getBytes()), 100);
    store().write("t/i/doc.txt", new ByteArrayInputStream("other".getBytes()), 100);
    assertThatThrownBy(() -> store().write("t/p/doc.txt", new ByteArrayInputStream("second".getBytes()), 100))
        .isInstanceOf(UncheckedIOException.class);
    assertThatThrownBy(() -> store().move("t/i/doc.txt", "t/p/doc.txt")).isInstanceOf(UncheckedIOException.class);
    assertThat(new String(read(store(), "t/p/doc.txt", 0, Long.MAX_VALUE))).isEqualTo("first");
    assertThat(new String(read(store(), "t/i/doc.txt", 0, Long.MAX_VALUE))).isEqualTo("other");
    store().move("t/i/doc.txt", "t/p/doc2.txt");
    assertThat(store().exists("t/i/doc.txt")).isFalse();
    assertThat(new String(read(store(), "t/p/doc2.txt", 0, Long.MAX_VALUE))).isEqualTo("other");
  }

  @Test
  void letsExactlyOneOfManyConcurrentWritersPublishAName() throws Exception {
    int writers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<StoredFile>> results = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      byte[] bytes = ("writer " + i).getBytes();
      results.add(pool.submit(() -> {
        start.await();
        return store().write("t/race/FG-Cloud-I-0042.txt", new ByteArrayInputStream(bytes), 100);
      }));
    }
    start.countDown();
    int won = 0;
    String winner = null;
    for (Future<StoredFile> result : results) {
      try {
        result.get();
        won++;
      } catch (java.util.concurrent.ExecutionException lost) {
        assertThat(lost.getCause()).isInstanceOf(UncheckedIOException.class);
      }
    }
    pool.shutdown();
    assertThat(won).isEqualTo(1);
    assertThat(new String(read(store(), "t/race/FG-Cloud-I-0042.txt", 0, Long.MAX_VALUE))).startsWith("writer ");
    assertThat(unfinishedWrites()).isZero();
  }

  @Test
  void readsAnyRangeOfAFile() throws Exception {
    byte[] bytes = random(100_000, 3);
    store().write("t/r/file.bin", new ByteArrayInputStream(bytes), bytes.length);
    assertThat(read(store(), "t/r/file.bin", 0, 1)).containsExactly(bytes[0]);
    assertThat(read(store(), "t/r/file.bin", 500, 70_000)).isEqualTo(java.util.Arrays.copyOfRange(bytes, 500, 70_000));
    assertThat(read(store(), "t/r/file.bin", 99_999, 100_000)).containsExactly(bytes[99_999]);
    assertThat(read(store(), "t/r/file.bin", 42, 42)).isEmpty();
  }

  @Test
  void writesALargeFileInPiecesExactly() throws Exception {
    byte[] bytes = random(21 << 20, 4);
    StoredFile stored;
    try (var writer = store().create("t/big/whole.bin", Long.MAX_VALUE)) {
      for (int at = 0; at < bytes.length; at += 100_003) {
        writer.write(ByteBuffer.wrap(bytes, at, Math.min(100_003, bytes.length - at)));
      }
      stored = writer.complete();
    }
    assertThat(stored.size()).isEqualTo(bytes.length);
    assertThat(stored.sha256()).isEqualTo(sha256(bytes));
    assertThat(stored.crc32()).isEqualTo(crc32(bytes));
    assertThat(sha256(read(store(), "t/big/whole.bin", 0, Long.MAX_VALUE))).isEqualTo(stored.sha256());
    int tail = (20 << 20) + 5;
    assertThat(read(store(), "t/big/whole.bin", tail, bytes.length))
        .isEqualTo(java.util.Arrays.copyOfRange(bytes, tail, bytes.length));
    assertThat(unfinishedWrites()).isZero();
  }

  @Test
  void sweepsWritesACrashLeftOnceTheyAreStale() throws Exception {
    var crashed = store().create("t/c/crashed.bin", Long.MAX_VALUE);
    crashed.write(ByteBuffer.wrap(random(10 << 20, 5)));
    settle(crashed);
    store().write(DocumentStore.STAGING + "/left-over", new ByteArrayInputStream("staged".getBytes()), 100);
    assertThat(unfinishedWrites()).isPositive();
    afterTheStaleBound().sweep();
    assertThat(unfinishedWrites()).isZero();
    assertThat(store().exists(DocumentStore.STAGING + "/left-over")).isFalse();
    assertThat(store().exists("t/c/crashed.bin")).isFalse();
  }

  @Test
  void keepsJournalsOfMovesUntilTheyEnd() throws Exception {
    store().journal("tx-1", "t/i/a.txt", "t/p/a.txt");
    store().journal("tx-1", "t/i/b.txt", "t/p/b.txt");
    var journals = afterTheStaleBound().journals();
    assertThat(journals.get("tx-1")).containsExactly(new DocumentStore.Move("t/i/a.txt", "t/p/a.txt"),
        new DocumentStore.Move("t/i/b.txt", "t/p/b.txt"));
    store().endJournal("tx-1");
    assertThat(afterTheStaleBound().journals()).isEmpty();
  }

  static StoredFile writeInPieces(DocumentStore.Writer writer, byte[] bytes) throws IOException {
    for (int at = 0; at < bytes.length; at += 100_003) {
      writer.write(ByteBuffer.wrap(bytes, at, Math.min(100_003, bytes.length - at)));
    }
    return writer.complete();
  }

  @Test
  void showsAStagedFileAtItsDestinationOnlyOnceMovedThereByteForByte() throws Exception {
    byte[] bytes = random(12 << 20, 6);
    String destination = "t/s/docs/incoming/FG-Cloud-I-0007.bin";
    try (var writer = store().stage(destination, Long.MAX_VALUE)) {
      StoredFile staged = writeInPieces(writer, bytes);
      assertThat(staged.path()).startsWith(DocumentStore.STAGING + "/");
      assertThat(staged.size()).isEqualTo(bytes.length);
      assertThat(staged.sha256()).isEqualTo(sha256(bytes));
      assertThat(staged.crc32()).isEqualTo(crc32(bytes));
      assertThat(store().exists(destination)).isFalse();
      store().move(staged.path(), destination);
    }
    assertThat(sha256(read(store(), destination, 0, Long.MAX_VALUE))).isEqualTo(sha256(bytes));
    assertThat(read(store(), destination, (11 << 20) + 3, bytes.length))
        .isEqualTo(java.util.Arrays.copyOfRange(bytes, (11 << 20) + 3, bytes.length));
    assertThat(unfinishedWrites()).isZero();
  }

  @Test
  void keepsNothingOfAStagedFileDeletedClosedOrCutOffBeforeItsMove() throws Exception {
    String destination = "t/s/docs/incoming/FG-Cloud-I-0008.bin";
    var refused = store().stage(destination, Long.MAX_VALUE);
    StoredFile staged = writeInPieces(refused, random(11 << 20, 7));
    store().delete(staged.path());
    refused.close();
    var cut = store().stage(destination, Long.MAX_VALUE);
    cut.write(ByteBuffer.wrap(random(11 << 20, 8)));
    cut.close();
    assertThat(store().exists(destination)).isFalse();
    assertThat(unfinishedWrites()).isZero();
    var crashed = store().stage(destination, Long.MAX_VALUE);
    crashed.write(ByteBuffer.wrap(random(11 << 20, 9)));
    settle(crashed);
    afterTheStaleBound().sweep();
    assertThat(store().exists(destination)).isFalse();
    assertThat(unfinishedWrites()).isZero();
  }

  @Test
  void landsExactlyOneOfConcurrentStagedUploadsOfOneName() throws Exception {
    int writers = 6;
    String destination = "t/s/docs/incoming/FG-Cloud-I-0009.bin";
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CountDownLatch start = new CountDownLatch(1);
    List<byte[]> sent = new ArrayList<>();
    List<Future<Boolean>> results = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      byte[] bytes = random(i % 2 == 0 ? 6 << 20 : 300_000, 10 + i);
      sent.add(bytes);
      results.add(pool.submit(() -> {
        try (var writer = store().stage(destination, Long.MAX_VALUE)) {
          StoredFile staged = writeInPieces(writer, bytes);
          start.await();
          try {
            store().move(staged.path(), destination);
            return true;
          } catch (UncheckedIOException taken) {
            assertThat(taken.getCause()).isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
            store().delete(staged.path());
            return false;
          }
        }
      }));
    }
    start.countDown();
    int won = 0;
    byte[] winner = null;
    for (int i = 0; i < writers; i++) {
      if (results.get(i).get()) {
        won++;
        winner = sent.get(i);
      }
    }
    pool.shutdown();
    assertThat(won).isEqualTo(1);
    assertThat(sha256(read(store(), destination, 0, Long.MAX_VALUE))).isEqualTo(sha256(winner));
    assertThat(unfinishedWrites()).isZero();
  }

  @Test
  void refusesPathsOutsideTheStore() {
    for (String path : List.of("../x", "/etc/passwd", "t/../../x", "a\\b", "")) {
      assertThatThrownBy(() -> store().create(path, 10)).as(path).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void answersItsHealthCheck() {
    assertThat(store().problem()).isEmpty();
  }
}
