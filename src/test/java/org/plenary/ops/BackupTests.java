package org.plenary.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backup}, {@code backup-verify} and {@code restore} on the embedded H2 database. */
class BackupTests {

  @TempDir Path original;
  @TempDir Path copy;
  @TempDir Path backups;

  @Test
  void aBackupRestoredIntoAnotherDataFolderHasTheSameRegisterAndTheSameBytes() throws Exception {
    Map<String, String> uploaded;
    try (var plenary = new RunningPlenary("--plenary.data-dir=" + original)) {
      uploaded = BackupScenario.populate(plenary);
    }
    Path backup = backups.resolve("one");
    var made = BackupScenario.run("backup", "--to", backup.toString(), "--plenary.data-dir=" + original);
    assertThat(made.status()).as(made.err()).isZero();
    assertThat(made.out()).contains("h2 database").contains("4 documents");
    assertThat(backup.resolve("backup-manifest.json")).exists();
    assertThat(BackupScenario.run("backup-verify", backup.toString()).status()).isZero();

    var restored = BackupScenario.run("restore", "--from", backup.toString(), "--plenary.data-dir=" + copy);
    assertThat(restored.status()).as(restored.err()).isZero();
    List<String> before = BackupScenario.register(BackupScenario.h2(original), "sa", "", BackupScenario.folder(original));
    List<String> after = BackupScenario.register(BackupScenario.h2(copy), "sa", "", BackupScenario.folder(copy));
    assertThat(after).hasSize(4).isEqualTo(before).noneMatch(row -> row.endsWith("absent"));
    assertThat(Files.readAllBytes(copy.resolve("manifest.key"))).isEqualTo(Files.readAllBytes(original.resolve("manifest.key")));

    var again = BackupScenario.run("restore", "--from", backup.toString(), "--plenary.data-dir=" + copy);
    assertThat(again.status()).isEqualTo(1);
    assertThat(again.err()).contains("restore only into an empty");

    try (var plenary = new RunningPlenary("--plenary.data-dir=" + copy)) {
      uploaded.forEach((number, sha256) -> assertThat(get(plenary, "/api/v1/contributions/" + number)).contains(sha256));
    }
  }

  /**
   * A backup taken while files are on their way: a replacement committed whose replaced version has not
   * reached the history yet (the move after the commit), and a publication whose file is already in the
   * meeting's folder while the register still names incoming/ (the move before the commit). The backup holds
   * each at the path its register names; before, it held neither (2 documents instead of 4) and said nothing.
   */
  @Test
  void aBackupTakenWhileFilesMoveHoldsEveryDocumentItsRegisterNames() throws Exception {
    try (var plenary = new RunningPlenary("--plenary.data-dir=" + original, "--server.address=127.0.0.1",
        "--plenary.ftp.address=127.0.0.1")) {
      BackupScenario.populate(plenary);
    }
    List<String> rows = BackupScenario.register(BackupScenario.h2(original), "sa", "", BackupScenario.folder(original));
    String history = rows.stream().map(row -> row.split(" \\| ")[1]).filter(path -> path.startsWith("history/"))
        .findFirst().orElseThrow();
    String incoming = rows.stream().map(row -> row.split(" \\| ")).filter(row -> row[1].contains("/incoming/"))
        .filter(row -> rows.stream().filter(other -> other.startsWith(row[0] + " |")).count() == 1)
        .map(row -> row[1]).findFirst().orElseThrow();
    Path documents = original.resolve("documents");
    // Where the replaced version waited before the commit, and where the publication put the other.
    Files.move(documents.resolve(history), documents.resolve(incoming).resolveSibling("FG-Ops-I-9999~0123456789abcdef01234567.bin"));
    Path published = documents.resolve(incoming.replace("/incoming/", "/9999-gva/in/"));
    Files.createDirectories(published.getParent());
    Files.move(documents.resolve(incoming), published);

    Path backup = backups.resolve("moving");
    var made = BackupScenario.run("backup", "--to", backup.toString(), "--plenary.data-dir=" + original);
    assertThat(made.status()).as(made.err()).isZero();
    assertThat(made.out()).contains("4 documents");
    assertThat(backup.resolve("documents").resolve(history)).exists();
    assertThat(backup.resolve("documents").resolve(incoming)).exists();
    assertThat(BackupScenario.run("backup-verify", backup.toString()).status()).isZero();
    var restored = BackupScenario.run("restore", "--from", backup.toString(), "--plenary.data-dir=" + copy);
    assertThat(restored.status()).as(restored.err()).isZero();
    assertThat(BackupScenario.register(BackupScenario.h2(copy), "sa", "", BackupScenario.folder(copy)))
        .hasSize(4).noneMatch(row -> row.endsWith("absent"));
  }

  /** A document the register names that the store holds nowhere is said, never left out of a backup in silence. */
  @Test
  void aBackupOfAStoreThatLostADocumentIsRefusedWithItsPath() throws Exception {
    try (var plenary = new RunningPlenary("--plenary.data-dir=" + original, "--server.address=127.0.0.1",
        "--plenary.ftp.address=127.0.0.1")) {
      BackupScenario.populate(plenary);
    }
    List<String> rows = BackupScenario.register(BackupScenario.h2(original), "sa", "", BackupScenario.folder(original));
    String history = rows.stream().map(row -> row.split(" \\| ")[1]).filter(path -> path.startsWith("history/"))
        .findFirst().orElseThrow();
    Files.delete(original.resolve("documents").resolve(history));

    var made = BackupScenario.run("backup", "--to", backups.resolve("lost").toString(), "--plenary.data-dir=" + original);
    assertThat(made.status()).isEqualTo(1);
    assertThat(made.err()).contains(history).contains("does not hold");
  }

  @Test
  void aTamperedBackupIsDetectedAndNotRestored() throws Exception {
    try (var plenary = new RunningPlenary("--plenary.data-dir=" + original)) {
      BackupScenario.populate(plenary);
    }
    Path backup = backups.resolve("two");
    assertThat(BackupScenario.run("backup", "--to", backup.toString(), "--plenary.data-dir=" + original).status()).isZero();
    Path document;
    try (var files = Files.walk(backup.resolve("documents"))) {
      document = files.filter(Files::isRegularFile).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(document);
    bytes[bytes.length / 2] ^= 1;
    Files.write(document, bytes);
    Files.writeString(backup.resolve("documents/extra.pdf"), "not from Plenary");

    var verified = BackupScenario.run("backup-verify", backup.toString());
    assertThat(verified.status()).isEqualTo(1);
    assertThat(verified.err()).contains("DAMAGED: " + backup.relativize(document) + " has changed")
        .contains("documents/extra.pdf is not in the manifest");
    var restored = BackupScenario.run("restore", "--from", backup.toString(), "--plenary.data-dir=" + copy);
    assertThat(restored.status()).isEqualTo(1);
    assertThat(restored.err()).contains("damaged; nothing was restored");
    assertThat(copy.resolve("documents/t")).doesNotExist();
    // Nothing half-made: not even the empty db/ folder of the embedded database, nor a data folder not there before.
    assertThat(copy).isEmptyDirectory();
    Path fresh = copy.resolve("fresh");
    assertThat(BackupScenario.run("restore", "--from", backup.toString(), "--plenary.data-dir=" + fresh).status()).isEqualTo(1);
    assertThat(fresh).doesNotExist();
  }

  /**
   * A restore refused for what it finds where it would write (another database type, a data folder that
   * already holds documents) left an empty {@code db/} behind, since reading the settings made it; now every
   * such check comes before anything is made. And a restore whose database came back other than the manifest
   * says (rows per table: the manifest is not covered by its own checksums) said "Restored"; now it says which
   * table differs and fails. A restore failing after it started writing (that, a load that stops part-way, a
   * document it cannot write) left the database loaded and the data folder made; now it takes all of it back.
   */
  @Test
  void aRestoreChecksAllItCanBeforeItMakesAnythingAndTakesBackAllItMadeWhenItFailsLater() throws Exception {
    try (var plenary = new RunningPlenary("--plenary.data-dir=" + original)) {
      BackupScenario.populate(plenary);
    }
    Path backup = backups.resolve("three");
    assertThat(BackupScenario.run("backup", "--to", backup.toString(), "--plenary.data-dir=" + original).status()).isZero();

    Path holding = copy.resolve("holding");
    Files.createDirectories(holding.resolve("documents/t/fg"));
    Files.writeString(holding.resolve("documents/t/fg/old.pdf"), "a document already there");
    var refused = BackupScenario.run("restore", "--from", backup.toString(), "--plenary.data-dir=" + holding);
    assertThat(refused.status()).isEqualTo(1);
    assertThat(holding.resolve("db")).as("no empty db/ left behind").doesNotExist();
    assertThat(refused.err()).contains("already holds documents").contains("Nothing was restored");

    Path other = copy.resolve("other");
    var otherType = BackupScenario.run("restore", "--from", backup.toString(), "--plenary.data-dir=" + other,
        "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none");
    assertThat(otherType.status()).isEqualTo(1);
    assertThat(other).as("no data folder made").doesNotExist();
    assertThat(otherType.err()).contains("is of a h2 database");

    BackupScenario.failingRestoresTakeEverythingBack(backup, copy,
        dataDir -> new BackupScenario.Target(BackupScenario.h2(dataDir), "sa", "", "--plenary.data-dir=" + dataDir));
  }

  @Test
  void backingUpIntoAFolderThatIsNotEmptyIsRefused() throws Exception {
    Files.writeString(backups.resolve("something"), "x");
    var refused = BackupScenario.run("backup", "--to", backups.toString(), "--plenary.data-dir=" + original);
    assertThat(refused.status()).isEqualTo(1);
    assertThat(refused.err()).contains("is not empty");
  }

  static String get(RunningPlenary plenary, String path) {
    try {
      return plenary.get(path).body();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
