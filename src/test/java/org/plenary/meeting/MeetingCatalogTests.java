package org.plenary.meeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plenary.DemoTest;
import org.plenary.group.GroupCatalog;
import org.plenary.group.GroupDraft;
import org.plenary.shared.InvalidInputException;
import org.plenary.shared.Violation;
import org.springframework.beans.factory.annotation.Autowired;

@DemoTest
class MeetingCatalogTests {

  @Autowired MeetingCatalog meetings;
  @Autowired GroupCatalog groups;

  @Test
  void derivesTheCodeFromTheStartMonthAndTheVenue() {
    assertThat(MeetingCatalog.deriveCode(LocalDate.of(2010, 6, 14), "GVA")).isEqualTo("1006-gva");
    assertThat(MeetingCatalog.deriveCode(LocalDate.of(2011, 1, 3), "sel")).isEqualTo("1101-sel");
  }

  @Test
  void defaultsTheDeadlinesInTheVenuesTimeZone() {
    group("deadlines");
    Meeting meeting = meetings.schedule("deadlines", draft(LocalDate.of(2031, 3, 10), LocalDate.of(2031, 3, 12), "Asia/Tokyo"));

    assertThat(meeting.code()).isEqualTo("3103-tyo");
    ZoneId tokyo = ZoneId.of("Asia/Tokyo");
    assertThat(meeting.contributionDeadline()).isEqualTo(LocalDateTime.of(2031, 2, 28, 23, 59).atZone(tokyo).toInstant());
    assertThat(meeting.visaDeadline()).isEqualTo(LocalDateTime.of(2031, 2, 10, 23, 59).atZone(tokyo).toInstant());
    assertThat(meeting.registrationDeadline()).isEqualTo(LocalDateTime.of(2031, 2, 24, 23, 59).atZone(tokyo).toInstant());
    assertThat(meeting.deadlines().get(1).display()).isEqualTo("Friday 28 February 2031, 23:59 JST (Asia/Tokyo)");
  }

  @Test
  void computesTheGroupsLifetimeFromItsFirstMeeting() {
    group("lifetime");
    meetings.schedule("lifetime", draft(LocalDate.of(2032, 9, 6), LocalDate.of(2032, 9, 8), "Europe/Zurich"));
    meetings.schedule("lifetime", draft(LocalDate.of(2032, 5, 3), LocalDate.of(2032, 5, 4), "Europe/Zurich"));

    var group = groups.get("lifetime");
    assertThat(group.firstMeetingOn()).isEqualTo(LocalDate.of(2032, 5, 3));
    assertThat(group.lifetimeEndsOn()).contains(LocalDate.of(2033, 5, 2));
  }

  @Test
  void refusesAnEndBeforeTheStartAndDeadlinesAfterTheFirstDay() {
    group("refusals");
    var backwards = draft(LocalDate.of(2033, 4, 10), LocalDate.of(2033, 4, 9), "Europe/Zurich");
    assertThat(violations(() -> meetings.schedule("refusals", backwards))).extracting(Violation::field).contains("endDate");

    var late = new MeetingDraft(null, LocalDate.of(2033, 4, 10), LocalDate.of(2033, 4, 11), "Europe/Zurich", "ITU",
        null, "gva", null, null, null, null, "English", false, true, null, null,
        LocalDateTime.of(2033, 4, 11, 12, 0), null, LatePolicy.FLAG, List.of(), List.of());
    assertThat(violations(() -> meetings.schedule("refusals", late))).extracting(Violation::field)
        .containsExactly("contributionDeadline");
  }

  @Test
  void aDeadlineTheClocksSkipIsRefusedAndOneTheyShowTwiceIsItsSecondComing() {
    group("dst");
    // Europe/Zurich goes from 02:00 to 03:00 on 27 March 2033 and back from 03:00 to 02:00 on 30 October 2033.
    var skipped = new MeetingDraft(null, LocalDate.of(2033, 4, 10), LocalDate.of(2033, 4, 11), "Europe/Zurich", "ITU",
        null, "gva", null, null, null, null, "English", false, true, null, null,
        LocalDateTime.of(2033, 3, 27, 2, 30), null, LatePolicy.FLAG, List.of(), List.of());
    assertThat(violations(() -> meetings.schedule("dst", skipped)))
        .extracting(Violation::field, Violation::message)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("contributionDeadline",
            "2033-03-27 02:30 does not exist in Europe/Zurich: the clocks go forward then. Choose another time."));

    var twice = new MeetingDraft(null, LocalDate.of(2033, 11, 10), LocalDate.of(2033, 11, 11), "Europe/Zurich", "ITU",
        null, "gva", null, null, null, null, "English", false, true, null, null,
        LocalDateTime.of(2033, 10, 30, 2, 30), null, LatePolicy.FLAG, List.of(), List.of());
    assertThat(meetings.schedule("dst", twice).contributionDeadline())
        .as("the second 02:30, in winter time").isEqualTo(java.time.Instant.parse("2033-10-30T01:30:00Z"));
  }

  @Test
  void refusesAnUnknownTimeZoneAndACodeTheGroupAlreadyUses() {
    group("codes");
    meetings.schedule("codes", draft(LocalDate.of(2034, 2, 1), LocalDate.of(2034, 2, 2), "Europe/Zurich"));

    assertThat(violations(() -> meetings.schedule("codes", draft(LocalDate.of(2034, 2, 20), LocalDate.of(2034, 2, 21),
        "Europe/Zurich")))).extracting(Violation::message).anyMatch(message -> message.contains("already has a meeting 3402-tyo"));
    assertThat(violations(() -> meetings.schedule("codes", draft(LocalDate.of(2034, 3, 1), LocalDate.of(2034, 3, 2),
        "Mars/Olympus")))).extracting(Violation::field).containsExactly("timeZone");
  }

  @Test
  void refusesAnAgendaItemWithoutATitle() {
    assertThat(violations(() -> meetings.replaceAgenda("cloud", "1006-gva",
        List.of(new AgendaItem("Opening", null), new AgendaItem(" ", "no title")))))
        .containsExactly(new Violation("items[1].title", "Give agenda item 2 a title."));
    assertThat(meetings.get("cloud", "1006-gva").agenda()).hasSize(8);
  }

  @Test
  void unknownMeetingsAndGroupsAreNotFound() {
    assertThatThrownBy(() -> meetings.get("cloud", "9999-xxx")).isInstanceOf(UnknownMeetingException.class);
    assertThatThrownBy(() -> meetings.get("nope", "1006-gva")).hasMessageContaining("no group \"nope\"");
  }

  private void group(String slug) {
    groups.create(new GroupDraft(slug, "FG " + slug, "Focus Group " + slug, "tsag", null, "English", 12, null, null,
        List.of(), List.of(), List.of()));
  }

  private static MeetingDraft draft(LocalDate start, LocalDate end, String zone) {
    return new MeetingDraft(null, start, end, zone, "Venue", null, "tyo", LocalTime.of(9, 30), null, null, null,
        "English", false, true, null, null, null, null, LatePolicy.FLAG, List.of(), List.of());
  }

  private static List<Violation> violations(Runnable action) {
    try {
      action.run();
    } catch (InvalidInputException e) {
      return e.violations();
    }
    throw new AssertionError("expected the input to be refused");
  }
}
