package org.plenary.store;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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
    JdbcClient jdbc = JdbcClient.create(database);
    for (String migration : new String[] {"V039__store_claims.sql", "V041__store_journal.sql"}) {
      jdbc.sql(new String(getClass().getResourceAsStream("/db/migration/" + migration).readAllBytes())
          .replaceAll("(?m)^--.*$", "")).update();
    }
    var transactions = new DataSourceTransactionManager(database);
    claims = new S3Claims(jdbc, transactions);
    journals = new S3Journals(jdbc, transactions);
    store = new S3Store(bucket, claims, journals, Duration.ofHours(1), 5 << 20);
  }

  @Override
  DocumentStore store() {
    return store;
  }

  @Override
  int unfinishedWrites() {
    return bucket.uploadsStartedBefore(java.time.Instant.now().plusSeconds(3600)).size();
  }

  @Override
  void settle(DocumentStore.Writer writer) throws IOException {
    if (writer instanceof S3StagedUpload staged) {
      staged.awaitSending();
    } else {
      ((S3Upload) writer).awaitSending();
    }
  }

  @Override
  DocumentStore afterTheStaleBound() throws IOException {
    return new S3Store(bucket, claims, journals, Duration.ofSeconds(-5), 5 << 20);
  }
}
