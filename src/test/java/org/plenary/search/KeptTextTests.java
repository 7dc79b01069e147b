package org.plenary.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/** The text an index entry keeps: read back as written, older deflated entries too, damage told. */
class KeptTextTests {

  private static String cycleText() {
    byte[] bytes = new byte[200 * 1024];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    return new String(bytes, Charset.forName("windows-1252"));
  }

  @Test
  void readsBackWhatWasKept() {
    for (String text : new String[] {"", "a", "Le groupe et les tâches — 云计算焦点组 في\n", cycleText(),
        "The scope of the group. ".repeat(10_000)}) {
      byte[] kept = KeptText.of(text);
      assertThat(kept[0]).isEqualTo(KeptText.LZ4_MARK);
      assertThat(KeptText.text(new BytesRef(kept))).isEqualTo(text);
      // Within a larger buffer, as doc values hand it back.
      byte[] padded = new byte[kept.length + 7];
      System.arraycopy(kept, 0, padded, 3, kept.length);
      assertThat(KeptText.text(new BytesRef(padded, 3, kept.length))).isEqualTo(text);
    }
  }

  @Test
  void readsTextsDeflatedByEarlierVersions() {
    for (String text : new String[] {"", "Le groupe et les tâches", cycleText()}) {
      assertThat(KeptText.text(new BytesRef(deflated(text)))).isEqualTo(text);
    }
  }

  @Test
  void tellsATruncatedOrDamagedText() {
    byte[] kept = KeptText.of("The scope of the group. ".repeat(1_000));
    assertThatThrownBy(() -> KeptText.text(new BytesRef(Arrays.copyOf(kept, kept.length / 2))))
        .isInstanceOf(IllegalStateException.class);
    byte[] longer = Arrays.copyOf(kept, kept.length + 1);
    assertThatThrownBy(() -> KeptText.text(new BytesRef(longer))).isInstanceOf(IllegalStateException.class);
    byte[] old = deflated("The scope of the group. ".repeat(1_000));
    assertThatThrownBy(() -> KeptText.text(new BytesRef(Arrays.copyOf(old, old.length / 2))))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aDamagedLengthIsToldWithoutAllocatingIt() {
    // The mark, then a length of 2^31 - 9 bytes (a varint), then a few bytes: no LZ4 text of 8 bytes holds that much.
    byte[] damaged = {KeptText.LZ4_MARK, (byte) 0xF7, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07, 0x10, 0x41, 0x42};
    var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    assertThatThrownBy(() -> KeptText.text(new BytesRef(damaged))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("damaged");
    assertThat(threads.getCurrentThreadAllocatedBytes() - before).as("bytes allocated to tell it").isLessThan(1 << 20);
  }

  /** How the text was kept before: UTF-8, deflated (zlib) at the fastest level. */
  private static byte[] deflated(String text) {
    Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    deflater.setInput(text.getBytes(StandardCharsets.UTF_8));
    deflater.finish();
    var out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    while (!deflater.finished()) {
      out.write(buffer, 0, deflater.deflate(buffer));
    }
    deflater.end();
    return out.toByteArray();
  }
}
