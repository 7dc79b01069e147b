package org.plenary.output;

import java.util.List;
import org.plenary.pdf.PdfComposer;
import org.plenary.pdf.PdfRenderer;
import org.springframework.stereotype.Component;

/** The terminology register as a formatted document, which the group can number as an output document. */
@Component
class TermsPdf {

  private final PdfRenderer renderer;

  TermsPdf(PdfRenderer renderer) {
    this.renderer = renderer;
  }

  byte[] render(String acronym, List<Term> terms) {
    PdfComposer pdf = renderer.compose("Terminology of " + acronym);
    for (Term t : terms) {
      pdf.heading(t.term());
      pdf.paragraph(t.definition());
      if (t.source() != null) {
        pdf.field("Source", t.source());
      }
      if (t.note() != null) {
        pdf.field("Note", t.note());
      }
      pdf.field("Status", t.status().label() + (t.agreedAt() == null ? "" : " at meeting " + t.agreedAt())
          + (t.supersededBy() == null ? "" : ", superseded by " + t.supersededBy()));
      if (!t.related().isEmpty()) {
        pdf.field("Related terms", String.join(", ", t.related()));
      }
      t.translations().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
          .forEach(e -> pdf.field(e.getKey(), e.getValue().term()
              + (e.getValue().definition() == null ? "" : ": " + e.getValue().definition())));
    }
    return pdf.toBytes();
  }
}
