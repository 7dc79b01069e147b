package org.plenary.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plenary.group.GroupId;
import org.plenary.meeting.LatePolicy;
import org.plenary.meeting.Meeting;
import org.plenary.meeting.MeetingId;

/** The deliverable's state machine: every refused step says why. */
class DeliverableTests {

  static final LocalDate TODAY = LocalDate.of(2010, 9, 1);
  static final Meeting HELD = meeting("1006-gva", LocalDate.of(2010, 6, 14));
  static final Meeting COMING = meeting("1011-gva", LocalDate.of(2010, 11, 2));

  final Deliverable draft = new Deliverable(1, "Benefits", DeliverableKind.TECHNICAL_REPORT, null, List.of(),
      DeliverableState.DRAFT, null, null, null, List.of(), null, List.of(), Instant.EPOCH, 1);

  @Test
  void aDraftWithAVersionIsAgreedAtAHeldMeetingByConsensusThenTransferred() {
    Deliverable agreed = draft.withVersion("FG-Cloud-O-0001", Instant.EPOCH)
        .agree(HELD, TODAY, "Agreed as the first draft for TSAG.", true, List.of());
    assertThat(agreed.state()).isEqualTo(DeliverableState.AGREED);
    assertThat(agreed.agreedAt()).isEqualTo("1006-gva");
    assertThat(agreed.consensus()).isTrue();
    Deliverable moved = agreed.transfer(LocalDate.of(2011, 2, 8), HELD.startDate());
    assertThat(moved.state()).isEqualTo(DeliverableState.TRANSFERRED);
    assertThat(moved.transferredOn()).isEqualTo(LocalDate.of(2011, 2, 8));
  }

  @Test
  void withoutConsensusTheObjectionsAreRecordedByName() {
    Deliverable agreed = draft.withVersion("FG-Cloud-O-0001", Instant.EPOCH)
        .agree(HELD, TODAY, "Agreed.", false, List.of(" Orange ", "", "KDDI"));
    assertThat(agreed.objections()).containsExactly("Orange", "KDDI");
    assertThat(agreed.consensus()).isFalse();
  }

  @Test
  void refusesEveryIllegalStepWithASentence() {
    assertThatThrownBy(() -> draft.agree(HELD, TODAY, "Agreed.", true, List.of()))
        .isInstanceOf(OutputRefusedException.class).hasMessageContaining("has no version yet");
    Deliverable versioned = draft.withVersion("FG-Cloud-O-0001", Instant.EPOCH);
    assertThatThrownBy(() -> versioned.withVersion("FG-Cloud-O-0001", Instant.EPOCH))
        .hasMessage("FG-Cloud-O-0001 is already a version of \"Benefits\".");
    assertThatThrownBy(() -> versioned.agree(COMING, TODAY, "Agreed.", true, List.of()))
        .hasMessageContaining("Meeting 1011-gva has not started yet");
    assertThatThrownBy(() -> versioned.agree(HELD, TODAY, " ", true, List.of()))
        .hasMessageContaining("Record the meeting’s decision");
    assertThatThrownBy(() -> versioned.agree(HELD, TODAY, "Agreed.", false, List.of()))
        .hasMessage("Without consensus, record the objections by name.");
    assertThatThrownBy(() -> versioned.agree(HELD, TODAY, "Agreed.", true, List.of("KDDI")))
        .hasMessageContaining("by consensus has no objections");
    assertThatThrownBy(() -> versioned.transfer(TODAY, null))
        .hasMessageContaining("is a draft: it must be agreed at a meeting before it is transferred");
    Deliverable agreed = versioned.agree(HELD, TODAY, "Agreed.", true, List.of());
    assertThatThrownBy(() -> agreed.agree(HELD, TODAY, "Again.", true, List.of()))
        .hasMessageContaining("was already agreed at meeting 1006-gva");
    assertThatThrownBy(() -> agreed.withVersion("FG-Cloud-O-0002", Instant.EPOCH))
        .hasMessageContaining("an agreed deliverable does not change");
    assertThatThrownBy(() -> agreed.transfer(LocalDate.of(2010, 6, 1), HELD.startDate()))
        .hasMessageContaining("before meeting 1006-gva agreed the deliverable");
    Deliverable moved = agreed.transfer(TODAY, HELD.startDate());
    assertThatThrownBy(() -> moved.transfer(TODAY, HELD.startDate()))
        .hasMessageContaining("was already transferred to the parent group on 2010-09-01");
    assertThatThrownBy(() -> moved.agree(HELD, TODAY, "Agreed.", true, List.of())).hasMessageContaining("already agreed");
  }

  static Meeting meeting(String code, LocalDate start) {
    return new Meeting(new MeetingId(1), new GroupId(1), code, start, start.plusDays(2), ZoneId.of("Europe/Zurich"),
        "Geneva", null, "gva", null, null, null, null, "English", false, true, null, null, null, null, LatePolicy.FLAG,
        List.of(), List.of(), List.of(), java.util.Map.of());
  }
}
