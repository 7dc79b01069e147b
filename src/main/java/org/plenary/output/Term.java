package org.plenary.output;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.plenary.meeting.Meeting;

/**
 * A term of the group's terminology and its state machine: a proposed term may be edited; it is
 * agreed at a meeting of the group once held, after which it never changes; an agreed term is
 * superseded by another term of the register. Every other step is refused with a sentence saying why.
 */
public record Term(
    long id,
    String term,
    String definition,
    @Schema(nullable = true) String source,
    @Schema(nullable = true) String note,
    TermStatus status,
    @Schema(nullable = true, description = "The code of the meeting that agreed it.") String agreedAt,
    @Schema(nullable = true) String supersededBy,
    List<String> related,
    @Schema(description = "Moves at every change of the term and of the meeting that agreed it (whose code it shows); "
        + "its ETag names it") int version,
    Map<String, Translation> translations) {

  /** The term and its definition in another language. */
  public record Translation(String term, @Schema(nullable = true) String definition) {}

  /** The languages Plenary speaks ({@link org.plenary.shared.Languages#SUPPORTED}), by their tags. */
  public static final List<String> LANGUAGES = org.plenary.shared.Languages.SUPPORTED.stream()
      .map(java.util.Locale::getLanguage).toList();

  public Term {
    related = related == null ? List.of() : List.copyOf(related);
    translations = translations == null ? Map.of() : Map.copyOf(translations);
  }

  Term edited(String newTerm, String newDefinition, String newSource, String newNote, List<String> newRelated) {
    if (status != TermStatus.PROPOSED) {
      throw OutputRefusedException.state("output.refused.term.notProposed." + status.name(), term,
          agreedAt == null ? "—" : agreedAt);
    }
    return new Term(id, newTerm, newDefinition, newSource, newNote, status, null, null, newRelated, version + 1,
        translations);
  }

  Term agreed(Meeting meeting, LocalDate today) {
    if (status == TermStatus.AGREED) {
      throw OutputRefusedException.state("output.refused.term.agreedAlready", term, agreedAt);
    }
    if (status == TermStatus.SUPERSEDED) {
      throw OutputRefusedException.state("output.refused.term.supersededNotAgreed", term, supersededBy);
    }
    if (meeting.startDate().isAfter(today)) {
      throw OutputRefusedException.state("output.refused.term.notStarted", meeting.code());
    }
    return new Term(id, term, definition, source, note, TermStatus.AGREED, meeting.code(), null, related, version + 1,
        translations);
  }

  Term supersededBy(Term other) {
    if (status == TermStatus.PROPOSED) {
      throw OutputRefusedException.state("output.refused.term.onlyProposed", term);
    }
    if (status == TermStatus.SUPERSEDED) {
      throw OutputRefusedException.state("output.refused.term.supersededAlready", term, supersededBy);
    }
    if (other.id() == id) {
      throw OutputRefusedException.state("output.refused.term.supersedesItself");
    }
    if (other.status() == TermStatus.SUPERSEDED) {
      throw OutputRefusedException.state("output.refused.term.byASuperseded", other.term());
    }
    return new Term(id, term, definition, source, note, TermStatus.SUPERSEDED, agreedAt, other.term(), related,
        version + 1, translations);
  }
}
