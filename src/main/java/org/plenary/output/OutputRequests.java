package org.plenary.output;

import com.fasterxml.jackson.annotation.JsonAlias;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/** The JSON bodies of the outputs API. */
final class OutputRequests {

  private OutputRequests() {}

  record DeliverableRequest(
      @NotBlank(message = "{output.error.deliverableTitle}") @Size(max = 500) @org.plenary.shared.PastedLine String title,
      @NotNull(message = "{output.error.kind}") DeliverableKind kind,
      @Schema(nullable = true, description = "The title of the group's milestone it serves.") @Size(max = 500) String milestone,
      @Schema(nullable = true) @Size(max = 100) @org.plenary.shared.Joined(max = 1000, separator = ", ")
      List<@Size(max = 1000) String> editors) {}

  record VersionRequest(@NotBlank(message = "{output.error.outputNumber}") @Size(max = 80) String outputNumber) {}

  record AgreementRequest(
      @NotBlank(message = "{output.error.meetingCode}") @Size(max = 40) String meeting,
      @NotBlank(message = "{output.error.decision}") @Size(max = 4000) @org.plenary.shared.MultiLine String decision,
      // A Boolean read as such and required by validation, not a boolean the JSON reader requires: a body without it
      // stopped at the reader, and the too-long decision beside it went unnamed.
      @NotNull(message = "{output.error.consensus}") Boolean consensus,
      @Schema(nullable = true, description = "Without consensus, who objected, by name: 2,000 characters together at most.")
      @Size(max = 200) @org.plenary.shared.Joined(max = 2000, separator = "\n") List<@Size(max = 2000) String> objections) {}

  record TransferRequest(@NotNull(message = "{output.error.transferDate}") LocalDate on) {}

  /** A term as written; what its GET answers beside (id, status, agreement, translations) is taken back and ignored. */
  @com.fasterxml.jackson.annotation.JsonIgnoreProperties({"id", "status", "agreedAt", "supersededBy", "translations"})
  record TermRequest(
      @NotBlank(message = "{output.error.term}") @Size(max = 200) String term,
      @NotBlank(message = "{output.error.definition}") @Size(max = 4000) @org.plenary.shared.MultiLine String definition,
      @Schema(nullable = true, description = "Another body's document, or this group's.") @Size(max = 500) String source,
      @Schema(nullable = true) @Size(max = 2000) @org.plenary.shared.MultiLine String note,
      @Schema(nullable = true, description = "1,000 characters together at most.") @Size(max = 100)
      @org.plenary.shared.Joined(max = 1000, separator = ";") List<@Size(max = 1000) String> related,
      @Schema(nullable = true, description = "the term's version as read (its GET's `version`, or its ETag \"v3\" as"
          + " If-Match); the edit is made only if it is still current (else 412). If-Match, when sent, is used instead.")
      Long version) {

    TermDesk.TermDraft draft() {
      return new TermDesk.TermDraft(term, definition, source, note, related == null ? null : String.join(";", related));
    }
  }

  record MeetingRequest(@NotBlank(message = "{output.error.meetingCode}") @Size(max = 40) String meeting) {}

  record SupersessionRequest(@NotBlank(message = "{output.error.supersededBy}") @Size(max = 200) String by) {}

  record TranslationRequest(@NotBlank(message = "{output.error.translatedTerm}") @Size(max = 200) String term,
      @Schema(nullable = true) @Size(max = 4000) @org.plenary.shared.MultiLine String definition) {}

  /** An entry as written; its {@code id}, which the list's GET answers beside, is taken back and ignored. */
  @com.fasterxml.jackson.annotation.JsonIgnoreProperties({"id"})
  record EntryRequest(
      @NotBlank(message = "{output.error.organization}") @Size(max = 200) String organization,
      // "bodyGroup" is the name an entry's GET gives it: a PUT of what was read kept no group before.
      @Schema(nullable = true) @Size(max = 200) @JsonAlias("bodyGroup") String group,
      @Schema(nullable = true) @Size(max = 500) String url,
      @Schema(nullable = true) @Size(max = 1000) String topics,
      @Schema(nullable = true) @Size(max = 1000) String contact,
      @Schema(nullable = true) LocalDate lastReviewed,
      @Schema(nullable = true, description = "Document numbers of the liaison statements exchanged: 1,000 characters together at most.")
      @Size(max = 100) @org.plenary.shared.Joined(max = 1000, separator = " ") List<@Size(max = 1000) String> liaisons,
      @Schema(nullable = true, description = "the entry's version as read (its GET's `version`); the edit is made only"
          + " if it is still current (else 412). If-Match (\"v7\"), when sent, is used instead.") Long version) {

    LivingListDesk.EntryDraft draft() {
      return new LivingListDesk.EntryDraft(organization, group, url, topics, contact, lastReviewed,
          liaisons == null ? null : String.join(" ", liaisons));
    }
  }

  record IssuedReport(String number, String fileName) {}
}
