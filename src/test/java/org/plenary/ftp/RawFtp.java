package org.plenary.ftp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** A control connection written byte by byte, for what real clients never send; it can switch to TLS in place. */
public final class RawFtp implements AutoCloseable {

  private final Socket plain;
  Socket socket;
  private InputStream in;
  private OutputStream out;

  public RawFtp(int port) throws IOException {
    this(port, "127.0.0.1");
  }

  /** Connects from the given loopback address (Linux answers for all of 127.0.0.0/8). */
  RawFtp(int port, String from) throws IOException {
    plain = new Socket();
    plain.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
    plain.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    plain.setSoTimeout(10_000);
    socket = plain;
    in = plain.getInputStream();
    out = plain.getOutputStream();
  }

  /** A TLS client over the socket, offering TLS 1.2 with only {@code suite}, or the JDK's defaults when null. */
  public static SSLSocket tls(Socket over, String suite) throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
    var tls = (SSLSocket) context.getSocketFactory().createSocket(over, "127.0.0.1", over.getPort(), true);
    if (suite != null) {
      tls.setEnabledProtocols(new String[] {"TLSv1.2"});
      tls.setEnabledCipherSuites(new String[] {suite});
    }
    tls.setSoTimeout(10_000);
    return tls;
  }

  /** Switches the control connection to TLS (after AUTH TLS), offering {@code suite} or the defaults. */
  public void handshake(String suite) throws Exception {
    SSLSocket tls = tls(plain, suite);
    tls.startHandshake();
    socket = tls;
    in = tls.getInputStream();
    out = tls.getOutputStream();
  }

  /** Sends a line with CRLF and returns the whole reply. */
  public String command(String line) throws IOException {
    send(line + "\r\n");
    return reply();
  }

  public void send(String text) throws IOException {
    send(text.getBytes(StandardCharsets.UTF_8));
  }

  void send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** Sends one byte as TCP urgent data (MSG_OOB), as FTP clients send part of ABOR. */
  void sendUrgent(int b) throws IOException {
    out.flush();
    plain.sendUrgentData(b);
  }

  /** Whether the server sends nothing for the given time. */
  public boolean nothingWithin(int millis) throws IOException {
    socket.setSoTimeout(millis);
    try {
      return in.read() < 0;
    } catch (SocketTimeoutException expected) {
      return true;
    } finally {
      socket.setSoTimeout(10_000);
    }
  }

  /** One reply, all of its lines; empty when the server closed the connection. */
  public String reply() throws IOException {
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
    plain.close();
  }

  /** The gateway's certificate is self-signed; what these tests check is the protocol, not the certificate. */
  static final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
