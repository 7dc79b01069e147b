package org.plenary.visa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PassportCipherTests {

  @TempDir Path root;

  @Test
  void theKeyFileIsOwnerOnlyAndProcessesStartingAtOnceShareOneKey() throws Exception {
    var pool = Executors.newFixedThreadPool(8);
    try {
      for (int round = 0; round < 20; round++) {
        Path dataDir = root.resolve("data-" + round);
        var start = new CountDownLatch(1);
        List<Future<PassportCipher>> starting = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          starting.add(pool.submit(() -> {
            start.await();
            return new PassportCipher("", dataDir.toString());
          }));
        }
        start.countDown();
        List<PassportCipher> ciphers = new ArrayList<>();
        for (var cipher : starting) {
          ciphers.add(cipher.get(30, TimeUnit.SECONDS));
        }
        String sealed = ciphers.get(0).encrypt("P1234567");
        for (PassportCipher other : ciphers) {
          assertThat(other.decrypt(sealed)).isEqualTo("P1234567");
        }
        Path key = dataDir.resolve("visa.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
        try (var left = Files.list(dataDir)) {
          assertThat(left.count()).as("no temporary file left").isEqualTo(1);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
