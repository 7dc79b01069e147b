package org.plenary.contribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.web.multipart.MultipartException;

class StreamedMultipartTests {

  private static final String BOUNDARY = "------------------------d74496d66958873e";
  private static final String TYPE = "multipart/form-data; boundary=" + BOUNDARY;

  @Test
  void readsEveryPartWithItsNameFileNameAndBytesWhateverTheReadSizes() throws IOException {
    byte[] file = new byte[3 * 1024 * 1024 + 17];
    new Random(7).nextBytes(file);
    // Near-boundaries inside the file: a line break and dashes, and the boundary without its last byte.
    byte[] near = ("\r\n--" + BOUNDARY.substring(0, BOUNDARY.length() - 1) + "x").getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(near, 0, file, 1000, near.length);
    System.arraycopy(near, 0, file, file.length - near.length, near.length);
    byte[] body = body(file, true);
    for (int chunk : new int[] {1, 7, 4096, 1 << 20}) {
      var parts = StreamedMultipart.of(new Trickle(body, chunk), TYPE);
      var title = parts.next();
      assertThat(title.name()).isEqualTo("title");
      assertThat(title.fileName()).isNull();
      assertThat(new String(title.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("A \"title\"");
      var upload = parts.next();
      assertThat(upload.name()).isEqualTo("file");
      assertThat(upload.fileName()).isEqualTo("FG-Cloud-I-0001 \"a\".pdf");
      assertThat(Arrays.equals(upload.body().readAllBytes(), file)).as("bytes with reads of %d", chunk).isTrue();
      assertThat(parts.next()).isNull();
    }
  }

  @Test
  void skipsAPartNotReadAndThePreamble() throws IOException {
    byte[] file = "hello".getBytes(StandardCharsets.UTF_8);
    byte[] body = concat("a preamble to ignore\r\n".getBytes(StandardCharsets.UTF_8), body(file, true));
    var parts = StreamedMultipart.of(new ByteArrayInputStream(body), TYPE);
    assertThat(parts.next().name()).isEqualTo("title");
    var upload = parts.next();
    assertThat(upload.body().readAllBytes()).isEqualTo(file);
  }

  @Test
  void refusesABodyCutBeforeTheFilesBoundary() throws IOException {
    byte[] file = new byte[200_000];
    new Random(3).nextBytes(file);
    byte[] whole = body(file, true);
    for (int cut : new int[] {whole.length - 60, whole.length - 100_000, 10}) {
      var parts = StreamedMultipart.of(new ByteArrayInputStream(Arrays.copyOf(whole, cut)), TYPE);
      assertThatThrownBy(() -> {
        parts.next();
        parts.next().body().transferTo(new ByteArrayOutputStream());
      }).as("cut at %d", cut).isInstanceOf(MultipartException.class);
    }
  }

  @Test
  void refusesABodyWithoutABoundary() {
    assertThatThrownBy(() -> StreamedMultipart.of(InputStream.nullInputStream(), "multipart/form-data"))
        .isInstanceOf(MultipartException.class);
    assertThatThrownBy(() -> StreamedMultipart.of(InputStream.nullInputStream(), "application/json; boundary=x"))
        .isInstanceOf(MultipartException.class);
  }

  @Test
  void readsQuotedAndPlainParameters() {
    assertThat(StreamedMultipart.parameter("multipart/form-data; boundary=\"a b\"", "boundary")).isEqualTo("a b");
    assertThat(StreamedMultipart.parameter("form-data; name=file; filename=\"x\\\\y.pdf\"", "filename")).isEqualTo("x\\y.pdf");
    assertThat(StreamedMultipart.parameter("form-data; name=\"file\"", "filename")).isNull();
  }

  private static byte[] body(byte[] file, boolean closed) {
    var out = new ByteArrayOutputStream();
    out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nA \"title\"\r\n")
        .getBytes(StandardCharsets.UTF_8));
    out.writeBytes(("--" + BOUNDARY + "  \r\nContent-Disposition: form-data; name=\"file\"; "
        + "filename=\"FG-Cloud-I-0001 \\\"a\\\".pdf\"\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    out.writeBytes(file);
    out.writeBytes(("\r\n--" + BOUNDARY + (closed ? "--\r\n" : "\r\n")).getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  /** A stream that answers at most {@code chunk} bytes a read, as a slow network does. */
  private static final class Trickle extends ByteArrayInputStream {
    private final int chunk;

    Trickle(byte[] bytes, int chunk) {
      super(bytes);
      this.chunk = chunk;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
      return super.read(b, off, Math.min(len, chunk));
    }

    @Override
    public synchronized int available() {
      return 0;
    }
  }
}
