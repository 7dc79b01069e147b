package org.plenary.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimesTests {

  private static final Instant DEADLINE = Instant.parse("2010-06-07T21:59:00Z");

  @Test
  void showsAnInstantInTheMeetingsZoneWithItsAbbreviationAndName() {
    assertThat(Times.display(DEADLINE, ZoneId.of("Europe/Zurich"))).isEqualTo("Monday 7 June 2010, 23:59 CEST (Europe/Zurich)");
    assertThat(Times.display(Instant.parse("2010-12-07T22:59:00Z"), ZoneId.of("Europe/Zurich")))
        .isEqualTo("Tuesday 7 December 2010, 23:59 CET (Europe/Zurich)");
  }

  @Test
  void namesUtcWhenThereIsNoMeetingZone() {
    assertThat(Times.display(DEADLINE, null)).isEqualTo("Monday 7 June 2010, 21:59 UTC");
    assertThat(Times.display(DEADLINE, ZoneOffset.UTC)).isEqualTo("Monday 7 June 2010, 21:59 UTC");
    assertThat(new Times(Clock.systemUTC()).at(DEADLINE, "UTC")).isEqualTo("Monday 7 June 2010, 21:59 UTC");
  }

  @Test
  void datesALetterOnTheDayItIsInTheMeetingsZone() {
    Instant lateEvening = Instant.parse("2010-06-07T22:30:00Z");
    assertThat(Times.dayIn(lateEvening, ZoneId.of("Europe/Zurich"))).isEqualTo("8 June 2010");
    assertThat(Times.dayIn(lateEvening, null)).isEqualTo("7 June 2010");
  }

  @Test
  void saysHowLongIsLeftOrHowLongAgoItPassed() {
    Instant now = Instant.parse("2010-06-04T18:59:00Z");
    assertThat(Times.left(DEADLINE, now)).isEqualTo("in 3 days, 3 hours");
    assertThat(Times.left(Instant.parse("2010-06-05T19:59:00Z"), now)).isEqualTo("in 25 hours");
    assertThat(Times.left(Instant.parse("2010-06-04T19:00:00Z"), now)).isEqualTo("in 1 minute");
    assertThat(Times.left(Instant.parse("2010-06-02T18:59:00Z"), now)).isEqualTo("passed 2 days ago");
    assertThat(new Times(Clock.fixed(now, ZoneOffset.UTC)).left(DEADLINE)).isEqualTo("in 3 days, 3 hours");
  }
}
