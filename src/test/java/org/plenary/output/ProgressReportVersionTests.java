package org.plenary.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.plenary.contribution.OutputType;

/**
 * The progress report's version is a digest of what it states, rendered one way: two reads of one report give one
 * version however their maps were filled and whenever they were generated, and each stated fact moves it.
 */
class ProgressReportVersionTests {

  @Test
  void twoReadsOfOneReportShareTheVersionWhateverOrderTheirMapsWereFilledIn() {
    ProgressReport first = report(Instant.parse("2010-06-01T10:00:00Z"), counts("CH", 2L, "FR", 1L), 12, 6, "Paragraph.");
    ProgressReport again = report(Instant.parse("2010-06-01T10:05:00Z"), counts("FR", 1L, "CH", 2L), 12, 6, "Paragraph.");
    assertThat(again.stated()).isEqualTo(first.stated());
    assertThat(again.version()).isEqualTo(first.version());
    assertThat(first.stated()).doesNotContain("generatedAt").contains("\"CH\":2,\"FR\":1");
  }

  @Test
  void eachStatedFactMovesTheVersion() {
    long base = report(Instant.EPOCH, counts("CH", 2L, "FR", 1L), 12, 6, "Paragraph.").version();
    assertThat(report(Instant.EPOCH, counts("CH", 2L, "FR", 2L), 12, 6, "Paragraph.").version())
        .as("one more participant from a country").isNotEqualTo(base);
    assertThat(report(Instant.EPOCH, counts("CH", 2L, "FR", 1L), 13, 6, "Paragraph.").version())
        .as("one more input document").isNotEqualTo(base);
    assertThat(report(Instant.EPOCH, counts("CH", 2L, "FR", 1L), 12, 9, "Paragraph.").version())
        .as("a longer extension").isNotEqualTo(base);
    assertThat(report(Instant.EPOCH, counts("CH", 2L, "FR", 1L), 12, 6, "Paragraph!").version())
        .as("the chair's paragraphs").isNotEqualTo(base);
    assertThat(report(Instant.EPOCH, counts("CH", 2L, "FR", 1L), 12, 6, null).version())
        .as("the paragraphs cleared").isNotEqualTo(base);
  }

  private static Map<String, Long> counts(String k1, long v1, String k2, long v2) {
    var counts = new LinkedHashMap<String, Long>();
    counts.put(k1, v1);
    counts.put(k2, v2);
    return counts;
  }

  private static ProgressReport report(Instant generatedAt, Map<String, Long> byCountry, int inputs, int months,
      String paragraphs) {
    var meeting = new ProgressReport.MeetingHeld("1006-gva", "14–16 June 2010", "Geneva", "Chair", 3,
        Map.of("SECTOR_MEMBER", 3L), byCountry, Map.of("Orange", 1L), inputs,
        List.of(new ProgressReport.ItemDocuments(1, "Opening", List.of("FG-Cloud-I-1"))), List.of("FG-Cloud-O-1"));
    return new ProgressReport("cloud", "FG Cloud", "Focus Group on Cloud", "SG13", LocalDate.of(2010, 1, 1),
        LocalDate.of(2010, 12, 31), generatedAt, List.of(meeting),
        List.of(new ProgressReport.OutputSummary("FG-Cloud-O-1", OutputType.values()[0], "Report")), List.of(),
        new LivingList(0, null, List.of()), List.of(), List.of(),
        new GroupLifetime(LocalDate.of(2010, 1, 1), LocalDate.of(2011, 1, 1),
            List.of(new GroupLifetime.Extension(months, "SG13", LocalDate.of(2010, 11, 1)))), paragraphs);
  }
}
