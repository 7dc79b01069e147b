package org.plenary.contribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.plenary.ftp.FtpServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A file of the incoming folder replaced again and again (two contents of the same size, so that only
 * the bytes tell them apart) while other clients download it over HTTP, whole and by ranges, and over
 * FTP, whole and from an offset: every answer is one version's bytes whole, under that version's
 * ETag, and none breaks off. Before every version had a store path of its own, a reader opened the
 * shared path after a replacement had emptied it (a broken download) or filled it with the next
 * version's bytes (under the previous one's ETag). Run on each store ({@link ReplaceWhileDownloadingTests},
 * {@link ReplaceWhileDownloadingS3Tests}).
 */
abstract class ReplaceWhileDownloading {

  static final int SIZE = 1024 * 1024 + 17;
  static final int REPLACEMENTS = 40;

  @LocalServerPort int port;
  @Autowired FtpServer ftpServer;
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aDownloadNeverGetsAnotherVersionsBytesNorBreaksOffWhileTheFileIsReplaced() throws Exception {
    String token = api().token("alice");
    String number = api().allocate(token, "Replaced");
    String name = number + ".pdf";
    String path = "/t/fg/cloud/docs/incoming/" + name;
    byte[] a = randomBytes(SIZE, 1);
    byte[] b = randomBytes(SIZE, 2);
    Map<String, byte[]> versions = Map.of(sha256(a), a, sha256(b), b);
    assertThat(api().upload(token, number, name, a).statusCode()).isEqualTo(201);

    var problems = new ConcurrentLinkedQueue<String>();
    var done = new AtomicBoolean();
    var answers = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(5);
    try {
      var readers = new ArrayList<Future<?>>();
      readers.add(pool.submit(() -> loop(done, problems, () -> {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(url(path)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
        String etag = etag(response);
        byte[] body = response.body();
        check(problems, response.statusCode() == 200, "GET answered " + response.statusCode());
        check(problems, body.length == SIZE && sha256(body).equals(etag),
            "GET: " + body.length + " bytes with SHA-256 " + sha256(body) + " under the ETag " + etag);
        answers.incrementAndGet();
      })));
      readers.add(pool.submit(() -> loop(done, problems, () -> {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(url(path))
            .header("Range", "bytes=1000-600999").build(), HttpResponse.BodyHandlers.ofByteArray());
        String etag = etag(response);
        check(problems, response.statusCode() == 206, "ranged GET answered " + response.statusCode());
        byte[] version = versions.get(etag);
        check(problems, version != null && Arrays.equals(response.body(), Arrays.copyOfRange(version, 1000, 601_000)),
            "ranged GET: " + response.body().length + " bytes that are not those of the ETag " + etag);
        answers.incrementAndGet();
      })));
      readers.add(pool.submit(() -> loop(done, problems, () -> {
        // Sent again with If-Range: the version it names, or the whole of the one there now.
        HttpResponse<byte[]> first = http.send(HttpRequest.newBuilder(url(path)).method("HEAD",
            HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        String named = first.headers().firstValue("ETag").orElse("");
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(url(path)).header("Range", "bytes=500000-")
            .header("If-Range", named).build(), HttpResponse.BodyHandlers.ofByteArray());
        String etag = etag(response);
        byte[] version = versions.get(etag);
        byte[] expected = version == null ? null
            : response.statusCode() == 206 ? Arrays.copyOfRange(version, 500_000, SIZE) : version;
        check(problems, response.statusCode() == 206 ? etag.equals(named.replace("\"", "")) : response.statusCode() == 200,
            "If-Range answered " + response.statusCode() + " with the ETag " + etag + " for " + named);
        check(problems, expected != null && Arrays.equals(response.body(), expected),
            "If-Range: " + response.body().length + " bytes that are not those of the ETag " + etag);
        answers.incrementAndGet();
      })));
      for (long offset : new long[] {0, 300_000}) {
        readers.add(pool.submit(() -> {
          FTPClient ftp = new FTPClient();
          ftp.setDefaultTimeout(20_000);
          try {
            ftp.connect(InetAddress.getLoopbackAddress(), ftpServer.port());
            ftp.login("anonymous", "reader@example.org");
            ftp.enterLocalPassiveMode();
            ftp.setFileType(FTP.BINARY_FILE_TYPE);
            loop(done, problems, () -> {
              var out = new ByteArrayOutputStream();
              ftp.setRestartOffset(offset);
              boolean complete = ftp.retrieveFile(path, out);
              String reply = ftp.getReplyString().strip();
              check(problems, complete, "RETR from " + offset + " answered " + reply);
              byte[] body = out.toByteArray();
              check(problems, versions.values().stream()
                  .anyMatch(v -> Arrays.equals(body, Arrays.copyOfRange(v, (int) offset, SIZE))),
                  "RETR from " + offset + ": " + body.length + " bytes that are no version's (" + reply + ")");
              answers.incrementAndGet();
            });
          } finally {
            if (ftp.isConnected()) {
              ftp.disconnect();
            }
          }
          return null;
        }));
      }
      for (int i = 0; i < REPLACEMENTS; i++) {
        HttpResponse<String> replaced = api().upload(token, number, name, i % 2 == 0 ? b : a, "*");
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(201);
      }
      done.set(true);
      for (Future<?> reader : readers) {
        reader.get();
      }
    } finally {
      done.set(true);
      pool.shutdownNow();
    }
    assertThat(problems).as("of " + answers.get() + " downloads").isEmpty();
    assertThat(answers.get()).isGreaterThan(REPLACEMENTS);
  }

  interface Download {
    void run() throws Exception;
  }

  private static void loop(AtomicBoolean done, ConcurrentLinkedQueue<String> problems, Download download) {
    while (!done.get()) {
      try {
        download.run();
      } catch (Exception broken) {
        problems.add("broke off: " + broken);
      }
    }
  }

  private static void check(ConcurrentLinkedQueue<String> problems, boolean holds, String problem) {
    if (!holds) {
      problems.add(problem);
    }
  }

  private static String etag(HttpResponse<?> response) {
    return response.headers().firstValue("ETag").orElse("").replace("\"", "");
  }

  private DemoApi api() {
    return new DemoApi(http, port);
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
