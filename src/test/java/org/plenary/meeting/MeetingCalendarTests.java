package org.plenary.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MeetingCalendarTests {

  @Test
  void escapesTextValues() {
    assertThat(MeetingCalendar.text("a,b;c\\d\ne")).isEqualTo("a\\,b\\;c\\\\d\\ne");
  }

  @Test
  void foldsLongLinesAt75OctetsWithoutSplittingCharacters() {
    var out = new StringBuilder();
    MeetingCalendar.line(out, "SUMMARY:" + "日内瓦".repeat(40));
    for (String line : out.toString().split("\r\n")) {
      assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75);
    }
    assertThat(out.toString().replace("\r\n ", "")).isEqualTo("SUMMARY:" + "日内瓦".repeat(40) + "\r\n");
  }
}
