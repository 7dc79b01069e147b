package org.plenary.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plenary.S3Proxy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The store's promises on a real S3 server (S3Proxy on a scratch folder), a fresh bucket per test. */
class S3StoreContractTests extends DocumentStoreContract {

  @TempDir
  static Path scratch;
  private static S3Proxy proxy;
  private S3Bucket bucket;
  private S3Claims claims;
  private S3Journals journals;
  private JdbcClient jdbc;
  private DataSourceTransactionManager transactions;
  private S3Store store;

  @BeforeAll
  static void startS3() throws Exception {
    proxy = S3Proxy.start(scratch);
  }

  @AfterAll
  static void stopS3() {
    proxy.close();
  }

  @BeforeEach
  void open() throws IOException {
    String name = "test-" + UUID.randomUUID().toString().substring(0, 8);
    bucket = new S3Bucket(new S3Bucket.Settings(proxy.endpoint(), name, "us-east-1", S3Proxy.ACCESS_KEY,
        S3Proxy.SECRET_KEY, true, false));
    var database = new DriverManagerDataSource("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "");
    jdbc = JdbcClient.create(database);
    for (String migration : new String[] {"V039__store_claims.sql", "V041__store_journal.sql",
        "V048__store_uploads.sql"}) {
      for (String statement : new String(getClass().getResourceAsStream("/db/migration/" + migration).readAllBytes())
          .replaceAll("(?m)^--.*$", "").split(";")) {
        if (!statement.isBlank()) {
          jdbc.sql(statement).update();
        }
      }
    }
    transactions = new DataSourceTransactionManager(database);
    claims = new S3Claims(jdbc, transactions);
    journals = new S3Journals(jdbc, transactions);
    store = node(Clock.systemUTC());
  }

  /** Another node on the same bucket and database, whose clock reads {@code clock}; leases of five minutes. */
  S3Store node(Clock clock) throws IOException {
    return new S3Store(bucket, claims, journals,
        new S3Uploads(jdbc, transactions, S3Store.newNode(), Duration.ofMinutes(5), clock),
        new S3Store.Limits(Duration.ofHours(1), 5 << 20, 3), clock);
  }

  @Override
  DocumentStore store() {
    return store;
  }

  @Override
  int unfinishedWrites() {
    return bucket.uploads().size();
  }

  @Override
  void settle(DocumentStore.Writer writer) throws IOException {
    if (writer instanceof S3StagedUpload staged) {
      staged.awaitSending();
    } else {
      ((S3Upload) writer).awaitSending();
    }
  }

  /** A node two hours later: everything is older than the stale bound, and every lease of the nodes before has run out. */
  @Override
  DocumentStore afterTheStaleBound() throws IOException {
    return node(Clock.offset(Clock.systemUTC(), Duration.ofHours(2)));
  }

  @Test
  void neverAbortsAnUploadOfANodeThatStillRenewsItsLeaseHoweverOld() throws Exception {
    byte[] bytes = random(12 << 20, 21);
    var ownClock = new MovingClock();
    var owner = node(ownClock);
    var slow = (S3Upload) owner.create("t/slow/FG-Cloud-I-0100.bin", Long.MAX_VALUE);
    slow.write(ByteBuffer.wrap(bytes, 0, 6 << 20));
    slow.awaitSending();
    // An hour and a half later (a slow link), the owner still renewing: older than the stale bound, still leased.
    ownClock.advance(Duration.ofMinutes(90));
    owner.heartbeat();
    node(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(90))); // a node starting sweeps the bucket
    assertThat(unfinishedWrites()).isEqualTo(1);
    slow.write(ByteBuffer.wrap(bytes, 6 << 20, bytes.length - (6 << 20)));
    StoredFile stored = slow.complete();
    assertThat(stored.sha256()).isEqualTo(sha256(bytes));
    assertThat(sha256(read(store, stored.path(), 0, Long.MAX_VALUE))).isEqualTo(sha256(bytes));
    assertThat(unfinishedWrites()).isZero();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM store_uploads").query(Integer.class).single()).isZero();
  }

  @Test
  void keepsTheClaimOfAFailedWriteWhenAnObjectStandsAtItsPath() throws Exception {
    var failed = (S3Upload) store.create("t/lost/FG-Cloud-I-0103.bin", Long.MAX_VALUE);
    failed.write(ByteBuffer.wrap(random(6 << 20, 24)));
    failed.finish();
    bucket.abortMultipart("t/lost/FG-Cloud-I-0103.bin", bucket.uploads().getFirst().uploadId());
    assertThatThrownBy(failed::land).isInstanceOf(IOException.class);
    // Nothing was stored: the name is free again.
    store.write("t/lost/FG-Cloud-I-0103.bin", new ByteArrayInputStream("next".getBytes()), 100);
    // A write whose answer was lost (a timeout) after the bucket stored it: the claim must stay.
    claims.claim("t/lost/FG-Cloud-I-0104.bin");
    bucket.put("t/lost/FG-Cloud-I-0104.bin", S3Bucket.body("stored".getBytes(), 6));
    store.releaseUnlessStored("t/lost/FG-Cloud-I-0104.bin");
    assertThatThrownBy(() -> store.write("t/lost/FG-Cloud-I-0104.bin", new ByteArrayInputStream("other".getBytes()),
        100)).isInstanceOf(java.io.UncheckedIOException.class);
    assertThat(new String(read(store, "t/lost/FG-Cloud-I-0104.bin", 0, Long.MAX_VALUE))).isEqualTo("stored");
  }

  @Test
  void landsWholeOrAbortsCleanlyAStagedUploadClosedWhileItsMoveLandsIt() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 20; round++) {
        String destination = "t/s/docs/incoming/FG-Cloud-I-02" + (10 + round) + ".bin";
        byte[] bytes = random(round % 2 == 0 ? 200_000 : 6 << 20, 30 + round);
        var writer = store.stage(destination, Long.MAX_VALUE);
        StoredFile staged = writeInPieces(writer, bytes);
        var start = new CountDownLatch(1);
        Future<?> move = pool.submit(() -> {
          start.await();
          store.move(staged.path(), destination);
          return null;
        });
        Future<?> close = pool.submit(() -> {
          start.await();
          writer.close();
          return null;
        });
        start.countDown();
        close.get();
        try {
          move.get();
        } catch (ExecutionException closedFirst) {
          assertThat(closedFirst.getCause()).isNotInstanceOf(NullPointerException.class);
        }
        if (store.exists(destination)) {
          assertThat(sha256(read(store, destination, 0, Long.MAX_VALUE))).as(destination).isEqualTo(sha256(bytes));
          assertThatThrownBy(() -> store.write(destination, new ByteArrayInputStream(new byte[1]), 1))
              .as("the claim of " + destination).isInstanceOf(java.io.UncheckedIOException.class);
        } else {
          store.write(destination, new ByteArrayInputStream(new byte[1]), 1);
        }
        assertThat(unfinishedWrites()).isZero();
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void abortsTheUploadsOfANodeWhoseLeaseRanOutBeforeTheStaleBound() throws Exception {
    var gone = (S3Upload) store.create("t/gone/FG-Cloud-I-0101.bin", Long.MAX_VALUE);
    gone.write(ByteBuffer.wrap(random(6 << 20, 22)));
    gone.awaitSending();
    var young = (S3Upload) node(Clock.systemUTC()).create("t/young/FG-Cloud-I-0102.bin", Long.MAX_VALUE);
    young.write(ByteBuffer.wrap(random(6 << 20, 23)));
    young.awaitSending();
    jdbc.sql("UPDATE store_uploads SET expires_at = ? WHERE path = ?")
        .params(java.sql.Timestamp.from(Instant.now().minusSeconds(1)), "t/gone/FG-Cloud-I-0101.bin").update();
    // Seconds old, far from the stale bound of an hour: only the expired lease says the first node is gone.
    node(Clock.systemUTC()); // a node starting sweeps the bucket
    assertThat(unfinishedWrites()).isEqualTo(1);
    assertThat(bucket.uploads().getFirst().key())
        .isEqualTo("t/young/FG-Cloud-I-0102.bin");
    young.close();
    assertThat(unfinishedWrites()).isZero();
  }

  /**
   * Past the memory budget of 20 MiB (5 MiB parts, three in flight) the parts double: 47 MiB go in
   * 5 + 5 + 5 + 5 + 10 + 10 + 7 MiB, seven parts where equal ones would take ten. S3 names a multipart
   * object's part count in its ETag ({@code "<md5>-7"}).
   */
  @Test
  void writesAFileLargerThanThePartBudgetInDoubledPartsByteForByte() throws Exception {
    byte[] bytes = random(47 << 20, 31);
    StoredFile stored;
    try (var writer = store.create("t/doubled/whole.bin", Long.MAX_VALUE)) {
      stored = writeInPieces(writer, bytes);
    }
    assertThat(stored.sha256()).isEqualTo(sha256(bytes));
    assertThat(stored.crc32()).isEqualTo(crc32(bytes));
    assertThat(read(store, "t/doubled/whole.bin", 0, Long.MAX_VALUE)).isEqualTo(bytes);
    int inTheSecondDoubledPart = (33 << 20) - 7;
    assertThat(read(store, "t/doubled/whole.bin", inTheSecondDoubledPart, inTheSecondDoubledPart + 20))
        .isEqualTo(java.util.Arrays.copyOfRange(bytes, inTheSecondDoubledPart, inTheSecondDoubledPart + 20));
    try (var s3 = software.amazon.awssdk.services.s3.S3Client.builder()
        .endpointOverride(java.net.URI.create(proxy.endpoint())).forcePathStyle(true)
        .region(software.amazon.awssdk.regions.Region.US_EAST_1)
        .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(S3Proxy.ACCESS_KEY, S3Proxy.SECRET_KEY)))
        .build()) {
      assertThat(s3.headObject(b -> b.bucket(bucket.name()).key("t/doubled/whole.bin")).eTag()).endsWith("-7\"");
    }
    assertThat(unfinishedWrites()).isZero();
  }

  /** The system clock moved forward by hand. */
  static final class MovingClock extends Clock {
    private volatile Duration ahead = Duration.ZERO;

    void advance(Duration by) {
      ahead = ahead.plus(by);
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(ahead);
    }

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }
}
