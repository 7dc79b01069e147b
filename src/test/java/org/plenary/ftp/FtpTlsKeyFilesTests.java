package org.plenary.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The self-signed FTPS keystore and its password are owner-only from their first byte: they are
 * written through {@code PrivateFiles.write} (a 0600 file renamed into place), so even a handle
 * opened on a leftover world-readable file of the same name never sees the new secret.
 */
class FtpTlsKeyFilesTests {

  @TempDir Path dataDir;

  @Test
  void theKeystoreAndItsPasswordAreOwnerOnlyAndNeverWrittenIntoAFileOthersHaveOpen() throws Exception {
    Path passwordFile = dataDir.resolve("ftp-tls.password");
    Files.writeString(passwordFile, "leftover");
    Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-rw-rw-"));
    try (FileChannel someoneElses = FileChannel.open(passwordFile, StandardOpenOption.READ)) {
      new FtpTls(new FtpSettings.Tls("", ""), dataDir).controlHandler(ByteBufAllocator.DEFAULT);

      for (String name : new String[] {"ftp-tls.password", "ftp-tls.p12"}) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(name))))
            .as(name).isEqualTo("rw-------");
      }
      ByteBuffer seen = ByteBuffer.allocate(256);
      someoneElses.read(seen, 0);
      assertThat(new String(seen.array(), 0, seen.position(), StandardCharsets.UTF_8))
          .as("a handle opened before does not see the new password").isEqualTo("leftover");
    }
    assertThat(Files.readString(passwordFile)).hasSize(36);
    try (var left = Files.list(dataDir)) {
      assertThat(left.map(p -> p.getFileName().toString()).toList()).as("no working files left")
          .containsExactlyInAnyOrder("ftp-tls.password", "ftp-tls.p12");
    }
  }
}
