package org.plenary.meeting;

import org.plenary.pdf.PdfComposer;
import org.plenary.pdf.PdfRenderer;
import org.plenary.pdf.PdfWords;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** A circular's blocks on A4 pages: the same text as its page, annexes each on a new page. */
@Component
class CircularPdf {

  private final PdfRenderer pdf;
  private final MessageSource messages;

  CircularPdf(PdfRenderer pdf, MessageSource messages) {
    this.pdf = pdf;
    this.messages = messages;
  }

  byte[] render(CircularDocument document) {
    PdfComposer out = pdf.compose(document.title(), new PdfWords(messages, java.util.Locale.forLanguageTag(document.lang())));
    for (CircularDocument.Block b : document.blocks()) {
      switch (b.type()) {
        case LINE, SIGNATURE -> out.paragraph(b.text());
        case FIELD -> {
          if (b.label() == null) {
            out.bullet(b.text());
          } else {
            out.field(b.label(), b.text());
          }
        }
        case HEADING -> out.heading(b.text());
        case PARAGRAPH -> {
          if (b.label() == null) {
            out.paragraph(b.text());
          } else {
            out.numbered(b.label(), b.text());
          }
        }
        case BULLET -> out.bullet(b.text());
        case NEW_PAGE -> out.newPage();
      }
    }
    return out.toBytes();
  }
}
