package org.plenary.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documents folder on a 3 MiB tmpfs (mounted by the test, so only as root; otherwise skipped with a
 * warning): once it is full, uploads are refused with 507 (HTTP) and 552 (FTP) and a sentence, nothing
 * partial stays, and reading, numbering and small uploads that still fit keep working.
 */
class DiskFullTests {

  @TempDir Path dataDir;
  @TempDir Path documents;
  boolean mounted;

  @BeforeEach
  void mount() throws Exception {
    Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=3m,mode=0700", "tmpfs", documents.toString())
        .redirectErrorStream(true).start();
    String output = new String(mount.getInputStream().readAllBytes());
    mounted = mount.waitFor() == 0;
    if (!mounted) {
      System.err.println("[WARNING] SKIPPED DiskFullTests: cannot mount a tmpfs (needs root): " + output.strip());
    }
    Assumptions.assumeTrue(mounted, "cannot mount a tmpfs (needs root)");
  }

  @AfterEach
  void unmount() throws Exception {
    if (mounted) {
      new ProcessBuilder("umount", documents.toString()).start().waitFor();
    }
  }

  @Test
  void uploadsToAFullStoreAreRefusedWith507And552LeavingNothingWhileEverythingElseWorks() throws Exception {
    try (var plenary = new RunningPlenary("--plenary.data-dir=" + dataDir, "--plenary.documents-dir=" + documents,
        "--plenary.health.min-free-space=1KB").prepare()) {
      assertThat(plenary.upload(plenary.allocate(), RunningPlenary.randomBytes(2_000_000)).statusCode()).isEqualTo(201);

      HttpResponse<String> http = plenary.upload(plenary.allocate(), RunningPlenary.randomBytes(1_500_000));
      assertThat(http.statusCode()).isEqualTo(507);
      assertThat(http.body()).contains("The document store is full");

      var ftp = new FTPClient();
      ftp.connect("127.0.0.1", plenary.ftpPort());
      assertThat(ftp.login("admin", RunningPlenary.PASSWORD)).isTrue();
      ftp.enterLocalPassiveMode();
      ftp.setFileType(FTP.BINARY_FILE_TYPE);
      String number = plenary.allocate();
      assertThat(ftp.storeFile("/t/fg/ops/docs/incoming/" + number + ".pdf",
          new ByteArrayInputStream(RunningPlenary.randomBytes(1_500_000)))).isFalse();
      assertThat(ftp.getReplyCode()).isEqualTo(552);
      assertThat(ftp.getReplyString()).contains("The document store is full");
      ftp.disconnect();

      assertThat(plenary.upload(plenary.allocate(), RunningPlenary.randomBytes(20_000)).statusCode()).isEqualTo(201);
      assertThat(plenary.get("/t/fg/ops/docs/incoming/").statusCode()).isEqualTo(200);
      assertThat(plenary.get("/api/v1/groups/ops").statusCode()).isEqualTo(200);
      try (Stream<Path> files = Files.walk(documents)) {
        assertThat(files.filter(Files::isRegularFile).map(file -> documents.relativize(file).toString()))
            .hasSize(2).allMatch(path -> path.startsWith("t/fg/ops/docs/incoming/") && path.endsWith(".pdf"));
      }
    }
  }
}
