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
    int version,
    Map<String, Translation> translations) {

  /** The term and its definition in another language. */
  public record Translation(String term, @Schema(nullable = true) String definition) {}

  /** The languages Plenary speaks: the six official languages of the United Nations. */
  public static final List<String> LANGUAGES = List.of("ar", "zh", "en", "fr", "ru", "es");

  public Term {
    related = related == null ? List.of() : List.copyOf(related);
    translations = translations == null ? Map.of() : Map.copyOf(translations);
  }

  Term edited(String newTerm, String newDefinition, String newSource, String newNote, List<String> newRelated) {
    if (status != TermStatus.PROPOSED) {
      throw OutputRefusedException.state("\"" + term + "\" is " + status.label().toLowerCase()
          + (agreedAt == null ? "" : " (at meeting " + agreedAt + ")")
          + "; an agreed term does not change: propose a new term that supersedes it.");
    }
    return new Term(id, newTerm, newDefinition, newSource, newNote, status, null, null, newRelated, version + 1,
        translations);
  }

  Term agreed(Meeting meeting, LocalDate today) {
    if (status == TermStatus.AGREED) {
      throw OutputRefusedException.state("\"" + term + "\" was already agreed at meeting " + agreedAt + ".");
    }
    if (status == TermStatus.SUPERSEDED) {
      throw OutputRefusedException.state("\"" + term + "\" was superseded by \"" + supersededBy
          + "\"; a superseded term is not agreed again.");
    }
    if (meeting.startDate().isAfter(today)) {
      throw OutputRefusedException.state("Meeting " + meeting.code() + " has not started yet; a term is agreed at a"
          + " meeting that is held.");
    }
    return new Term(id, term, definition, source, note, TermStatus.AGREED, meeting.code(), null, related, version + 1,
        translations);
  }

  Term supersededBy(Term other) {
    if (status == TermStatus.PROPOSED) {
      throw OutputRefusedException.state("\"" + term + "\" is only proposed: edit it instead; only an agreed term is"
          + " superseded.");
    }
    if (status == TermStatus.SUPERSEDED) {
      throw OutputRefusedException.state("\"" + term + "\" was already superseded by \"" + supersededBy + "\".");
    }
    if (other.id() == id) {
      throw OutputRefusedException.state("A term cannot supersede itself.");
    }
    if (other.status() == TermStatus.SUPERSEDED) {
      throw OutputRefusedException.state("\"" + other.term() + "\" is itself superseded; name the term in force.");
    }
    return new Term(id, term, definition, source, note, TermStatus.SUPERSEDED, agreedAt, other.term(), related,
        version + 1, translations);
  }
}
