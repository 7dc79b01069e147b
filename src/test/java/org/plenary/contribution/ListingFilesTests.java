package org.plenary.contribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** Rendered listings kept once per stamp: small ones in memory, large ones as complete files of this node's folder. */
class ListingFilesTests {

  @TempDir Path root;

  @Test
  void keepsALargeListingAsAFileRenderedOncePerStamp() throws IOException {
    var files = new ListingFiles(root, DataSize.ofMegabytes(64));
    var renders = new AtomicInteger();
    byte[] big = "x".repeat(ListingFiles.SMALL + 1).getBytes(StandardCharsets.US_ASCII);
    ListingFiles.Render render = out -> {
      renders.incrementAndGet();
      out.write(big);
    };
    var first = files.kept("json|/t/|", 1, render);
    assertThat(first.bytes()).isNull();
    assertThat(first.length()).isEqualTo(big.length);
    assertThat(Files.readAllBytes(first.file())).isEqualTo(big);
    assertThat(files.kept("json|/t/|", 1, render)).isSameAs(first);
    assertThat(renders).hasValue(1);

    var next = files.kept("json|/t/|", 2, render);
    assertThat(next.file()).isNotEqualTo(first.file());
    assertThat(renders).hasValue(2);
    files.close();
    assertThat(next.file()).doesNotExist();
  }

  @Test
  void keepsASmallListingInMemory() throws IOException {
    var files = new ListingFiles(root, DataSize.ofMegabytes(64));
    var kept = files.kept("html|/t/|en", 7, out -> out.write("<p>small</p>".getBytes(StandardCharsets.UTF_8)));
    assertThat(kept.file()).isNull();
    assertThat(new String(kept.bytes(), StandardCharsets.UTF_8)).isEqualTo("<p>small</p>");
    assertThat(kept.length()).isEqualTo(12);
    files.close();
  }

  @Test
  void aRenderingThatFailsHalfWayLeavesNoFile() throws IOException {
    var files = new ListingFiles(root, DataSize.ofMegabytes(64));
    assertThatThrownBy(() -> files.kept("json|/t/|", 1, out -> {
      out.write(new byte[ListingFiles.SMALL * 2]);
      throw new IOException("the database went away");
    })).hasMessageContaining("went away");
    try (Stream<Path> left = Files.walk(root)) {
      assertThat(left.filter(Files::isRegularFile).map(p -> p.getFileName().toString())).containsExactly("lock");
    }
    files.close();
  }

  @Test
  void aStartDeletesWhatAStoppedNodeLeftAndKeepsARunningNodesFiles() throws IOException {
    Path stopped = Files.createDirectories(root.resolve("node-stopped"));
    Files.write(stopped.resolve("listing-1"), new byte[10]);
    var running = new ListingFiles(root, DataSize.ofMegabytes(64));
    var kept = running.kept("json|/t/|", 1, out -> out.write(new byte[ListingFiles.SMALL + 1]));

    var started = new ListingFiles(root, DataSize.ofMegabytes(64));
    assertThat(stopped).doesNotExist();
    assertThat(kept.file()).exists();
    started.close();
    running.close();
  }
}
