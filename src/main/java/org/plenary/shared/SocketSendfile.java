package org.plenary.shared;

import jakarta.servlet.ServletRequest;
import java.io.Closeable;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.apache.catalina.connector.ClientAbortException;

/**
 * Files (a published document, the members of a ZIP) sent with the kernel's {@code sendfile} straight
 * to the connection's socket, as Tomcat sends a whole file, but from a descriptor the caller holds:
 * Tomcat's own sendfile opens the file's path again after the servlet returns, so a file moved in that
 * instant (a withdrawal takes a published file to the history) cut an answer after its headers. For
 * ZIP members, the bytes go from the page cache to the socket without passing
 * through this process (before, each byte was copied from the file's mapping into Tomcat's socket
 * buffer and again into the kernel: a server core per 1.5 GiB/s). Tomcat offers sendfile only for
 * a response that is one file, so the socket is reached through Tomcat's own objects ({@link
 * ConnectionSocket}: a plain HTTP/1.1 connection of the NIO connector, never TLS, where the bytes must be
 * encrypted, nor HTTP/2, where they are framed); {@link #of} is empty for any other connection, or when
 * this Tomcat's classes are not the ones expected, and the caller then writes through the servlet stream
 * as before.
 *
 * <p>Tomcat's buffered bytes must be flushed before each {@link #send} (the caller does so), so that
 * the bytes reach the socket in order. The socket is non-blocking (Tomcat's poller owns it): when
 * its buffer is full this waits for it on a selector of its own, at most Tomcat's write timeout.
 */
public final class SocketSendfile implements Closeable {

  private final SocketChannel socket;
  private final long timeoutMillis;
  /** The request whose response this sends, told each send (SentBytes), or null. */
  private final ServletRequest request;
  private Selector selector;

  SocketSendfile(SocketChannel socket, long timeoutMillis) {
    this(socket, timeoutMillis, null);
  }

  private SocketSendfile(SocketChannel socket, long timeoutMillis, ServletRequest request) {
    this.socket = socket;
    this.timeoutMillis = timeoutMillis;
    this.request = request;
  }

  /** The socket of {@code request}'s connection, when it is a plain HTTP/1.1 one of Tomcat's NIO connector. */
  public static Optional<SocketSendfile> of(ServletRequest request) {
    return ConnectionSocket.of(request).filter(ConnectionSocket::plainHttp11)
        .map(found -> new SocketSendfile(found.channel(), found.writeTimeoutMillis(), request));
  }

  /**
   * Sends bytes {@code from} (inclusive) to {@code to} (exclusive) of {@code file} to the socket;
   * a file shorter than {@code to} is an {@link IOException} before a byte is sent.
   */
  public void send(Path file, long from, long to) throws IOException {
    if (from < 0 || from > to) {
      throw new IllegalArgumentException("No bytes " + from + " to " + to + " in " + file);
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      send(channel, from, to);
    }
  }

  /**
   * Sends bytes {@code from} (inclusive) to {@code to} (exclusive) of a file already open, whatever
   * became of its path since; a file shorter than {@code to} is an {@link IOException} before a byte is sent.
   */
  public void send(FileChannel channel, long from, long to) throws IOException {
    if (from < 0 || from > to) {
      throw new IllegalArgumentException("No bytes " + from + " to " + to);
    }
    if (channel.size() < to) {
      throw new IOException("The file is shorter than its manifest says.");
    }
    for (long at = from; at < to; ) {
      long sent;
      try {
        sent = channel.transferTo(at, to - at, socket);
      } catch (IOException gone) {
        // The connection went (the reader left, or was cut as too slow): told as Tomcat tells it, without a trace.
        throw new ClientAbortException(gone);
      }
      if (sent > 0) {
        at += sent;
        if (request != null) {
          SentBytes.add(request, sent);
        }
      } else {
        awaitWritable();
      }
    }
  }

  private void awaitWritable() throws IOException {
    if (!socket.isOpen()) {
      throw new IOException("The connection was closed.");
    }
    if (selector == null) {
      selector = Selector.open();
      socket.register(selector, SelectionKey.OP_WRITE);
    }
    selector.selectedKeys().clear();
    long started = System.nanoTime();
    if (selector.select(timeoutMillis > 0 ? timeoutMillis : 0) == 0 && timeoutMillis > 0
        && System.nanoTime() - started >= timeoutMillis * 1_000_000) {
      throw new SocketTimeoutException("The client read nothing for " + timeoutMillis + " ms.");
    }
  }

  @Override
  public void close() throws IOException {
    if (selector != null) {
      selector.close();
    }
  }
}
