package org.plenary.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ListingChunksTests {

  private static final Instant MODIFIED = Instant.parse("2010-06-07T12:00:00Z");

  @Test
  void writesEveryLineOnceInChunksOfAboutSixtyFourKibibytes() {
    List<FolderTree.Node> nodes = IntStream.range(0, 100_000)
        .mapToObj(i -> new FolderTree.Node("FG-Cloud-I-%05d.pdf".formatted(i), false, 1000L + i, MODIFIED, null, false, null, null))
        .toList();
    var chunks = new ListingChunks(nodes, node -> ListingFormat.machineLine(node, false, false, false, ListingFormat.ALL_FACTS));
    var text = new ByteArrayOutputStream();
    var sizes = new ArrayList<Integer>();
    while (!chunks.isEndOfInput()) {
      ByteBuf chunk = chunks.readChunk(ByteBufAllocator.DEFAULT);
      sizes.add(chunk.readableBytes());
      text.writeBytes(bytesOf(chunk));
    }

    String expected = String.join("", nodes.stream().map(node -> ListingFormat.machineLine(node, false, false, false, ListingFormat.ALL_FACTS)).toList());
    assertThat(text.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
    assertThat(chunks.bytes()).isEqualTo(expected.length());
    assertThat(sizes).hasSizeGreaterThan(50)
        .allSatisfy(size -> assertThat(size).isLessThan(ListingChunks.CHUNK + 200));
    assertThat(chunks.readChunk(ByteBufAllocator.DEFAULT)).isNull();
  }

  /**
   * What keeps MLSD of a large folder streaming: a chunk reads only the entries it writes, so a
   * client that stops reading holds the server at one chunk, whatever the folder's size.
   */
  @Test
  void eachChunkReadsOnlyTheEntriesItWrites() {
    var asked = new int[1];
    List<FolderTree.Node> folder = new AbstractList<>() {
      @Override
      public FolderTree.Node get(int index) {
        asked[0]++;
        return new FolderTree.Node("FG-Cloud-I-%07d.pdf".formatted(index), false, 1000, MODIFIED, null, false, null, null);
      }

      @Override
      public int size() {
        return 1_000_000;
      }
    };
    int lineLength = ListingFormat.machineLine(folder.get(0), false, false, false, ListingFormat.ALL_FACTS).length();
    asked[0] = 0;
    var chunks = new ListingChunks(folder, node -> ListingFormat.machineLine(node, false, false, false, ListingFormat.ALL_FACTS));
    assertThat(asked[0]).isZero();

    ByteBuf first = chunks.readChunk(ByteBufAllocator.DEFAULT);
    int firstLines = first.readableBytes() / lineLength;
    first.release();
    assertThat(asked[0]).isEqualTo(firstLines).isLessThan(ListingChunks.CHUNK / lineLength + 2);
    ByteBuf second = chunks.readChunk(ByteBufAllocator.DEFAULT);
    assertThat(bytesOf(second)).asString(StandardCharsets.UTF_8)
        .startsWith(ListingFormat.machineLine(folder.get(firstLines), false, false, false, ListingFormat.ALL_FACTS));
    assertThat(asked[0]).isLessThan(2 * (ListingChunks.CHUNK / lineLength + 2) + 1);
    assertThat(chunks.isEndOfInput()).isFalse();
    chunks.close();
    assertThat(chunks.isEndOfInput()).isTrue();
  }

  @Test
  void anEmptyFolderEndsAtOnce() {
    var chunks = new ListingChunks(List.of(), node -> node.name() + "\r\n");
    assertThat(chunks.isEndOfInput()).isTrue();
    assertThat(chunks.readChunk(ByteBufAllocator.DEFAULT)).isNull();
    assertThat(chunks.bytes()).isZero();
  }

  private static byte[] bytesOf(ByteBuf chunk) {
    byte[] bytes = new byte[chunk.readableBytes()];
    chunk.readBytes(bytes);
    chunk.release();
    return bytes;
  }
}
