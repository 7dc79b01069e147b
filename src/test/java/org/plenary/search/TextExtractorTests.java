package org.plenary.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Words come out of real files of every format, and hostile files cost no more than the limits allow. */
class TextExtractorTests {

  static final ExtractionLimits LIMITS = new ExtractionLimits(10_000_000, 3, 10_000, 64L << 20, 256L << 20, 100,
      Duration.ofSeconds(30), 256L << 20);

  @TempDir Path folder;

  @Test
  void readsTheWordsOfEveryFormat() throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("a.docx", TestDocuments.docx("Elasticity of docxword clouds"));
    files.put("a.pptx", TestDocuments.pptx("Slides about pptxword"));
    files.put("a.ppt", TestDocuments.ppt("Old slides about pptword"));
    files.put("a.xlsx", TestDocuments.xlsx("Cell with xlsxword"));
    files.put("a.xls", TestDocuments.xls("Cell with xlsword"));
    files.put("a.pdf", TestDocuments.pdf("Portable pdfword document"));
    files.put("a.odt", TestDocuments.odt("Open odtword text"));
    files.put("a.rtf", TestDocuments.rtf("Rich rtfword text, caf\u00e9 \u4e91\u8ba1\u7b97"));
    files.put("a.txt", "Plain txtword \u4e91\u8ba1\u7b97\u7126\u70b9\u7ec4".getBytes(StandardCharsets.UTF_8));
    for (var file : files.entrySet()) {
      String word = file.getKey().substring(2) + "word";
      assertThat(text(file.getKey(), file.getValue())).as(file.getKey()).contains(word);
    }
    assertThat(text("a.rtf", files.get("a.rtf"))).contains("caf\u00e9", "\u4e91\u8ba1\u7b97")
        .doesNotContain("Times New Roman", "Hidden", "Invisible", "1Rich");
    assertThat(text("a.txt", files.get("a.txt"))).contains("\u4e91\u8ba1\u7b97\u7126\u70b9\u7ec4");
  }

  @Test
  void readsTheDocumentsInsideAZipAndAZipInsideIt() throws Exception {
    byte[] inner = TestDocuments.zip(Map.of("deep.txt", "nestedword".getBytes(StandardCharsets.UTF_8)));
    byte[] outer = TestDocuments.zip(Map.of("FG-Cloud-I-0001.docx", TestDocuments.docx("zippeddocxword"),
        "notes.pdf", TestDocuments.pdf("zippedpdfword"), "inner.zip", inner));
    assertThat(text("a.zip", outer)).contains("zippeddocxword", "zippedpdfword", "nestedword", "FG-Cloud-I-0001.docx");
  }

  @Test
  void stopsAtTheNestingLimit() throws Exception {
    byte[] zip = TestDocuments.zip(Map.of("level3.txt", "deepestword".getBytes(StandardCharsets.UTF_8)));
    for (int i = 0; i < 3; i++) {
      zip = TestDocuments.zip(Map.of("level" + i + ".zip", zip));
    }
    BoundedText out = extract("a.zip", zip);
    assertThat(out.toString()).doesNotContain("deepestword");
    assertThat(out.note()).isEqualTo(ReadProblem.of("nested", 3));
  }

  @Test
  void aZipBombIsRefusedWithItsReasonBeforeItIsExpanded() throws Exception {
    byte[] bomb = TestDocuments.zipBomb(200);
    assertThat(bomb.length).isLessThan(1 << 20);
    assertThatThrownBy(() -> extract("a.zip", bomb)).isInstanceOf(UnreadableException.class)
        .extracting(e -> ((UnreadableException) e).problem())
        .isEqualTo(ReadProblem.of("bombRatio", "FG-Cloud-I-0666.txt", 100));
    assertThat(Files.list(folder.resolve("scratch"))).as("nothing left in the scratch folder").isEmpty();
  }

  @Test
  void aDocumentThatIsAZipBombInsideIsRefused() throws Exception {
    byte[] docx = TestDocuments.withSpaces(TestDocuments.docx("bombword"), "word/document.xml", 40 << 20);
    assertThatThrownBy(() -> extract("a.docx", docx)).isInstanceOf(UnreadableException.class)
        .extracting(e -> ((UnreadableException) e).problem())
        .isEqualTo(ReadProblem.of("bombRatio", "word/document.xml", 100));
    byte[] odt = TestDocuments.withSpaces(TestDocuments.odt("bombword"), "content.xml", 40 << 20);
    assertThatThrownBy(() -> extract("a.odt", odt)).isInstanceOf(UnreadableException.class)
        .extracting(e -> ((UnreadableException) e).problem()).isEqualTo(ReadProblem.of("bombRatio", "content.xml", 100));
  }

  @Test
  void aDocxOfTensOfMegabytesOfParagraphsIsReadAsAStreamNotATreeInTheHeap() throws Exception {
    // 500,000 paragraphs of random words: 22 MB of XML packed about five times, so no expansion limit
    // stops it; POI built its tree at some 30 times that (a 60 MB body: 5 GB allocated, 1.7 GB held).
    byte[] docx = TestDocuments.withParagraphs(TestDocuments.docx("Elasticity of streamword clouds"),
        "word/document.xml", 500_000);
    var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    String text = text("a.docx", docx);
    assertThat(threads.getCurrentThreadAllocatedBytes() - before).as("bytes allocated reading it").isLessThan(256L << 20);
    assertThat(text).contains("streamword");
    assertThat(text.lines().count()).isGreaterThan(500_000);
  }

  @Test
  void aPasswordProtectedPdfOrDocxIsReportedAsSuch() throws Exception {
    assertThatThrownBy(() -> extract("a.pdf", TestDocuments.pdf("secretword", "pass")))
        .isInstanceOf(UnreadableException.class)
        .extracting(e -> ((UnreadableException) e).problem()).isEqualTo(ReadProblem.of("password"));
    assertThatThrownBy(() -> extract("a.docx", TestDocuments.encryptedDocx("secretword", "pass")))
        .isInstanceOf(UnreadableException.class)
        .extracting(e -> ((UnreadableException) e).problem()).isEqualTo(ReadProblem.of("password"));
  }

  @Test
  void aDamagedFileIsReportedAsSuch() throws Exception {
    byte[] junk = "this is not what the name says".getBytes(StandardCharsets.US_ASCII);
    for (String type : List.of("pdf", "docx", "zip", "odt", "rtf")) {
      assertThatThrownBy(() -> extract("a." + type, junk)).isInstanceOf(UnreadableException.class)
          .extracting(e -> ((UnreadableException) e).problem()).isEqualTo(ReadProblem.of("damagedType", type));
    }
  }

  @Test
  void anOdtWithEntityExpansionIsNotExpanded() throws Exception {
    String laughs = """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
        <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
        <r xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><text:p>&lol3;</text:p></r>""";
    byte[] odt = TestDocuments.zip(Map.of("content.xml", laughs.getBytes(StandardCharsets.UTF_8)));
    String text;
    try {
      text = extract("a.odt", odt).toString();
    } catch (UnreadableException refused) {
      text = "";
    }
    assertThat(text).doesNotContain("lollol");
  }

  @Test
  void anRtfNestedDeeperThanAnyWriterNestsIsDamagedAndItsBracesCostNoHeap() throws Exception {
    // 20 MB of opening braces held one stack entry each: about 500 MB of heap before the cap.
    byte[] deep = new byte[20_000_000];
    java.util.Arrays.fill(deep, (byte) '{');
    System.arraycopy("{\\rtf1 ".getBytes(StandardCharsets.US_ASCII), 0, deep, 0, 7);
    var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    assertThatThrownBy(() -> extract("a.rtf", deep)).isInstanceOf(UnreadableException.class)
        .extracting(e -> ((UnreadableException) e).problem()).isEqualTo(ReadProblem.of("damagedType", "rtf"));
    assertThat(threads.getCurrentThreadAllocatedBytes() - before).as("bytes allocated reading it").isLessThan(16L << 20);
    String nested = "{\\rtf1 " + "{".repeat(RtfText.MAX_DEPTH - 1) + "deepword" + "}".repeat(RtfText.MAX_DEPTH - 1) + "}";
    assertThat(text("b.rtf", nested.getBytes(StandardCharsets.US_ASCII))).as("as deep as the cap allows").contains("deepword");
  }

  @Test
  void aTxtFileWithAZeroByteInItsHeadIsBinaryNotText() throws Exception {
    // The document cycle's file: a line of text, then every byte value over and over.
    byte[] junk = new byte[200 * 1024];
    byte[] line = "Cycle document 1 (FG-Cloud-I-0001)\n".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(line, 0, junk, 0, line.length);
    for (int i = line.length; i < junk.length; i++) {
      junk[i] = (byte) (i - line.length);
    }
    assertThatThrownBy(() -> extract("junk.txt", junk)).isInstanceOf(UnreadableException.class)
        .extracting(e -> ((UnreadableException) e).problem()).isEqualTo(ReadProblem.of("damagedType", "txt"));
    byte[] zeroLast = new byte[PlainText.SNIFFED];
    java.util.Arrays.fill(zeroLast, (byte) 'a');
    zeroLast[PlainText.SNIFFED - 1] = 0;
    assertThatThrownBy(() -> extract("zero.txt", zeroLast)).isInstanceOf(UnreadableException.class);
  }

  @Test
  void aZeroByteOnlyPastTheHeadOrInUtf16WithItsMarkIsStillText() throws Exception {
    byte[] late = ("lateword ".repeat(PlainText.SNIFFED / 9 + 1) + "\0 tailword").getBytes(StandardCharsets.US_ASCII);
    assertThat(text("late.txt", late)).contains("lateword", "tailword");
    // UTF-16 with its byte-order mark: every ASCII letter has a zero byte beside it.
    byte[] utf16 = "Wide utf16word caf\u00e9".getBytes(StandardCharsets.UTF_16);
    assertThat(text("wide.txt", utf16)).contains("utf16word", "caf\u00e9");
    // Windows-1252 (not UTF-8) without a zero byte is read as before.
    assertThat(text("old.txt", "Ancien caf\u00e9 1252word".getBytes("windows-1252"))).contains("caf\u00e9", "1252word");
  }

  @Test
  void keepsOnlyTheFirstCharactersOfAHugeText() throws Exception {
    byte[] big = "word ".repeat(1_000_000).getBytes(StandardCharsets.US_ASCII);
    Path file = write("a.txt", big);
    BoundedText out = new BoundedText(1000, System.nanoTime() + Duration.ofSeconds(30).toNanos());
    assertThatThrownBy(() -> extractor().extract(file, "a.txt", out)).isInstanceOf(BoundedText.Stop.class);
    assertThat(out.toString()).hasSize(1000);
    assertThat(out.note()).isEqualTo(ReadProblem.of("tooLong", 1000));
  }

  @Test
  void aFileGoneFromItsPathBeforeItIsReadMovedRatherThanBeingUnreadable() throws Exception {
    Files.createDirectories(folder.resolve("scratch"));
    try (FileReading reading = new FileReading(LIMITS, folder.resolve("scratch"))) {
      for (String name : List.of("gone.txt", "gone.pdf", "gone.docx")) {
        FileReading.Text text = reading.read(folder.resolve("incoming").resolve(name), name, 10_000);
        assertThat(text.problem()).as(name).isEqualTo(ReadProblem.of("moved"));
        assertThat(text.text()).isNull();
      }
    }
  }

  @Test
  void aReadingThatOverrunsItsTimeIsStoppedWithItsReason() throws Exception {
    var limits = new ExtractionLimits(10_000_000, 3, 10_000, 64L << 20, 256L << 20, 100, Duration.ofMillis(1),
        256L << 20);
    Files.createDirectories(folder.resolve("scratch"));
    try (FileReading reading = new FileReading(limits, folder.resolve("scratch"))) {
      Path file = write("big.txt", "word ".repeat(2_000_000).getBytes(StandardCharsets.US_ASCII));
      Thread.sleep(2);
      FileReading.Text text = reading.read(file, "big.txt", 10_000_000);
      assertThat(text.problem()).isEqualTo(ReadProblem.of("slow"));
      assertThat(text.text().length()).isLessThan(10_000_000);
    }
  }

  private String text(String name, byte[] bytes) throws Exception {
    return extract(name, bytes).toString();
  }

  private BoundedText extract(String name, byte[] bytes) throws IOException, UnreadableException {
    Path file = write(name, bytes);
    BoundedText out = new BoundedText(10_000_000, System.nanoTime() + Duration.ofSeconds(30).toNanos());
    extractor().extract(file, name, out);
    return out;
  }

  private TextExtractor extractor() throws IOException {
    return new TextExtractor(LIMITS, Files.createDirectories(folder.resolve("scratch")));
  }

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(folder.resolve(name), bytes);
  }
}
