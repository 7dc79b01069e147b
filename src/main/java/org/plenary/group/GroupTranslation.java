package org.plenary.group;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * A group's name and terms of reference in one more language. The clauses follow those of the
 * working language one for one, in the same order; a clause left out (or without heading) is shown
 * in the working language.
 */
public record GroupTranslation(
    @Schema(nullable = true, description = "The group's name in this language") String name,
    @Schema(description = "The clauses in this language, in the order of the working language's clauses")
    List<Section> termsOfReference) {

  public GroupTranslation {
    termsOfReference = termsOfReference == null ? List.of() : List.copyOf(termsOfReference);
  }

  /** The translation of clause {@code index} (from 0), when it has one. */
  Section clause(int index) {
    if (index >= termsOfReference.size()) {
      return null;
    }
    Section s = termsOfReference.get(index);
    return s == null || s.heading() == null || s.heading().isBlank() ? null : s;
  }
}
