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

  /**
   * The report's version: a digest of {@link #stated()}, everything it states but the moment it was generated, so that
   * two reads of one unchanged report share it and any change of what it states (a meeting, a document, a deliverable,
   * a term, the chair's paragraphs…) moves it. Compare versions of reports written in one language (the group's
   * working language).
   */
  public long version() {
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
          .digest(stated().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.nio.ByteBuffer.wrap(digest).getLong() >>> 1;
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * What the report states, rendered one way only: the report as the API gives it (JSON), without
   * {@code generatedAt}, each object's properties and each map's keys in alphabetical order, lists in the report's
   * order. Not {@code toString}, whose form no one promises (a map's entries in whatever order it was filled, a
   * nested type's own choice of what to show).
   */
  String stated() {
    tools.jackson.databind.node.ObjectNode tree = STATED.valueToTree(this);
    tree.remove("generatedAt");
    return STATED.writeValueAsString(tree);
  }

  private static final tools.jackson.databind.json.JsonMapper STATED = tools.jackson.databind.json.JsonMapper.builder()
      .enable(tools.jackson.databind.MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .enable(tools.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .build();

  /** A meeting held in the period, who took part (approved registrations) and its documents. */
  public record MeetingHeld(String code, String dates, String venue, String chair, int participants,
      Map<String, Long> byCategory, Map<String, Long> byCountry, Map<String, Long> organizations, int inputs,
      List<ItemDocuments> inputsByAgendaItem, List<String> outputs) {}

  /** An output document of the period: number, type and title. */
  public record OutputSummary(String number, OutputType type, String title) {}

  /** The input documents filed under one agenda item. */
  public record ItemDocuments(int number, String title, List<String> documents) {}
}
