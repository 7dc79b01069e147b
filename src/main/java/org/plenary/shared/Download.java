package org.plenary.shared;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A file Plenary writes for a reader (a PDF, a CSV) and its name twice, as RFC 6266 asks: an ASCII
 * {@code filename} that scripts and old clients keep using ({@code registration-FGC-0001.pdf}), and the
 * name in the file's own language as {@code filename*=UTF-8''…} (RFC 5987: "confirmation-d’inscription-FGC-0001.pdf",
 * "注册确认-FGC-0001.pdf"), which browsers prefer. Numbers and codes are the same in both.
 */
public record Download(byte[] body, MediaType type, String asciiName, String readableName) {

  /** Shown in the browser ({@code inline}). */
  public ResponseEntity<byte[]> inline() {
    return response("inline");
  }

  /** Saved by the browser ({@code attachment}). */
  public ResponseEntity<byte[]> attachment() {
    return response("attachment");
  }

  private ResponseEntity<byte[]> response(String disposition) {
    return ResponseEntity.ok().contentType(type)
        .header(HttpHeaders.CONTENT_DISPOSITION, disposition(disposition, asciiName, readableName)).body(body);
  }

  /** {@code inline; filename="ascii"; filename*=UTF-8''readable}: the ASCII name made safe, the readable one encoded. */
  public static String disposition(String disposition, String asciiName, String readableName) {
    String ascii = asciiName.replaceAll("[^A-Za-z0-9._-]+", "-");
    // Characters no file system takes in a name, and controls, become a hyphen; the rest is kept as written. So do
    // the direction embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), even closed ones: inside a
    // name they show "report" RLO "fdp.exe" PDF as "reportexe.pdf" in the browser's download bar.
    String readable = readableName.replaceAll("[\\p{Cntrl}\\u202A-\\u202E\\u2066-\\u2069/\\\\:*?\"<>|]+", "-");
    return disposition + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encode(readable);
  }

  /** RFC 5987 value characters: letters, digits and {@code !#$&+-.^_`|~} as they are, every other byte as %XX. */
  private static String encode(String text) {
    var out = new ByteArrayOutputStream();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c < 0x80 && (Character.isLetterOrDigit(c) || "!#$&+-.^_`|~".indexOf(c) >= 0)) {
        out.write(c);
      } else {
        out.writeBytes(String.format("%%%02X", b & 0xff).getBytes(StandardCharsets.US_ASCII));
      }
    }
    return out.toString(StandardCharsets.US_ASCII);
  }
}
