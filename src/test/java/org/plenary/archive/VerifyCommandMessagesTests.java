package org.plenary.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar plenary.jar verify} stopped before it could check says why in a sentence: the JDK's own
 * messages were a bare path ("error: ./in"), nothing ("error: null" for a refused connection) or a ZIP
 * parser's ("zip END header not found").
 */
class VerifyCommandMessagesTests {

  @TempDir
  Path folder;

  @Test
  void aMissingFolderIsNamedAsMissing() {
    assertThat(run(folder.resolve("in").toString())).isEqualTo("error: no such file or folder: " + folder.resolve("in"));
  }

  @Test
  void aFileThatIsNotAZipIsNamedAsSuch() throws Exception {
    Path file = Files.writeString(folder.resolve("notes.txt"), "not a zip");
    assertThat(run(file.toString())).startsWith("error: " + file + " is neither a folder nor a ZIP file that can be read");
  }

  @Test
  void aSiteThatCannotBeReachedIsNamedWithItsAddress() throws Exception {
    Files.writeString(folder.resolve("MANIFEST.json"), "{}");
    int port;
    try (var socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    assertThat(run(folder.toString(), "--site", "http://127.0.0.1:" + port))
        .isEqualTo("error: cannot fetch http://127.0.0.1:" + port + "/.well-known/plenary-manifest-key:"
            + " the connection was refused");
  }

  @Test
  void aKeyFileThatIsNotThereIsNamedAsMissing() throws Exception {
    Files.writeString(folder.resolve("MANIFEST.json"), "{}");
    assertThat(run(folder.toString(), "--key", folder.resolve("key.pem").toString()))
        .isEqualTo("error: no such file or folder: " + folder.resolve("key.pem"));
  }

  private static String run(String... args) {
    var err = new ByteArrayOutputStream();
    int status = Verifier.run(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true,
        StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(2);
    return err.toString(StandardCharsets.UTF_8).strip();
  }
}
