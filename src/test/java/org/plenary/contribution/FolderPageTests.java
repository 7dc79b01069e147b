package org.plenary.contribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.plenary.shared.MessageBundles;
import org.springframework.context.MessageSource;

/** A folder listing's table: each row says what browsers, mirrors and readers use, once. */
class FolderPageTests {

  private static final MessageSource WORDS = new MessageBundles().messageSource();
  private static final String HASH = "b4af0850b860594dcdf36b67a3dea84c25bbf17f44424f15150481003316d7d8";
  private static final String PATH = "/t/fg/cloud/docs/1006-gva/in/";

  private static FolderEntry file(String name, Instant modified, String title, String source, boolean late) {
    return new FolderEntry(name, false, 39, modified, HASH, name.substring(0, name.lastIndexOf('.')), title, source,
        late, "store/" + name);
  }

  private static String row(String html, String name) {
    int start = html.indexOf("<tr><td><a href=\"" + name + "\">");
    return html.substring(start, html.indexOf('\n', start) + 1);
  }

  @Test
  void aRowGivesLinkSizeShortTimeWithItsZoneTitleSourceAndTheWholeHashOnce() {
    var entry = file("FG-Cloud-I-0001.txt", Instant.parse("2010-06-07T21:59:30.123456Z"), "Benchmark document 2",
        "bench/listing.sh", false);
    String html = FolderPage.html(PATH, List.of(entry), true, ZoneId.of("Europe/Zurich"), WORDS, Locale.ENGLISH);

    assertThat(row(html, "FG-Cloud-I-0001.txt")).isEqualTo("<tr><td><a href=\"FG-Cloud-I-0001.txt\">FG-Cloud-I-0001.txt</a>"
        + "<td>39<td>2010-06-07 23:59 CEST<td>Benchmark document 2<td>bench/listing.sh<td>" + HASH + "\n");
    // The meeting's zone is named once, in the column's header; each time carries its abbreviation.
    assertThat(html).contains("<th scope=\"col\">Date (Europe/Zurich)</th>").contains("<table class=\"listing\">");
    assertThat(html.split(HASH, -1)).hasSize(2);
    assertThat(html).doesNotContain("<time", "<bdi>", "<details", "</td>");
  }

  @Test
  void incomingTimesAreInUtcNamedInEachRowAndNotInTheHeader() {
    var entry = file("FG-Cloud-I-0002.docx", Instant.parse("2010-06-07T21:59:30Z"), "Use cases", "Orange", false);
    String html = FolderPage.html("/t/fg/cloud/docs/incoming/", List.of(entry), true, ZoneOffset.UTC, WORDS,
        Locale.FRENCH);

    assertThat(row(html, "FG-Cloud-I-0002.docx")).contains("<td>2010-06-07 21:59 UTC<td>");
    assertThat(html).doesNotContain("(UTC)");
  }

  @Test
  void namesTitlesAndSourcesAreEscapedAndLinksEncoded() {
    var entry = file("FG-Cloud-I-0003 r&d.txt", Instant.parse("2010-06-07T21:59:30Z"), "<script>alert(1)</script>",
        "\u202Egnp.exe \"ETRI\"", true);
    String html = FolderPage.html(PATH, List.of(entry), true, ZoneId.of("Europe/Zurich"), WORDS, Locale.ENGLISH);

    assertThat(html).contains("<a href=\"FG-Cloud-I-0003%20r&amp;d.txt\">FG-Cloud-I-0003 r&amp;d.txt</a>"
        + " <strong class=\"late\">")
        .contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;<td>")
        .contains("<td>\u202Egnp.exe &quot;ETRI&quot;<td>")
        .doesNotContain("<script>");
  }

  @Test
  void aRowOfTheBenchmarksFolderWeighsAbout210Bytes() {
    var entries = java.util.stream.IntStream.rangeClosed(1, 1000).mapToObj(i -> file("FG-Cloud-I-%04d.txt".formatted(i),
        Instant.parse("2026-12-05T01:09:23.149703Z"), "Benchmark document " + i, "bench/listing.sh", false)).toList();
    String html = FolderPage.html(PATH, entries, true, ZoneId.of("Europe/Zurich"), WORDS, Locale.ENGLISH);

    // 365 bytes a row before: a <time> with the whole date in words, <bdi> around title and source, the
    // hash's first digits and the whole one in a <details>.
    assertThat(html.getBytes(StandardCharsets.UTF_8).length / entries.size()).isBetween(200, 215);
  }

  @Test
  void aListingOfFoldersHasOneColumn() {
    String html = FolderPage.html("/t/fg/", List.of(FolderEntry.folder("cloud")), false, ZoneOffset.UTC, WORDS,
        Locale.ENGLISH);

    assertThat(html).contains("<tr><td><a href=\"../\">../</a>\n<tr><td><a href=\"cloud/\">cloud/</a>\n")
        .doesNotContain("Date");
  }
}
