package org.plenary.output;

import jakarta.validation.constraints.Size;
import org.plenary.shared.MultiLine;
import org.plenary.shared.PastedLine;

/**
 * The texts of the outputs' page forms, bound and checked as every form is (one line unless they say otherwise, a
 * control character or a direction override refused, each as long as its column): a refused one comes back beside
 * its field on the page with what was typed ({@link DeliverableController#act}). The ids, codes, dates and versions
 * sent with them stay parameters of their handler, which parses them.
 */
final class OutputForms {

  private OutputForms() {}

  record TermForm(@Size(max = 200) String term, @Size(max = 4000) @MultiLine String definition,
      @Size(max = 500) String source, @Size(max = 2000) @MultiLine String note, @Size(max = 1000) String related) {}

  record SupersessionForm(@Size(max = 200) String by) {}

  record EntryForm(@Size(max = 200) String organization, @Size(max = 200) String bodyGroup,
      @Size(max = 500) String url, @Size(max = 1000) String topics, @Size(max = 1000) String contact,
      @Size(max = 1000) String liaisons) {}

  record DeliverableForm(@Size(max = 500) @PastedLine String title, @Size(max = 500) String milestone,
      @Size(max = 1000) String editors) {}

  record ExtensionForm(@Size(max = 500) String decidedBy) {}

  record VersionForm(@Size(max = 80) String outputNumber) {}

  record AgreementForm(@Size(max = 4000) @MultiLine String decision, @Size(max = 2000) @MultiLine String objections) {}

  record NotesForm(@Size(max = 20000) @MultiLine String body) {}
}
