package org.plenary.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plenary.ops.BackupCommand;

/**
 * A backup folder is data from outside (a copy kept on another machine, a tape, a bucket): its
 * manifest may name paths that climb out of the data folder, and its files may be symbolic links to
 * files elsewhere. {@code backup-verify} reports both and {@code restore} writes nothing from such a
 * backup: no key lands outside the data folder, no file outside the backup reaches the store.
 */
class BackupAttackTests {

  @TempDir Path root;

  @Test
  void aKeyWhosePathClimbsOutOfTheDataFolderIsReportedAndNothingIsRestored() throws Exception {
    Path backup = root.resolve("backup");
    byte[] bytes = "a document".getBytes(StandardCharsets.UTF_8);
    Files.createDirectories(backup.resolve("documents/t/fg/x/docs/incoming"));
    Files.write(backup.resolve("documents/t/fg/x/docs/incoming/FG-X-I-0001.txt"), bytes);
    manifest(backup, entry("documents/t/fg/x/docs/incoming/FG-X-I-0001.txt", bytes),
        "[" + entry("keys/../documents/t/fg/x/docs/incoming/FG-X-I-0001.txt", bytes) + "]");
    // Read from inside the backup (documents/…), but written to data/../documents/…, beside the data folder.
    assertRefused(backup, "keys/../documents/t/fg/x/docs/incoming/FG-X-I-0001.txt");
    assertThat(root.resolve("documents")).doesNotExist();
    assertThat(root.resolve("data/documents/t")).doesNotExist();
  }

  @Test
  void aDocumentThatIsASymbolicLinkToAFileOutsideTheBackupIsReportedAndNothingIsRestored() throws Exception {
    Path backup = root.resolve("backup");
    byte[] secret = "a file of the machine, not of the backup".getBytes(StandardCharsets.UTF_8);
    Files.write(root.resolve("secret.txt"), secret);
    Files.createDirectories(backup.resolve("documents/t/fg/x/docs/incoming"));
    Files.createSymbolicLink(backup.resolve("documents/t/fg/x/docs/incoming/FG-X-I-0001.txt"), root.resolve("secret.txt"));
    manifest(backup, entry("documents/t/fg/x/docs/incoming/FG-X-I-0001.txt", secret), "[]");
    assertRefused(backup, "documents/t/fg/x/docs/incoming/FG-X-I-0001.txt");
    assertThat(root.resolve("data/documents/t")).doesNotExist();
  }

  private void assertRefused(Path backup, String named) {
    Result verified = run("backup-verify", backup.toString());
    assertThat(verified.status()).as(verified.out() + verified.err()).isEqualTo(1);
    assertThat(verified.err()).contains(named);
    Result restored = run("restore", "--from", backup.toString(), "--plenary.data-dir=" + root.resolve("data"));
    assertThat(restored.status()).as(restored.out() + restored.err()).isEqualTo(1);
    assertThat(restored.err()).contains("damaged; nothing was restored").doesNotContain("Exception");
  }

  /** A manifest with an H2 dump that loads (one table), the given document entry and keys. */
  private static void manifest(Path backup, String document, String keys) throws Exception {
    var gz = new ByteArrayOutputStream();
    try (var out = new GZIPOutputStream(gz)) {
      out.write("CREATE TABLE restored_marker(x INT);".getBytes(StandardCharsets.UTF_8));
    }
    Files.write(backup.resolve("database.sql.gz"), gz.toByteArray());
    Files.writeString(backup.resolve("backup-manifest.json"), """
        {"format":"plenary-backup-1","createdAt":"2026-12-04T10:00:00Z","database":"h2","schemaVersion":"48",
         "rows":{},"dump":%s,"documents":[%s],"keys":%s}
        """.formatted(entry("database.sql.gz", gz.toByteArray()), document, keys));
  }

  private static String entry(String path, byte[] bytes) throws Exception {
    return "{\"path\":\"" + path + "\",\"size\":" + bytes.length + ",\"sha256\":\""
        + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)) + "\"}";
  }

  private static Result run(String... arguments) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    int status = BackupCommand.run(arguments, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private record Result(int status, String out, String err) {}
}
