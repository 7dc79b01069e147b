package org.plenary;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

/** The data folder and the embedded database's folder are the service's user's only, also in demo mode. */
class DataDirectoryEnvironmentTests {

  @TempDir Path temp;

  @Test
  void theDemosDatabaseFolderIsOwnerOnlyLikeTheDefaultOne() throws Exception {
    for (String folder : new String[] {"db", "demo"}) {
      Path data = temp.resolve("data-" + folder);
      Files.createDirectories(data.resolve(folder), PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rwxr-xr-x")));
      Path existing = Files.writeString(data.resolve(folder).resolve("plenary.mv.db"), "x");
      Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rw-r--r--"));
      var environment = new MockEnvironment().withProperty("plenary.data-dir", data.toString())
          .withProperty("spring.datasource.url", "jdbc:h2:file:" + data + "/" + folder + "/plenary;WRITE_DELAY=0");
      new DataDirectoryEnvironment().postProcessEnvironment(environment, new SpringApplication());
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(folder))))
          .as(folder).isEqualTo("rwx------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(existing))).as(folder).isEqualTo("rw-------");
    }
  }
}
