package org.plenary.output;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.plenary.contribution.OutputType;

/**
 * The progress report of a group to its parent group for a period: the meetings held with their
 * participation and documents, output documents, deliverables, the living list and terminology as
 * they stand, milestones against plan, the lifetime and the chair's paragraphs.
 */
public record ProgressReport(
    String groupSlug,
    String groupAcronym,
    String groupName,
    @io.swagger.v3.oas.annotations.media.Schema(nullable = true) String parent,
    LocalDate from,
    LocalDate to,
    Instant generatedAt,
    List<MeetingHeld> meetings,
    List<OutputSummary> outputs,
    List<Deliverable> deliverables,
    LivingList livingList,
    List<Term> terms,
    List<TrackedMilestone> milestones,
    GroupLifetime lifetime,
    @io.swagger.v3.oas.annotations.media.Schema(nullable = true) String chairParagraphs) {

  /** A meeting held in the period, who took part (approved registrations) and its documents. */
  public record MeetingHeld(String code, String dates, String venue, String chair, int participants,
      Map<String, Long> byCategory, Map<String, Long> byCountry, Map<String, Long> organizations, int inputs,
      List<ItemDocuments> inputsByAgendaItem, List<String> outputs) {}

  /** An output document of the period: number, type and title. */
  public record OutputSummary(String number, OutputType type, String title) {}

  /** The input documents filed under one agenda item. */
  public record ItemDocuments(int number, String title, List<String> documents) {}
}
