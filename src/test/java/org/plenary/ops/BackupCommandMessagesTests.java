package org.plenary.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backup-verify} and {@code restore} given a folder that is not a backup say so in a sentence, never with
 * the JSON parser's own words ("(No such file or directory) at [No location information]").
 */
class BackupCommandMessagesTests {

  @TempDir
  Path folder;

  @Test
  void aFolderWithoutAManifestIsNamedAsNoBackup() {
    String said = verify(folder);
    assertThat(said).contains("holds no backup-manifest.json: it is not a backup, or its backup did not finish")
        .doesNotContain("No such file or directory").doesNotContain("No location information");
  }

  @Test
  void aMissingFolderIsNamedAsNoFolder() {
    assertThat(verify(folder.resolve("nope"))).contains("nope is not a folder");
  }

  @Test
  void aBrokenManifestIsNamedWithoutTheParsersLocation() throws Exception {
    Files.writeString(folder.resolve("backup-manifest.json"), "{\"format\": ");
    assertThat(verify(folder)).contains("No readable backup-manifest.json in " + folder.toAbsolutePath())
        .doesNotContain(" at [");
  }

  @Test
  void restoreFromAFolderThatIsNotABackupWritesNothingAndSaysWhy() throws Exception {
    var err = new ByteArrayOutputStream();
    int status = BackupCommand.run(new String[] {"restore", "--from", folder.toString(),
        "--plenary.data-dir=" + folder.resolve("data")}, new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("holds no backup-manifest.json")
        .doesNotContain("No location information");
    assertThat(filesUnder(folder.resolve("data"))).isZero();
  }

  private static long filesUnder(Path path) throws java.io.IOException {
    if (!Files.exists(path)) {
      return 0;
    }
    try (var files = Files.walk(path)) {
      return files.filter(Files::isRegularFile).count();
    }
  }

  private static String verify(Path backup) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    int status = BackupCommand.run(new String[] {"backup-verify", backup.toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(1);
    return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
  }
}
