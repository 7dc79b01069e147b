package org.plenary.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.plenary.DemoTest;
import org.plenary.contribution.OutputDesk;
import org.plenary.contribution.OutputType;
import org.plenary.contribution.Reader;
import org.plenary.output.DeliverableDesk;
import org.plenary.output.DeliverableState;
import org.plenary.output.LivingListDesk;
import org.plenary.output.TermDesk;
import org.plenary.output.TermStatus;
import org.springframework.beans.factory.annotation.Autowired;

/** The demo shows what FG Cloud produces, from its terms of reference, so that a newcomer sees it. */
@DemoTest
class DemoOutputsTests {

  @Autowired DeliverableDesk deliverables;
  @Autowired OutputDesk outputs;
  @Autowired LivingListDesk livingList;
  @Autowired TermDesk terms;

  private static final java.util.Set<String> CLAUSE_FIVE = java.util.Set.of(
      "Benefits of cloud computing from telecommunication/ICT perspectives",
      "Gap analysis of ITU-T standards for telecommunication/ICT to support cloud computing",
      "Cloud computing terminology and taxonomy",
      "Use cases of services and reference models for telecommunication/ICT to support cloud computing",
      "Roadmap to guide further developments of relevant ITU-T Recommendations");

  @Test
  void loadsTheDeliverablesOfClauseFiveTheLivingListAndTheFirstTerms() {
    assertThat(deliverables.list("cloud", Reader.ANONYMOUS))
        .extracting(d -> d.title()).contains("Benefits of cloud computing from telecommunication/ICT perspectives",
            "Roadmap to guide further developments of relevant ITU-T Recommendations");
    // The five of the circular's clause 5 (other tests of this shared context add deliverables of their own).
    assertThat(deliverables.list("cloud", Reader.ANONYMOUS)).filteredOn(d -> CLAUSE_FIVE.contains(d.title()))
        .hasSize(5).allSatisfy(d -> assertThat(d.milestone()).startsWith("Presentation of the first draft of the deliverables"));
    assertThat(deliverables.list("cloud", Reader.ANONYMOUS).get(0).versions()).extracting(v -> v.outputNumber())
        .containsExactly("FG-Cloud-O-0001");
    assertThat(deliverables.list("cloud", Reader.ANONYMOUS).get(0).state()).isEqualTo(DeliverableState.DRAFT);
    assertThat(outputs.ofGroup("cloud", Reader.ANONYMOUS)).first()
        .satisfies(o -> assertThat(o.type()).isEqualTo(OutputType.DELIVERABLE_DRAFT));
    assertThat(livingList.agreedAt("cloud", "1006-gva", Reader.ANONYMOUS).entries()).extracting(e -> e.organization())
        .contains("ISO/IEC JTC 1", "DMTF", "Open Grid Forum", "SNIA", "Cloud Security Alliance");
    assertThat(terms.search("cloud", "network access")).singleElement().satisfies(t -> {
      assertThat(t.term()).isEqualTo("cloud computing");
      assertThat(t.status()).isEqualTo(TermStatus.AGREED);
      assertThat(t.agreedAt()).isEqualTo("1006-gva");
      assertThat(t.translations().get("fr").term()).isEqualTo("informatique en nuage");
    });
  }
}
