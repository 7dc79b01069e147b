package org.plenary.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ListingChunksTests {

  private static final Instant MODIFIED = Instant.parse("2010-06-07T12:00:00Z");

  @Test
  void writesEveryLineOnceInChunksOfAboutSixtyFourKibibytes() {
    List<FolderTree.Node> nodes = IntStream.range(0, 100_000)
        .mapToObj(i -> new FolderTree.Node("FG-Cloud-I-%05d.pdf".formatted(i), false, 1000L + i, MODIFIED, null, false))
        .toList();
    var chunks = new ListingChunks(nodes, node -> ListingFormat.machineLine(node, false));
    var text = new ByteArrayOutputStream();
    var sizes = new ArrayList<Integer>();
    while (!chunks.isEndOfInput()) {
      ByteBuf chunk = chunks.readChunk(ByteBufAllocator.DEFAULT);
      sizes.add(chunk.readableBytes());
      byte[] bytes = new byte[chunk.readableBytes()];
      chunk.readBytes(bytes);
      chunk.release();
      text.writeBytes(bytes);
    }

    String expected = String.join("", nodes.stream().map(node -> ListingFormat.machineLine(node, false)).toList());
    assertThat(text.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
    assertThat(chunks.bytes()).isEqualTo(expected.length());
    assertThat(sizes).hasSizeGreaterThan(50)
        .allSatisfy(size -> assertThat(size).isLessThan(ListingChunks.CHUNK + 200));
    assertThat(chunks.readChunk(ByteBufAllocator.DEFAULT)).isNull();
  }

  @Test
  void anEmptyFolderEndsAtOnce() {
    var chunks = new ListingChunks(List.of(), node -> node.name() + "\r\n");
    assertThat(chunks.isEndOfInput()).isTrue();
    assertThat(chunks.readChunk(ByteBufAllocator.DEFAULT)).isNull();
    assertThat(chunks.bytes()).isZero();
  }
}
