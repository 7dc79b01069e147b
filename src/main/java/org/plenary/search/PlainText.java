package org.plenary.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Text files: UTF-8 (or UTF-16 with its byte-order mark), else Windows-1252, as old tools wrote them. */
final class PlainText {

  private PlainText() {}

  static void read(Path file, BoundedText out) throws IOException {
    Charset charset = bom(file);
    if (charset == null) {
      try {
        copy(file, StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT), null, true);
        charset = StandardCharsets.UTF_8;
      } catch (CharacterCodingException e) {
        charset = Charset.forName("windows-1252");
      }
    }
    copy(file, charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE), out, false);
  }

  /** {@code probe}: only decode (up to 1 MB), to learn whether the charset fits. */
  private static void copy(Path file, CharsetDecoder decoder, BoundedText out, boolean probe) throws IOException {
    try (InputStream in = Files.newInputStream(file); Reader reader = new InputStreamReader(in, decoder)) {
      char[] buffer = new char[16384];
      long seen = 0;
      for (int n; (n = reader.read(buffer)) > 0; ) {
        if (probe) {
          seen += n;
          if (seen > 1024 * 1024) {
            return;
          }
        } else {
          out.write(buffer, 0, n);
        }
      }
    }
  }

  private static Charset bom(Path file) throws IOException {
    byte[] head = new byte[3];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, 3);
    }
    if (n >= 2 && (head[0] & 0xff) == 0xfe && (head[1] & 0xff) == 0xff) {
      return StandardCharsets.UTF_16;
    }
    if (n >= 2 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xfe) {
      return StandardCharsets.UTF_16;
    }
    return null;
  }
}
