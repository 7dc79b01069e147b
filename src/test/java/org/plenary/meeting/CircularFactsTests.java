package org.plenary.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Facts an earlier version froze with an issued circular in English words are read back into the
 * language-neutral values written now, so that a reader's language never shows as a change and every
 * reader sees them in their own words.
 */
class CircularFactsTests {

  @Test
  void readsBackTheEnglishDatesAnEarlierVersionStored() {
    assertThat(CircularFacts.read("Dates", "14–16 June 2010")).isEqualTo("2010-06-14/2010-06-16");
    assertThat(CircularFacts.read("Dates", "30 June – 2 July 2010")).isEqualTo("2010-06-30/2010-07-02");
    assertThat(CircularFacts.read("Dates", "29 December 2010 – 2 January 2011")).isEqualTo("2010-12-29/2011-01-02");
    assertThat(CircularFacts.read("Dates", "7 June 2010")).isEqualTo("2010-06-07/2010-06-07");
    assertThat(CircularFacts.read("Dates", "2010-06-14/2010-06-16")).isEqualTo("2010-06-14/2010-06-16");
  }

  @Test
  void readsBackTheEnglishDeadlinesWithTheirZone() {
    assertThat(CircularFacts.read("Pre-registration deadline", "Tuesday 1 June 2010, 23:59 CEST (Europe/Zurich)"))
        .isEqualTo("2010-06-01T23:59+02:00[Europe/Zurich]");
    assertThat(CircularFacts.read("Contributions deadline", "Monday 7 June 2010, 23:59 UTC"))
        .isEqualTo("2010-06-07T23:59Z[UTC]");
  }

  @Test
  void leavesEveryOtherValueAsItWas() {
    assertThat(CircularFacts.read("Venue", "ITU Headquarters, Geneva")).isEqualTo("ITU Headquarters, Geneva");
    assertThat(CircularFacts.read("Dates", "sometime in June")).isEqualTo("sometime in June");
    assertThat(CircularFacts.read("Contributions deadline", "")).isEmpty();
  }

  @Test
  void aCircularFrozenInEnglishWordsShowsNoChangeWhenNothingChanged() {
    var stored = new LinkedHashMap<String, String>();
    stored.put("Dates", "14–16 June 2010");
    stored.put("Visa-support requests deadline", "Monday 17 May 2010, 23:59 CEST (Europe/Zurich)");
    var now = new LinkedHashMap<String, String>();
    now.put("Dates", "2010-06-14/2010-06-16");
    now.put("Visa-support requests deadline", "2010-05-17T23:59+02:00[Europe/Zurich]");
    assertThat(CircularFacts.changes(CircularFacts.read(stored), now)).isEmpty();
    assertThat(CircularFacts.readChanges(List.of(new Circular.FactChange("Dates", "14–16 June 2010", "21–23 June 2010"))))
        .containsExactly(new Circular.FactChange("Dates", "2010-06-14/2010-06-16", "2010-06-21/2010-06-23"));
  }
}
