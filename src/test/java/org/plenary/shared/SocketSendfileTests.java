package org.plenary.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.web.MockHttpServletRequest;

/** A ZIP member sent with sendfile to a non-blocking socket, as Tomcat's connections are. */
class SocketSendfileTests {

  @TempDir Path dir;

  @Test
  void aRequestThatIsNotTomcatsHasNoSocket() {
    assertThat(SocketSendfile.of(new MockHttpServletRequest())).isEmpty();
  }

  @Test
  void aRangeOfTheFileArrivesWholeAtAReaderSlowerThanTheSocketsBuffer() throws Exception {
    byte[] bytes = new byte[6 << 20];
    new Random(7).nextBytes(bytes);
    Path file = Files.write(dir.resolve("member.pdf"), bytes);
    try (var server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        var client = SocketChannel.open(server.getLocalAddress());
        SocketChannel accepted = server.accept()) {
      accepted.configureBlocking(false);
      CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> slowly(client, (5 << 20) - 1000));
      try (var sendfile = new SocketSendfile(accepted, 30_000)) {
        sendfile.send(file, 1000, 5 << 20);
      }
      assertThat(read.get(60, TimeUnit.SECONDS)).isEqualTo(Arrays.copyOfRange(bytes, 1000, 5 << 20));
    }
  }

  @Test
  void aFileShorterThanAskedIsAnErrorBeforeAByteIsSent() throws Exception {
    Path file = Files.write(dir.resolve("short.pdf"), new byte[1000]);
    try (var server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        var client = SocketChannel.open(server.getLocalAddress());
        SocketChannel accepted = server.accept();
        var sendfile = new SocketSendfile(accepted, 1_000)) {
      assertThatThrownBy(() -> sendfile.send(file, 0, 2000)).isInstanceOf(IOException.class)
          .hasMessageContaining("shorter than its manifest");
      client.configureBlocking(false);
      assertThat(client.read(java.nio.ByteBuffer.allocate(10))).as("nothing sent").isZero();
    }
  }

  @Test
  void aReaderThatStopsReadingEndsTheSendAfterTheWriteTimeout() throws Exception {
    Path file = Files.write(dir.resolve("big.pdf"), new byte[64 << 20]);
    try (var server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        var client = SocketChannel.open(server.getLocalAddress());
        SocketChannel accepted = server.accept();
        var sendfile = new SocketSendfile(accepted, 300)) {
      accepted.configureBlocking(false);
      assertThatThrownBy(() -> sendfile.send(file, 0, 64 << 20)).isInstanceOf(SocketTimeoutException.class);
    }
  }

  /** Reads {@code length} bytes from the channel in small pieces with pauses between them. */
  private static byte[] slowly(SocketChannel channel, int length) {
    try {
      InputStream in = java.nio.channels.Channels.newInputStream(channel);
      byte[] read = new byte[length];
      for (int at = 0; at < length; ) {
        int n = in.read(read, at, Math.min(64 << 10, length - at));
        if (n < 0) {
          throw new IOException("ended after " + at + " bytes");
        }
        at += n;
        if (at % (1 << 20) < n) {
          Thread.sleep(30);
        }
      }
      return read;
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
