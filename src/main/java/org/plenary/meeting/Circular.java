package org.plenary.meeting;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * An invitation circular of a meeting ({@code TSB Circular 114}), or an addendum or corrigendum to
 * one. A draft is generated from the meeting each time it is read; an issued one is frozen: its
 * PDFs, the facts it was generated from and the warnings confirmed at issue never change.
 */
public record Circular(
    CircularId id,
    MeetingId meetingId,
    Kind kind,
    @Schema(nullable = true) CircularId parentId,
    int sequence,
    String number,
    LocalDate dated,
    String signatory,
    String signatoryTitle,
    List<String> paragraphs,
    Status status,
    Instant createdAt,
    @Schema(nullable = true) Instant issuedAt,
    @Schema(nullable = true) String issuedBy,
    Map<String, String> facts,
    List<FactChange> changes,
    List<CircularWarning> confirmations) {

  /** A circular, or a later notice to it. */
  public enum Kind { CIRCULAR, ADDENDUM, CORRIGENDUM }

  public enum Status { DRAFT, ISSUED }

  /**
   * One fact of the meeting as an issued circular stated it ({@code before}) and as it stands now. Values are in no
   * language: the dates as {@code 2010-06-14/2010-06-16}, a deadline as {@code 2010-06-01T23:59+02:00[Europe/Zurich]}.
   */
  @Schema(description = "A fact of the meeting, named in English (a code); dates and deadlines in ISO-8601 "
      + "(2010-06-14/2010-06-16, 2010-06-01T23:59+02:00[Europe/Zurich]), other values as typed")
  public record FactChange(String fact, @Schema(nullable = true) String before, @Schema(nullable = true) String after) {}

  /** A number typed the way the TSB numbers its circulars ("TSB Circular 114"); group 1 is the number itself. */
  static final Pattern TSB_NUMBER = Pattern.compile("TSB Circular (\\S+)");

  /**
   * The title in the reader's language ({@code meeting.circular.title.<kind>} with the sequence and the
   * circular's number, itself said in that language: "Addendum 1 à la Circulaire TSB 114", "电信标准化局第114号通函"),
   * for pages and notices; {@link #title()} is its English form, for the API and logs.
   */
  public MessageSourceResolvable titled() {
    var tsb = TSB_NUMBER.matcher(number);
    Object said = tsb.matches() ? new DefaultMessageSourceResolvable(new String[] {
        "meeting.circular.number" + (kind == Kind.CIRCULAR ? "" : ".to")}, new Object[] {tsb.group(1)}, number) : number;
    return new DefaultMessageSourceResolvable(new String[] {"meeting.circular.title." + kind}, new Object[] {sequence, said},
        title());
  }

  /** "TSB Circular 114", "Addendum 1 to TSB Circular 114". */
  public String title() {
    return switch (kind) {
      case CIRCULAR -> number;
      case ADDENDUM -> "Addendum " + sequence + " to " + number;
      case CORRIGENDUM -> "Corrigendum " + sequence + " to " + number;
    };
  }

  public boolean issued() {
    return status == Status.ISSUED;
  }
}
