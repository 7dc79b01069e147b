package org.plenary;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real S3 server for tests: S3Proxy (test dependency {@code org.gaul:s3proxy}) with jclouds'
 * filesystem provider on a scratch folder, started as a {@code java} process of its own on the test
 * class path (its Jetty and jclouds stay out of the application's class loader), on a free port of
 * 14100–14899. Credentials: {@link #ACCESS_KEY} / {@link #SECRET_KEY}; use path-style addressing.
 */
public final class S3Proxy implements AutoCloseable {

  public static final String ACCESS_KEY = "plenary";
  public static final String SECRET_KEY = "plenary-secret";

  private final Process process;
  private final int port;

  private S3Proxy(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts S3Proxy keeping its objects under {@code folder}; returns once it answers. */
  public static S3Proxy start(Path folder) throws IOException, InterruptedException {
    int port = freePort();
    Path data = Files.createDirectories(folder.resolve("objects"));
    Path properties = folder.resolve("s3proxy.properties");
    Files.writeString(properties, String.join("\n", "s3proxy.endpoint=http://127.0.0.1:" + port,
        "s3proxy.authorization=aws-v2-or-v4", "s3proxy.identity=" + ACCESS_KEY, "s3proxy.credential=" + SECRET_KEY,
        "jclouds.provider=filesystem", "jclouds.filesystem.basedir=" + data, ""));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        "org.gaul.s3proxy.Main", "--properties", properties.toString()))
        .redirectErrorStream(true).redirectOutput(folder.resolve("s3proxy.log").toFile()).start();
    S3Proxy proxy = new S3Proxy(process, port);
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!proxy.answers()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        proxy.close();
        throw new IllegalStateException("S3Proxy did not start: " + Files.readString(folder.resolve("s3proxy.log")));
      }
      Thread.sleep(100);
    }
    return proxy;
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  private boolean answers() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException notYet) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    for (int attempt = 0; attempt < 200; attempt++) {
      int candidate = 14100 + (int) (Math.random() * 800);
      try (ServerSocket socket = new ServerSocket()) {
        socket.bind(new InetSocketAddress("127.0.0.1", candidate));
        return candidate;
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IOException("no free port in 14100-14899");
  }

  @Override
  public void close() {
    process.destroy();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
