package org.plenary.meeting;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.plenary.group.Group;
import org.plenary.group.GroupCatalog;
import org.plenary.shared.EditVersion;
import org.plenary.shared.Paged;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A group's meetings as JSON: read by anyone, scheduled by the secretariat, edited by the group's management. */
@RestController
@RequestMapping("/api/v1/groups/{slug}/meetings")
@Tag(name = "Meetings")
class MeetingApiController {

  record DeadlineResource(Deadline.Kind kind, String label, OffsetDateTime dueAt, String timeZone, String display) {}

  record MeetingResource(String group, String code, String dates, LocalDate startDate, LocalDate endDate,
      String timeZone, String venueName, @Schema(nullable = true) String venueAddress, String venueCode,
      @Schema(nullable = true) LocalTime openingTime, @Schema(nullable = true) LocalTime deskOpensAt,
      @Schema(nullable = true) String deskPlace, @Schema(nullable = true) String fee, String languages,
      boolean paperless, boolean documentsPublic, @Schema(nullable = true) String practicalInfo,
      List<DeadlineResource> deadlines, LatePolicy latePolicy,
      List<AgendaItem> agenda, List<String> collocated, List<Hotel> hotels,
      @Schema(nullable = true, description = "When the meeting's circular was issued; null until then")
      OffsetDateTime announcedAt,
      @Schema(description = "The practical information in other languages, by language tag (fr, es, ru, zh, ar, en); "
          + "practicalInfo above is in the group's working language")
      Map<String, MeetingTranslation> translations) {

    static MeetingResource of(Group group, Meeting m, CircularDesk circulars) {
      return new MeetingResource(group.slug(), m.code(), m.dates(), m.startDate(), m.endDate(), m.timeZone().getId(),
          m.venueName(), m.venueAddress(), m.venueCode(), m.openingTime(), m.deskOpensAt(), m.deskPlace(), m.fee(),
          m.languages(), m.paperless(), m.documentsPublic(), m.practicalInfo(),
          m.deadlines().stream().map(d -> new DeadlineResource(d.kind(), d.kind().label(),
              d.local().toOffsetDateTime(), d.timeZone().getId(), d.display())).toList(), m.latePolicy(),
          m.agenda(), m.collocated(), m.hotels(),
          circulars.announcedAt(m.id()).map(at -> at.atOffset(java.time.ZoneOffset.UTC)).orElse(null),
          m.translations());
    }
  }

  private final MeetingCatalog meetings;
  private final GroupCatalog groups;
  private final CircularDesk circulars;

  MeetingApiController(MeetingCatalog meetings, GroupCatalog groups, CircularDesk circulars) {
    this.circulars = circulars;
    this.meetings = meetings;
    this.groups = groups;
  }

  @Operation(operationId = "listMeetings", summary = "A group's meetings, earliest first (the same start: in the order they were added)")
  @GetMapping
  ResponseEntity<List<MeetingResource>> list(@PathVariable String slug,
      @Parameter(description = Paged.LIMIT) @RequestParam(required = false) Integer limit,
      @Parameter(description = Paged.CURSOR) @RequestParam(required = false) String cursor) {
    Paged.Asked asked = Paged.asked(limit, cursor);
    Group group = groups.get(slug);
    return meetings.of(group, asked).map(m -> MeetingResource.of(group, m, circulars)).answer();
  }

  @Operation(operationId = "getMeeting", summary = "A meeting with its agenda and deadlines (each in the meeting's time zone)")
  @GetMapping("/{code}")
  @ApiResponse(responseCode = "200", description = "OK; `ETag` names the meeting's version, for `If-Match` on its PUTs",
      useReturnTypeSchema = true)
  ResponseEntity<MeetingResource> get(@PathVariable String slug, @PathVariable String code) {
    return versioned(slug, meetings.versioned(slug, code));
  }

  private ResponseEntity<MeetingResource> versioned(String slug, MeetingCatalog.Versioned meeting) {
    return EditVersion.ok(meeting.version()).body(MeetingResource.of(groups.get(slug), meeting.meeting(), circulars));
  }

  @Operation(operationId = "scheduleMeeting", summary = "Schedule a meeting (secretariat); it is announced by e-mail",
      description = "Deadlines are local date-times in the meeting's time zone; left out they default to "
          + "14 (registration), 10 (contributions) and 28 (visa support) days before the start, at 23:59. "
          + "A missing code is derived from the start date and venue code, such as 1006-gva. A code is lower-case "
          + "letters, digits and dashes and never a name the folder tree uses (incoming, in, out, docs, ...).")
  @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
  @PostMapping
  @PreAuthorize("hasAnyRole('SECRETARIAT', 'ADMIN')")
  ResponseEntity<MeetingResource> schedule(@PathVariable String slug, @Valid @RequestBody MeetingForm form) {
    Meeting meeting = meetings.schedule(slug, form.toDraft(),
        form.toTranslations() == null ? Map.of() : form.toTranslations());
    return ResponseEntity.created(URI.create("/api/v1/groups/" + slug + "/meetings/" + meeting.code()))
        .body(MeetingResource.of(groups.get(slug), meeting, circulars));
  }

  @Operation(operationId = "updateMeeting", summary = "Replace a meeting's details (secretariat or the group's management)",
      description = "A missing code keeps the meeting's code (it is never derived again from new dates). Once a "
          + "document number was allocated to the meeting its code names the folder of its documents and cannot "
          + "change, nor once a registration number or visa letter reference printing it was issued: a different code "
          + "is a 409 problem. A new venue or new days mail the holders of approved visa letters, which keep stating "
          + "the meeting as approved.")
  @PutMapping("/{code}")
  @PreAuthorize("@groupAccess.canManage(#slug)")
  @ApiResponse(responseCode = "200", description = "OK; `ETag` names the version saved", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "412", description = "`If-Match` names none of the meeting's current version: someone"
      + " changed its details or agenda since it was read; nothing was saved.")
  ResponseEntity<MeetingResource> update(@PathVariable String slug, @PathVariable String code,
      @Parameter(description = IF_MATCH) @RequestHeader(name = "If-Match", required = false) String ifMatch,
      @Valid @RequestBody MeetingForm form) {
    return versioned(slug, meetings.update(slug, code, form.toDraft(), form.toTranslations(), EditVersion.ifMatch(ifMatch, form.getEditVersion())));
  }

  static final String IF_MATCH = "the meeting's version as read: the `ETag` of its GET (\"v12\"), or a list of"
      + " them; the change is made only if one of them is still current (else 412). Without it, or with `*`, the"
      + " change replaces whatever is current.";

  @Operation(operationId = "replaceAgenda", summary = "Replace a meeting's agenda (the group's management)",
      description = "Items in their new order. An item with an id keeps it (documents stay filed under it, whatever "
          + "its new title or place); an item without id is new; items left out are removed. An id that is not "
          + "this meeting's, or repeated, is a 400 problem; removing an item that has documents is refused with "
          + "409, naming them.")
  @PutMapping("/{code}/agenda")
  @PreAuthorize("@groupAccess.canManage(#slug)")
  @ApiResponse(responseCode = "200", description = "OK; `ETag` names the version saved", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "412", description = "`If-Match` names none of the meeting's current version: someone"
      + " changed its details or agenda since it was read; nothing was saved.")
  ResponseEntity<MeetingResource> replaceAgenda(@PathVariable String slug, @PathVariable String code,
      @Parameter(description = IF_MATCH) @RequestHeader(name = "If-Match", required = false) String ifMatch,
      @Valid @RequestBody AgendaForm form) {
    return versioned(slug, meetings.replaceAgenda(slug, code, form.toAgenda(), EditVersion.ifMatch(ifMatch, form.getEditVersion())));
  }
}
