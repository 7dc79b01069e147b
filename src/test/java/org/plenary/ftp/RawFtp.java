package org.plenary.ftp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A control connection written byte by byte, for what real clients never send. */
final class RawFtp implements AutoCloseable {

  final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  RawFtp(int port) throws IOException {
    this(port, "127.0.0.1");
  }

  /** Connects from the given loopback address (Linux answers for all of 127.0.0.0/8). */
  RawFtp(int port, String from) throws IOException {
    socket = new Socket();
    socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    socket.setSoTimeout(10_000);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  /** Sends a line with CRLF and returns the whole reply. */
  String command(String line) throws IOException {
    send((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    return reply();
  }

  void send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** One reply, all of its lines; empty when the server closed the connection. */
  String reply() throws IOException {
    var all = new StringBuilder();
    String first = null;
    while (true) {
      String line = line();
      if (line == null) {
        return all.toString();
      }
      all.append(line).append('\n');
      if (first == null) {
        first = line;
        if (line.length() < 4 || line.charAt(3) != '-') {
          return all.toString();
        }
      } else if (line.startsWith(first.substring(0, 3) + " ")) {
        return all.toString();
      }
    }
  }

  /** Whether the server closed the connection (reads until end of stream, at most 10 s). */
  boolean closedByServer() {
    try {
      while (true) {
        if (in.read() < 0) {
          return true;
        }
      }
    } catch (IOException e) {
      return e.getMessage() != null && e.getMessage().contains("reset");
    }
  }

  private String line() throws IOException {
    var bytes = new ByteArrayOutputStream();
    for (int b; (b = in.read()) != -1; ) {
      if (b == '\n') {
        String line = bytes.toString(StandardCharsets.UTF_8);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
      }
      bytes.write(b);
    }
    return bytes.size() == 0 ? null : bytes.toString(StandardCharsets.UTF_8);
  }

  /** The port of a "229 Entering Extended Passive Mode (|||port|)" reply. */
  static int epsvPort(String reply) {
    int end = reply.lastIndexOf('|');
    return Integer.parseInt(reply.substring(reply.lastIndexOf('|', end - 1) + 1, end));
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
