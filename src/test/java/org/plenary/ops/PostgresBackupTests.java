package org.plenary.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plenary.EnabledIfPostgres;
import org.plenary.TestPostgres;

/**
 * {@code backup} on PostgreSQL while the server runs (pg_dump from the snapshot the register was read
 * in), then {@code restore} into another database and data folder, after restores into them that failed part-way
 * and took back all they made.
 */
@EnabledIfPostgres
class PostgresBackupTests {

  @TempDir Path original;
  @TempDir Path copy;
  @TempDir Path backups;

  @Test
  void aBackupTakenWhileTheServerRunsRestoresIntoAnotherDatabaseWithTheSameRegisterAndBytes() throws Exception {
    TestPostgres.Database first = OpsPostgres.create();
    TestPostgres.Database second = OpsPostgres.create();
    try {
      backUpAndRestore(first, second);
    } finally {
      OpsPostgres.drop(first);
      OpsPostgres.drop(second);
    }
  }

  private void backUpAndRestore(TestPostgres.Database first, TestPostgres.Database second) throws Exception {
    Path backup = backups.resolve("pg");
    Map<String, String> uploaded;
    try (var plenary = new RunningPlenary(arguments(first, original))) {
      uploaded = BackupScenario.populate(plenary);
      var made = BackupScenario.run(BackupScenario.command("backup", "--to", backup, arguments(first, original)));
      assertThat(made.status()).as(made.err()).isZero();
      assertThat(made.out()).contains("postgresql database").contains("4 documents");
    }
    assertThat(BackupScenario.run("backup-verify", backup.toString()).status()).isZero();
    BackupScenario.failingRestoresTakeEverythingBack(backup, copy.resolve("failing"),
        dataDir -> new BackupScenario.Target(second.url(), second.user(), second.password(), arguments(second, dataDir)));
    var restored = BackupScenario.run(BackupScenario.command("restore", "--from", backup, arguments(second, copy)));
    assertThat(restored.status()).as(restored.err()).isZero();

    List<String> before = BackupScenario.register(first.url(), first.user(), first.password(), BackupScenario.folder(original));
    List<String> after = BackupScenario.register(second.url(), second.user(), second.password(), BackupScenario.folder(copy));
    assertThat(after).hasSize(4).isEqualTo(before).noneMatch(row -> row.endsWith("absent"));
    var again = BackupScenario.run(BackupScenario.command("restore", "--from", backup, arguments(second, backups.resolve("empty"))));
    assertThat(again.err()).contains("already has tables");

    try (var plenary = new RunningPlenary(arguments(second, copy))) {
      uploaded.forEach((number, sha256) -> assertThat(BackupTests.get(plenary, "/api/v1/contributions/" + number))
          .contains(sha256));
    }
  }

  private static String[] arguments(TestPostgres.Database database, Path dataDir) {
    return new String[] {"--plenary.data-dir=" + dataDir, "--spring.datasource.url=" + database.url(),
        "--spring.datasource.username=" + database.user(), "--spring.datasource.password=" + database.password()};
  }
}
