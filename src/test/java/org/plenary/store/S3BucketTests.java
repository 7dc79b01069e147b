package org.plenary.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/** What the store's S3 client puts on the wire, seen by a plain HTTP server standing in for S3. */
class S3BucketTests {

  private HttpServer server;
  private final List<String> seen = new CopyOnWriteArrayList<>();

  @BeforeEach
  void listen() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      seen.add(exchange.getRequestHeaders().getFirst("x-amz-content-sha256") + " "
          + exchange.getRequestHeaders().getFirst("Authorization").startsWith("AWS4-HMAC-SHA256 ") + " "
          + exchange.getRequestHeaders().getFirst("Expect"));
      exchange.getResponseHeaders().add("ETag", "\"e\"");
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private S3Bucket bucket(boolean signPayload) {
    return new S3Bucket(new S3Bucket.Settings("http://127.0.0.1:" + server.getAddress().getPort(), "b",
        "us-east-1", "key", "secret", true, signPayload));
  }

  private void put(boolean signPayload) {
    try (var bucket = bucket(signPayload)) {
      bucket.put("t/x.bin", RequestBody.fromBytes(new byte[1000]));
    }
  }

  @Test
  void signsTheHeadersButNotTheBodyOverPlainHttpWithoutWaitingForContinue() {
    put(false);
    assertThat(seen).containsExactly("UNSIGNED-PAYLOAD true null");
  }

  /**
   * The S3 client asks for "Expect: 100-continue" on its own for bodies of 1 MiB and more (PutObject,
   * UploadPart): the body would then wait for the server's 100 Continue, a round trip per request.
   */
  @Test
  void sendsLargeBodiesAndPartsWithoutWaitingForContinue() {
    byte[] bytes = new byte[S3Parts.MIN_PART];
    try (var bucket = bucket(false)) {
      bucket.put("t/x.bin", S3Bucket.body(bytes, 1 << 20));
      bucket.uploadPart("t/y.bin", "upload", 1, bytes, bytes.length);
    }
    assertThat(seen).containsExactly("UNSIGNED-PAYLOAD true null", "UNSIGNED-PAYLOAD true null");
  }

  @Test
  void signsTheBodyWhenAsked() {
    put(true);
    assertThat(seen).hasSize(1);
    assertThat(seen.get(0)).startsWith("STREAMING-AWS4-HMAC-SHA256-PAYLOAD true");
  }
}
