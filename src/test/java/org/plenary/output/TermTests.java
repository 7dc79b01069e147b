package org.plenary.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The term's state machine: proposed → agreed at a held meeting → superseded; every refusal says why. */
class TermTests {

  final Term proposed = new Term(1, "cloud", "A model.", null, null, TermStatus.PROPOSED, null, null, List.of(), 1, null);
  final Term other = new Term(2, "cloud computing", "A better model.", null, null, TermStatus.PROPOSED, null, null,
      List.of(), 1, null);

  @Test
  void aProposedTermIsEditedAgreedThenSuperseded() {
    Term edited = proposed.edited("cloud", "A model for access.", "NIST", null, List.of("IaaS"));
    assertThat(edited.version()).isEqualTo(2);
    Term agreed = edited.agreed(DeliverableTests.HELD, DeliverableTests.TODAY);
    assertThat(agreed.status()).isEqualTo(TermStatus.AGREED);
    assertThat(agreed.agreedAt()).isEqualTo("1006-gva");
    Term superseded = agreed.supersededBy(other);
    assertThat(superseded.status()).isEqualTo(TermStatus.SUPERSEDED);
    assertThat(superseded.supersededBy()).isEqualTo("cloud computing");
    assertThat(superseded.version()).isEqualTo(4);
  }

  @Test
  void refusesEveryIllegalStepWithASentence() {
    assertThatThrownBy(() -> proposed.supersededBy(other)).isInstanceOf(OutputRefusedException.class)
        .hasMessage("\"cloud\" is only proposed: edit it instead; only an agreed term is superseded.");
    assertThatThrownBy(() -> proposed.agreed(DeliverableTests.COMING, DeliverableTests.TODAY))
        .hasMessageContaining("Meeting 1011-gva has not started yet");
    Term agreed = proposed.agreed(DeliverableTests.HELD, DeliverableTests.TODAY);
    assertThatThrownBy(() -> agreed.edited("cloud", "Changed.", null, null, List.of()))
        .hasMessageContaining("an agreed term does not change: propose a new term that supersedes it");
    assertThatThrownBy(() -> agreed.agreed(DeliverableTests.HELD, DeliverableTests.TODAY))
        .hasMessage("\"cloud\" was already agreed at meeting 1006-gva.");
    assertThatThrownBy(() -> agreed.supersededBy(agreed)).hasMessage("A term cannot supersede itself.");
    Term superseded = agreed.supersededBy(other);
    assertThatThrownBy(() -> superseded.supersededBy(other)).hasMessageContaining("was already superseded");
    assertThatThrownBy(() -> superseded.agreed(DeliverableTests.HELD, DeliverableTests.TODAY))
        .hasMessageContaining("a superseded term is not agreed again");
    assertThatThrownBy(() -> other.supersededBy(superseded)).hasMessageContaining("only proposed");
  }
}
