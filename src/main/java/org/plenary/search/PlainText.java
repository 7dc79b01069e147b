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

/**
 * Text files: UTF-8 (or UTF-16 with its byte-order mark), else Windows-1252, as old tools wrote them.
 * A file with a zero byte in its first {@value #SNIFFED} bytes (and no UTF-16 mark) is binary, not text,
 * as git and grep tell them: it is indexed by its register entry alone, with the reason, rather than
 * its bytes read as Windows-1252 into thousands of meaningless words (most of the indexer's work for
 * such a file). No text written by people holds a zero byte in UTF-8 or Windows-1252.
 */
final class PlainText {

  /** How many bytes at the start of a file are looked at for a zero byte (git's 8,000, rounded up). */
  static final int SNIFFED = 8192;

  private PlainText() {}

  static void read(Path file, BoundedText out) throws IOException, UnreadableException {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(SNIFFED);
    }
    Charset charset = bom(head);
    if (charset == null && binary(head)) {
      throw new UnreadableException(ReadProblem.of("damagedType", "txt"));
    }
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

  private static boolean binary(byte[] head) {
    for (byte b : head) {
      if (b == 0) {
        return true;
      }
    }
    return false;
  }

  private static Charset bom(byte[] head) {
    int n = head.length;
    if (n >= 2 && (head[0] & 0xff) == 0xfe && (head[1] & 0xff) == 0xff) {
      return StandardCharsets.UTF_16;
    }
    if (n >= 2 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xfe) {
      return StandardCharsets.UTF_16;
    }
    return null;
  }
}
