package org.plenary.output;

import java.util.List;
import java.util.Locale;
import org.plenary.pdf.PdfComposer;
import org.plenary.pdf.PdfRenderer;
import org.plenary.pdf.PdfWords;
import org.plenary.shared.Download;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/** The terminology register as a formatted document, which the group can number as an output document. */
@Component
class TermsPdf {

  private final PdfRenderer renderer;
  private final MessageSource messages;

  TermsPdf(PdfRenderer renderer, MessageSource messages) {
    this.renderer = renderer;
    this.messages = messages;
  }

  /** {@link #render} named in its language: {@code <slug>-terms.pdf} in ASCII. */
  Download download(String slug, String acronym, List<Term> terms, Locale language) {
    return new Download(render(acronym, terms, language), MediaType.APPLICATION_PDF, slug + "-terms.pdf",
        messages.getMessage("output.file.terms", new Object[] {slug}, language) + ".pdf");
  }

  byte[] render(String acronym, List<Term> terms, Locale language) {
    var w = new PdfWords(messages, language);
    PdfComposer pdf = renderer.compose(w.say("output.pdf.terms.title", acronym), w);
    for (Term t : terms) {
      pdf.heading(t.term());
      pdf.paragraph(t.definition());
      if (t.source() != null) {
        pdf.field(w.say("output.pdf.terms.source"), t.source());
      }
      if (t.note() != null) {
        pdf.field(w.say("output.pdf.terms.note"), t.note());
      }
      String status = w.say("output.term." + t.status().name());
      String at = t.agreedAt() == null ? status : w.say("output.pdf.term.statusAt", status, t.agreedAt());
      pdf.field(w.say("output.pdf.terms.status"), t.supersededBy() == null ? at
          : w.say("output.pdf.terms.supersededBy", at, t.supersededBy()));
      if (!t.related().isEmpty()) {
        pdf.field(w.say("output.pdf.terms.related"), w.items(t.related()));
      }
      t.translations().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
          .forEach(e -> pdf.field(Locale.forLanguageTag(e.getKey()).getDisplayLanguage(language), e.getValue().definition() == null
              ? e.getValue().term() : w.labelled(e.getValue().term(), e.getValue().definition())));
    }
    return pdf.toBytes();
  }
}
