package org.plenary.output;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.plenary.meeting.Meeting;

/**
 * A deliverable of a group and its state machine: a draft gets versions (each an output document);
 * it is agreed at a meeting of the group once held, with the meeting's decision and either consensus
 * or the objections by name; once agreed it is transferred to the parent group on a date. Every
 * other step is refused with a sentence that says why.
 */
public record Deliverable(
    long id,
    String title,
    DeliverableKind kind,
    @Schema(nullable = true) String milestone,
    List<String> editors,
    DeliverableState state,
    @Schema(nullable = true, description = "The code of the meeting that agreed it.") String agreedAt,
    @Schema(nullable = true) String decision,
    @Schema(nullable = true) Boolean consensus,
    List<String> objections,
    @Schema(nullable = true) LocalDate transferredOn,
    List<Version> versions,
    Instant createdAt,
    @Schema(description = "The deliverable's version: moves at every change of it and of the meeting that agreed it (whose code it shows); its GET's `ETag` names it"
        + " (\"v3\"), for `If-Match` on a change. To a reader who may not read every version's output document, a"
        + " number of at least 2^48 made from what that reader is shown (\"v…-partial\"): a version they may not"
        + " read moves nothing they get.") long version) {

  /** One version: an output document of the group (numbered among the versions the reader is shown). */
  public record Version(int version, String outputNumber, Instant addedAt) {}

  public Deliverable {
    editors = editors == null ? List.of() : List.copyOf(editors);
    objections = objections == null ? List.of() : List.copyOf(objections);
    versions = versions == null ? List.of() : List.copyOf(versions);
  }

  /** The newest version's output number, if any. */
  @Schema(hidden = true)
  public String currentVersion() {
    return versions.isEmpty() ? null : versions.get(versions.size() - 1).outputNumber();
  }

  /** A new version: only while a draft, and never an output number it already has. */
  Deliverable withVersion(String outputNumber, Instant at) {
    if (state != DeliverableState.DRAFT) {
      throw OutputRefusedException.state("output.refused.deliverable.notDraft." + state.name(), title);
    }
    if (versions.stream().anyMatch(v -> v.outputNumber().equals(outputNumber))) {
      throw OutputRefusedException.state("output.refused.deliverable.sameVersion", outputNumber, title);
    }
    var more = new ArrayList<>(versions);
    more.add(new Version(versions.size() + 1, outputNumber, at));
    return new Deliverable(id, title, kind, milestone, editors, state, agreedAt, decision, consensus, objections,
        transferredOn, more, createdAt, version);
  }

  /** Agreed at the meeting, which must have started by {@code today}. */
  Deliverable agree(Meeting meeting, LocalDate today, String decisionText, boolean byConsensus, List<String> objectors) {
    if (state != DeliverableState.DRAFT) {
      throw OutputRefusedException.state("output.refused.deliverable.agreedAlready", title, agreedAt);
    }
    if (versions.isEmpty()) {
      throw OutputRefusedException.state("output.refused.deliverable.noVersion", title);
    }
    if (meeting.startDate().isAfter(today)) {
      throw OutputRefusedException.state("output.refused.deliverable.notStarted", meeting.code());
    }
    if (decisionText == null || decisionText.isBlank()) {
      throw OutputRefusedException.state("output.refused.deliverable.decision", title);
    }
    List<String> names = objectors == null ? List.of()
        : objectors.stream().filter(n -> n != null && !n.isBlank()).map(String::strip).toList();
    if (byConsensus && !names.isEmpty()) {
      throw OutputRefusedException.state("output.refused.deliverable.consensusObjected");
    }
    if (!byConsensus && names.isEmpty()) {
      throw OutputRefusedException.state("output.refused.deliverable.objectionsUnnamed");
    }
    return new Deliverable(id, title, kind, milestone, editors, DeliverableState.AGREED, meeting.code(),
        decisionText.strip(), byConsensus, names, null, versions, createdAt, version);
  }

  /** Transferred to the parent group on a date, not before the meeting that agreed it. */
  Deliverable transfer(LocalDate on, LocalDate agreedOn) {
    if (state == DeliverableState.DRAFT) {
      throw OutputRefusedException.state("output.refused.deliverable.transferDraft", title);
    }
    if (state == DeliverableState.TRANSFERRED) {
      throw OutputRefusedException.state("output.refused.deliverable.transferredAlready", title, transferredOn);
    }
    if (on == null) {
      throw OutputRefusedException.state("output.refused.deliverable.transferDate");
    }
    if (agreedOn != null && on.isBefore(agreedOn)) {
      throw OutputRefusedException.state("output.refused.deliverable.transferEarly", on, agreedAt, agreedOn);
    }
    return new Deliverable(id, title, kind, milestone, editors, DeliverableState.TRANSFERRED, agreedAt, decision,
        consensus, objections, on, versions, createdAt, version);
  }
}
