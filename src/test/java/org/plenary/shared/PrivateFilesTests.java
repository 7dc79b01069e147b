package org.plenary.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTests {

  @TempDir Path folder;

  @Test
  void aFileWrittenPrivatelyIsOwnerOnlyAndNoHandleOpenedOnTheFileItReplacesSeesItsBytes() throws Exception {
    Path target = folder.resolve("secret");
    Files.writeString(target, "old");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
    try (FileChannel openedWhileReadable = FileChannel.open(target, StandardOpenOption.READ)) {
      PrivateFiles.write(target, "new secret".getBytes(StandardCharsets.UTF_8));
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
      assertThat(Files.readString(target)).isEqualTo("new secret");
      ByteBuffer seen = ByteBuffer.allocate(64);
      openedWhileReadable.read(seen, 0);
      assertThat(new String(seen.array(), 0, seen.position(), StandardCharsets.UTF_8)).isEqualTo("old");
    }
    try (var left = Files.list(folder)) {
      assertThat(left.map(p -> p.getFileName().toString()).toList()).as("no temporary file left").containsExactly("secret");
    }
  }

  @Test
  void aFileCreatedPrivatelyIsOwnerOnlyAndAnExistingOneIsLeftAsItIs() throws Exception {
    Path target = folder.resolve("key");
    assertThat(PrivateFiles.create(target, "first".getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
    assertThat(PrivateFiles.create(target, "second".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(Files.readString(target)).isEqualTo("first");
    try (var left = Files.list(folder)) {
      assertThat(left.count()).as("no temporary file left").isEqualTo(1);
    }
  }

  @Test
  void aTemporaryFolderIsOwnerOnly() throws Exception {
    Path made = PrivateFiles.createTempDirectory(folder, "work-");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(made))).isEqualTo("rwx------");
  }
}
