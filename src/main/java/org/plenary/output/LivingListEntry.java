package org.plenary.output;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;

/**
 * A standards body or forum on the group's living list: organization, its group working on the
 * topic, URL, topics, the group's contact with them, when the entry was last reviewed, and the
 * liaison statements exchanged (document numbers of the group's outputs and inputs).
 */
public record LivingListEntry(long id, String organization, @Schema(nullable = true) String bodyGroup,
    @Schema(nullable = true) String url, @Schema(nullable = true) String topics, @Schema(nullable = true) String contact,
    @Schema(nullable = true) LocalDate lastReviewed, List<String> liaisons,
    @Schema(description = "the entry's version: the list's version that last changed it; sent back on a PUT"
        + " (or as If-Match \"v7\"), the edit is made only if no one changed the entry since (else 412). To a reader"
        + " who may not read a liaison statement it names, a number of at least 2^48 made from what that reader is"
        + " shown, so that an edit of what they may not read moves nothing they get")
    long version) {

  public LivingListEntry {
    liaisons = liaisons == null ? List.of() : List.copyOf(liaisons);
  }

  /** The entry with version 0: what a part's version is made from. */
  LivingListEntry withVersion0() {
    return new LivingListEntry(id, organization, bodyGroup, url, topics, contact, lastReviewed, liaisons, 0);
  }
}
