package org.plenary.desk;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * One thing on a desk, with the link that does it. {@code state} is the code of the thing's module
 * ({@code SUBMITTED}, {@code RETURNED}, {@code ALLOCATED}…): pages show it in words, the API keeps it.
 */
public record DeskItem(
    @Schema(description = "REGISTRATION, VISA_REQUEST, REISSUE_REQUEST (a new letter asked for, open: its id the visa "
        + "request's, its reason the asker's), LETTER_TO_REISSUE (the secretariat's: an approved letter whose meeting "
        + "moved, state MOVED, or whose stated facts are unknown, state FACTS_UNKNOWN; its id the visa request's), "
        + "DOCUMENT, DEADLINE, MILESTONE, INCOMING_QUEUE or MAIL")
    Kind kind,
    @Schema(nullable = true, description = "The registration's or visa request's id") Long id,
    String title,
    @Schema(nullable = true, description = "The state's code, as the thing's own resource has it") String state,
    @Schema(nullable = true, description = "Who or what it concerns (a person's name, a meeting code, a category)") String detail,
    @Schema(nullable = true, description = "Why: a rejection's or a refusal's reason") String reason,
    @Schema(nullable = true, description = "When it is due or closes") Instant due,
    @Schema(nullable = true, description = "The meeting's time zone, in which the due time is shown") String timeZone,
    @Schema(nullable = true, description = "How many (queues and counts)") Long count,
    @Schema(description = "The page that does it") String link,
    @Schema(nullable = true, description = "A registration to decide: its version as listed, what `If-Match` on its "
        + "approval or rejection names (\"v12\") so that what is decided is what was listed") Long version,
    @JsonIgnore @Schema(hidden = true) Marks marks) {

  /** An item with no version to act on. */
  public DeskItem(Kind kind, Long id, String title, String state, String detail, String reason, Instant due,
      String timeZone, Long count, String link) {
    this(kind, id, title, state, detail, reason, due, timeZone, count, link, null);
  }

  /** An item with the version it was listed at. */
  public DeskItem(Kind kind, Long id, String title, String state, String detail, String reason, Instant due,
      String timeZone, Long count, String link, Long version) {
    this(kind, id, title, state, detail, reason, due, timeZone, count, link, version, null);
  }

  /** This item with what a page marks in its words. */
  public DeskItem marked(Marks marks) {
    return new DeskItem(kind, id, title, state, detail, reason, due, timeZone, count, link, version, marks);
  }

  /**
   * What a page marks as data in an item's words, not part of the API (which has the words): the group's acronym
   * and working language ({@code en}), so that on a page in Chinese "FG Cloud" is read as English, and for an item
   * named after a meeting ("FG Cloud meeting 2702-gva, 1–3 February 2027") the meeting's code and dates, so that
   * the page says that sentence with the acronym marked in it. {@code code} and {@code dates} are null otherwise.
   */
  public record Marks(String language, String acronym, String code, String dates) {

    /** Whether the item's words name a meeting, said by {@code desk.item.meeting}. */
    public boolean meeting() {
      return code != null;
    }
  }

  /** What the item is. */
  public enum Kind { REGISTRATION, VISA_REQUEST, REISSUE_REQUEST, LETTER_TO_REISSUE, DOCUMENT, DEADLINE, MILESTONE, INCOMING_QUEUE, MAIL }

  /** The message key of the state's words, e.g. registration.status.SUBMITTED. */
  public String stateKey() {
    String module = switch (kind) {
      case REGISTRATION -> "registration.status.";
      case VISA_REQUEST -> "visa.status.";
      case REISSUE_REQUEST, LETTER_TO_REISSUE -> "desk.reissue.";
      case DOCUMENT -> "contribution.status.";
      case DEADLINE -> "deadline.kind.";
      default -> "desk.state.";
    };
    return module + state;
  }
}
