package org.plenary.output;

import java.util.Locale;
import java.util.Map;
import org.plenary.pdf.PdfComposer;
import org.plenary.pdf.PdfRenderer;
import org.plenary.pdf.PdfWords;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** The progress report as a PDF, section by section as on its page, in one of the six languages. */
@Component
class ProgressReportPdf {

  private final PdfRenderer renderer;
  private final MessageSource messages;

  ProgressReportPdf(PdfRenderer renderer, MessageSource messages) {
    this.renderer = renderer;
    this.messages = messages;
  }

  byte[] render(ProgressReport r, Locale language) {
    var w = new PdfWords(messages, language);
    PdfComposer pdf = renderer.compose(r.parent() == null
        ? w.say("output.pdf.report.title", r.groupAcronym(), w.date(r.from()), w.date(r.to()))
        : w.say("output.pdf.report.titleTo", r.groupAcronym(), r.parent(), w.date(r.from()), w.date(r.to())), w);
    pdf.field(w.say("output.pdf.report.group"), w.aside(r.groupName(), r.groupAcronym()));
    pdf.field(w.say("output.lifetime"), r.lifetime().endsOn() == null ? w.say("output.pdf.report.lifetimeUnscheduled")
        : w.say("output.pdf.report.period", w.date(r.lifetime().startsOn()), w.date(r.lifetime().endsOn())));
    r.lifetime().extensions().forEach(e -> pdf.field(w.say("output.pdf.report.extension"),
        w.say("output.pdf.report.extensionValue", e.months(), e.decidedBy(), w.date(e.decidedOn()))));
    if (r.chairParagraphs() != null) {
      pdf.heading(w.say("output.pdf.report.chair"));
      for (String paragraph : r.chairParagraphs().split("\\R\\s*\\R")) {
        pdf.paragraph(paragraph.strip());
      }
    }
    pdf.heading(w.say("output.pdf.report.meetings", r.meetings().size()));
    for (ProgressReport.MeetingHeld m : r.meetings()) {
      pdf.field(w.say("output.pdf.report.meeting", m.code()), m.chair().isEmpty()
          ? w.say("output.pdf.report.held", m.dates(), m.venue()) : w.say("output.pdf.report.heldChair", m.dates(), m.venue(), m.chair()));
      pdf.field(w.say("output.pdf.report.participants"), String.valueOf(m.participants()));
      pdf.field(w.say("output.pdf.report.byCategory"), counts(w, m.byCategory()));
      pdf.field(w.say("output.pdf.report.byCountry"), counts(w, m.byCountry()));
      pdf.field(w.say("output.pdf.report.organizations"), counts(w, m.organizations()));
      pdf.field(w.say("output.pdf.report.inputs"), String.valueOf(m.inputs()));
      m.inputsByAgendaItem().stream().filter(i -> !i.documents().isEmpty()).forEach(i -> pdf.field(
          "  " + w.say("output.pdf.report.item", i.number(), i.title()),
          w.labelled(String.valueOf(i.documents().size()), w.items(i.documents()))));
      pdf.field(w.say("output.pdf.report.outputs"),
          m.outputs().isEmpty() ? w.say("output.pdf.none") : w.items(m.outputs()));
    }
    pdf.heading(w.say("output.pdf.report.outputDocuments", r.outputs().size()));
    for (ProgressReport.OutputSummary o : r.outputs()) {
      pdf.field(o.number(), w.labelled(w.say("output.outputType." + o.type().name()), o.title()));
    }
    pdf.heading(w.say("output.pdf.report.deliverables", r.deliverables().size()));
    for (Deliverable d : r.deliverables()) {
      String kind = w.say("output.kind." + d.kind().name());
      pdf.field(d.title(), d.currentVersion() == null ? w.say("output.pdf.report.deliverable", kind, state(w, d))
          : w.say("output.pdf.report.deliverableVersion", kind, state(w, d), d.currentVersion()));
    }
    pdf.heading(w.say("output.pdf.report.milestones"));
    r.milestones().forEach(m -> pdf.field(w.date(m.dueOn()) + " " + m.title(), w.aside(w.say("output.standing." + m.standing().name()),
        w.clauses(m.deliverables().stream().map(d -> w.labelled(d.title(), w.say("output.state." + d.state().name()))).toList()))));
    pdf.heading(w.say("output.pdf.report.livingList", r.livingList().entries().size()));
    r.livingList().entries().forEach(e -> pdf.field(e.organization() + (e.bodyGroup() == null ? "" : " " + e.bodyGroup()),
        (e.topics() == null ? "" : e.topics()) + (e.url() == null ? "" : " " + e.url())));
    pdf.heading(w.say("output.pdf.report.terms", r.terms().size()));
    r.terms().forEach(t -> pdf.field(t.term() + " [" + (t.agreedAt() == null ? w.say("output.term." + t.status().name())
        : w.say("output.pdf.term.statusAt", w.say("output.term." + t.status().name()), t.agreedAt())) + "]", t.definition()));
    pdf.paragraph(w.say("output.pdf.report.generated", r.generatedAt().toString()));
    return pdf.toBytes();
  }

  static String state(PdfWords w, Deliverable d) {
    return switch (d.state()) {
      case DRAFT -> w.say("output.pdf.deliverable.draft");
      case AGREED -> Boolean.TRUE.equals(d.consensus()) ? w.say("output.pdf.deliverable.consensus", d.agreedAt())
          : w.say("output.pdf.deliverable.objections", d.agreedAt(), w.items(d.objections()));
      case TRANSFERRED -> w.say("output.pdf.deliverable.transferred", d.agreedAt(), w.date(d.transferredOn()));
    };
  }

  private static String counts(PdfWords w, Map<String, Long> counts) {
    return counts.isEmpty() ? w.say("output.pdf.none") : w.items(counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList());
  }
}
