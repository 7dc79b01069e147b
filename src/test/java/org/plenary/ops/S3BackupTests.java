package org.plenary.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plenary.S3Proxy;
import org.plenary.store.StoreFiles;
import org.springframework.mock.env.MockEnvironment;

/**
 * {@code backup} and {@code restore} with the documents on S3 (a real S3 server, S3Proxy): the backup
 * reads the documents from the bucket the settings name, the restore writes them into another,
 * empty, bucket, and a server started on the copy serves them.
 */
class S3BackupTests {

  @TempDir static Path scratch;
  static S3Proxy proxy;

  @TempDir Path original;
  @TempDir Path copy;
  @TempDir Path backups;

  @BeforeAll
  static void startS3() throws Exception {
    proxy = S3Proxy.start(scratch);
  }

  @AfterAll
  static void stopS3() {
    if (proxy != null) {
      proxy.close();
    }
  }

  @Test
  void aBackupOfABucketRestoresIntoAnotherBucketWithTheSameRegisterAndBytes() throws Exception {
    Map<String, String> uploaded;
    String key;
    try (var plenary = new RunningPlenary(settings(original, "original"))) {
      uploaded = BackupScenario.populate(plenary);
      key = BackupTests.get(plenary, "/.well-known/plenary-manifest-key");
    }
    Path backup = backups.resolve("s3");
    var made = BackupScenario.run(BackupScenario.command("backup", "--to", backup, settings(original, "original")));
    assertThat(made.status()).as(made.err()).isZero();
    assertThat(made.out()).contains("h2 database").contains("4 documents");
    assertThat(backup.resolve("documents/.keys/manifest.key")).as("the manifests' key kept in the bucket").exists();
    assertThat(BackupScenario.run("backup-verify", backup.toString()).status()).isZero();

    var restored = BackupScenario.run(BackupScenario.command("restore", "--from", backup, settings(copy, "copy")));
    assertThat(restored.status()).as(restored.err()).isZero();
    List<String> before;
    List<String> after;
    try (StoreFiles first = bucket("original"); StoreFiles second = bucket("copy")) {
      before = BackupScenario.register(BackupScenario.h2(original), "sa", "", first);
      after = BackupScenario.register(BackupScenario.h2(copy), "sa", "", second);
    }
    assertThat(after).hasSize(4).isEqualTo(before).noneMatch(row -> row.endsWith("absent"));

    var again = BackupScenario.run(BackupScenario.command("restore", "--from", backup, settings(backups.resolve("empty"), "copy")));
    assertThat(again.status()).isEqualTo(1);
    assertThat(again.err()).contains("s3://copy already holds documents");

    try (var plenary = new RunningPlenary(settings(copy, "copy"))) {
      uploaded.forEach((number, sha256) -> assertThat(BackupTests.get(plenary, "/api/v1/contributions/" + number))
          .contains(sha256));
      assertThat(BackupTests.get(plenary, "/.well-known/plenary-manifest-key")).as("the same signing key")
          .isEqualTo(key);
    }
  }

  @Test
  void aLargeFileGoesIntoTheBucketInPartsAndIsNeverReplaced() throws Exception {
    byte[] large = RunningPlenary.randomBytes(StoreFiles.Bucket.PART * 2 + 1000);
    try (StoreFiles bucket = bucket("parts")) {
      assertThat(bucket.list(List.of("t"))).isEmpty();
      bucket.add("t/fg/ops/docs/incoming/FG-Ops-I-0001.pdf", new ByteArrayInputStream(large), large.length);
      assertThat(bucket.list(List.of("t", "history"))).containsExactly("t/fg/ops/docs/incoming/FG-Ops-I-0001.pdf");
      try (InputStream in = bucket.open("t/fg/ops/docs/incoming/FG-Ops-I-0001.pdf")) {
        assertThat(in.readAllBytes()).isEqualTo(large);
      }
      assertThatThrownBy(() -> bucket.add("t/fg/ops/docs/incoming/FG-Ops-I-0001.pdf",
          new ByteArrayInputStream(new byte[10]), 10)).isInstanceOf(FileAlreadyExistsException.class);
      assertThatThrownBy(() -> bucket.open("t/fg/ops/docs/incoming/FG-Ops-I-0002.pdf"))
          .isInstanceOf(java.nio.file.NoSuchFileException.class);
    }
  }

  private static String[] settings(Path dataDir, String bucket) {
    return new String[] {"--plenary.data-dir=" + dataDir, "--plenary.documents.store=s3",
        "--plenary.documents.s3.endpoint=" + proxy.endpoint(), "--plenary.documents.s3.bucket=" + bucket,
        "--plenary.documents.s3.access-key=" + S3Proxy.ACCESS_KEY, "--plenary.documents.s3.secret-key=" + S3Proxy.SECRET_KEY,
        "--plenary.documents.s3.path-style=true", "--plenary.documents.s3.part-size=5MB"};
  }

  private static StoreFiles bucket(String name) {
    var settings = new MockEnvironment();
    for (String setting : settings(Path.of("unused"), name)) {
      int equals = setting.indexOf('=');
      settings.setProperty(setting.substring(2, equals), setting.substring(equals + 1));
    }
    return StoreFiles.of(settings);
  }
}
