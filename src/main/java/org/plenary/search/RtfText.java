package org.plenary.search;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PushbackInputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Rich Text Format: a small tokenizer that keeps the document's characters ({@code \'hh} in the
 * document's code page, {@code \\u} escapes as Unicode) and skips font, colour and style tables, pictures,
 * objects and every {@code \*} destination. One pass, no tree: a large file costs no more memory
 * than its group depth, and that depth is capped ({@link #MAX_DEPTH}): a file that is nothing but
 * opening braces would otherwise hold one entry per byte (60 MB of them took 2 GB of heap).
 */
final class RtfText {

  private static final Set<String> SKIPPED = Set.of("fonttbl", "colortbl", "stylesheet", "info", "pict", "object",
      "themedata", "datastore", "latentstyles", "listtable", "listoverridetable", "rsidtbl", "generator",
      "xmlnstbl", "mmathPr", "filetbl", "revtbl", "header", "footer", "headerl", "headerr", "footerl", "footerr",
      "fldinst", "bkmkstart", "bkmkend");

  /**
   * Groups nested deeper than this make the file damaged. Word writes fewer than 20 levels; the cap
   * keeps the stack below a few kilobytes whatever the file.
   */
  static final int MAX_DEPTH = 1000;

  private record Group(boolean skip, int unicodeSkip) {}

  private final PushbackInputStream in;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final BoundedText out;
  private final Deque<Group> groups = new ArrayDeque<>();
  private boolean skip;
  private int unicodeSkip = 1;
  private int pendingSkip;
  private Charset codePage = Charset.forName("windows-1252");

  private RtfText(PushbackInputStream in, BoundedText out) {
    this.in = in;
    this.out = out;
  }

  static void read(Path file, BoundedText out) throws UnreadableException, IOException {
    try (PushbackInputStream in = new PushbackInputStream(new BufferedInputStream(Files.newInputStream(file), 65536), 8)) {
      byte[] head = in.readNBytes(5);
      if (!new String(head, java.nio.charset.StandardCharsets.US_ASCII).equals("{\\rtf")) {
        throw new UnreadableException(ReadProblem.of("damagedType", "rtf"));
      }
      in.unread(head);
      new RtfText(in, out).run();
    }
  }

  private void run() throws IOException, UnreadableException {
    groups.push(new Group(false, 1));
    for (int c; (c = in.read()) >= 0; ) {
      switch (c) {
        case '{' -> {
          flush();
          if (groups.size() > MAX_DEPTH) {
            throw new UnreadableException(ReadProblem.of("damagedType", "rtf"));
          }
          groups.push(new Group(skip, unicodeSkip));
        }
        case '}' -> {
          flush();
          if (groups.size() > 1) {
            Group outer = groups.pop();
            skip = outer.skip();
            unicodeSkip = outer.unicodeSkip();
          }
        }
        case '\\' -> control();
        case '\r', '\n' -> { }
        default -> character((char) c);
      }
    }
    flush();
  }

  private void control() throws IOException {
    int c = in.read();
    if (c < 0) {
      return;
    }
    if (!Character.isLetter(c)) {
      switch (c) {
        case '\'' -> hex();
        case '*' -> skip = true;
        case '~' -> character(' ');
        case '_' -> character('-');
        case '{', '}', '\\' -> character((char) c);
        case '\n', '\r' -> text("\n");
        default -> { }
      }
      return;
    }
    StringBuilder word = new StringBuilder();
    while (c >= 0 && Character.isLetter(c) && word.length() < 32) {
      word.append((char) c);
      c = in.read();
    }
    StringBuilder number = new StringBuilder();
    if (c == '-' || Character.isDigit(c)) {
      do {
        number.append((char) c);
        c = in.read();
      } while (c >= 0 && Character.isDigit(c) && number.length() < 11);
    }
    if (c >= 0 && c != ' ') {
      in.unread(c);
    }
    apply(word.toString(), number.isEmpty() || number.toString().equals("-") ? null : Long.parseLong(number.toString()));
  }

  private void apply(String word, Long parameter) throws IOException {
    if (SKIPPED.contains(word)) {
      skip = true;
      return;
    }
    switch (word) {
      case "par", "line", "sect", "page", "row" -> text("\n");
      case "tab", "cell" -> text(" ");
      case "uc" -> unicodeSkip = parameter == null ? 1 : (int) Math.max(0, Math.min(parameter, 8));
      case "u" -> {
        if (parameter != null) {
          text(String.valueOf((char) (parameter < 0 ? parameter + 65536 : parameter)));
          pendingSkip = unicodeSkip;
        }
      }
      case "ansicpg" -> codePage(parameter);
      default -> { }
    }
  }

  private void hex() throws IOException {
    int high = Character.digit(in.read(), 16);
    int low = Character.digit(in.read(), 16);
    if (pendingSkip > 0) {
      pendingSkip--;
      return;
    }
    if (high >= 0 && low >= 0 && !skip) {
      bytes.write(high * 16 + low);
    }
  }

  /** Bytes of \'hh escapes are decoded together: a double-byte code page (936, 950) needs both halves. */
  private void flush() throws IOException {
    if (bytes.size() > 0) {
      out.write(bytes.toString(codePage));
      bytes.reset();
    }
  }

  private void character(char c) throws IOException {
    if (pendingSkip > 0) {
      pendingSkip--;
      return;
    }
    if (!skip) {
      flush();
      out.write(c);
    }
  }

  private void text(String s) throws IOException {
    if (!skip) {
      flush();
      out.write(s);
    }
  }

  private void codePage(Long page) {
    try {
      codePage = Charset.forName(page == null ? "windows-1252" : "windows-" + page);
    } catch (RuntimeException e) {
      codePage = Charset.forName("windows-1252");
    }
  }
}
