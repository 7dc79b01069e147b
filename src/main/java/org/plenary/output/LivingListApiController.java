package org.plenary.output;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import org.plenary.account.PlenaryUser;
import org.plenary.contribution.Reader;
import org.plenary.output.OutputRequests.EntryRequest;
import org.plenary.output.OutputRequests.MeetingRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The living list of standards bodies as JSON and CSV, as it stands or as a meeting agreed it. */
@RestController
@Tag(name = "Living list")
class LivingListApiController {

  /** The tag of the list shown without the liaison statements its reader may not read. */
  private static final String PARTIAL = "partial";

  private final LivingListDesk desk;

  private final org.plenary.shared.Words words;

  LivingListApiController(LivingListDesk desk, org.plenary.shared.Words words) {
    this.desk = desk;
    this.words = words;
  }

  @Operation(operationId = "getLivingList", summary = "The living list as it stands, or as the meeting agreedAt agreed it")
  @ApiResponse(responseCode = "200", description = "OK; as it stands, `ETag` names the list's `version`, for `If-Match`"
      + " on its agreement (\"v…-partial\" to a reader who may not read every liaison statement named: made from"
      + " what that reader is shown, so that an edit of what they may not read moves nothing they get; the agreement"
      + " takes it while that part is unchanged)", useReturnTypeSchema = true)
  @GetMapping("/api/v1/groups/{slug}/living-list")
  ResponseEntity<LivingList> get(@PathVariable String slug,
      @Parameter(description = "A meeting code") @RequestParam(required = false) String agreedAt) {
    LivingList shown = list(slug, agreedAt);
    return shown.agreedAt() != null ? ResponseEntity.ok(shown)
        : org.plenary.shared.EditVersion.ok(shown.version(), desk.whole(slug, shown) ? null : PARTIAL).body(shown);
  }

  @Operation(operationId = "getLivingListCsv", summary = "The living list as CSV")
  @ApiResponse(responseCode = "200", description = "OK; the `ETag` is made from the list (its version, its entries with the liaison statements this reader may read)"
      + " as read and the language asked, before a row is written: a `GET` whose `If-None-Match` names it is answered"
      + " `304 Not Modified`, no row written", useReturnTypeSchema = true)
  @GetMapping(path = "/api/v1/groups/{slug}/living-list.csv", produces = "text/csv")
  ResponseEntity<String> csv(@PathVariable String slug, @RequestParam(required = false) String agreedAt,
      @Parameter(description = "One of ar, zh, en, fr, ru, es: the header in that language; without it, the column codes")
      @RequestParam(required = false) String lang, jakarta.servlet.http.HttpServletRequest request,
      jakarta.servlet.http.HttpServletResponse response) {
    var csv = words.csv(lang);
    // The list as this reader sees it: its version and its entries, the liaison statements they may read only.
    LivingList shown = list(slug, agreedAt);
    return OutputCsv.response(shown, csv, w -> OutputCsv.livingList(shown, w),
        csv.disposition(slug + "-living-list.csv", "output.file.livingList", slug), request, response);
  }

  @Operation(operationId = "addLivingListEntry", summary = "Add an entry (group management or secretariat)")
  @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
  @PostMapping("/api/v1/groups/{slug}/living-list")
  @PreAuthorize("isAuthenticated()")
  ResponseEntity<LivingListEntry> add(@PathVariable String slug, @Valid @RequestBody EntryRequest request,
      @AuthenticationPrincipal PlenaryUser user) {
    LivingListEntry entry = desk.save(slug, null, request.draft(), user);
    return ResponseEntity.created(URI.create("/api/v1/groups/" + slug + "/living-list")).body(entry);
  }

  @Operation(operationId = "editLivingListEntry", summary = "Edit an entry: a new version of the list")
  @PutMapping("/api/v1/groups/{slug}/living-list/{id}")
  @PreAuthorize("isAuthenticated()")
  @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "409", description = "The entry was removed; nothing was saved.")
  @ApiResponse(responseCode = "412", description = "`If-Match` (or `version`) names none of the entry's current"
      + " version: someone changed it since it was read; nothing was saved.")
  LivingListEntry edit(@PathVariable String slug, @PathVariable long id,
      @io.swagger.v3.oas.annotations.Parameter(description = "the entry's version as read (\"v7\" for its `version` 7),"
          + " or a list of them; the edit is made only if one is still current (else 412). Without it (nor `version`),"
          + " or with `*`, the edit replaces whatever is current.")
      @org.springframework.web.bind.annotation.RequestHeader(name = "If-Match", required = false) String ifMatch,
      @Valid @RequestBody EntryRequest request, @AuthenticationPrincipal PlenaryUser user) {
    return desk.save(slug, id, request.draft(), user, org.plenary.shared.EditVersion.ifMatch(ifMatch, request.version()));
  }

  @Operation(operationId = "removeLivingListEntry", summary = "Remove an entry: a new version of the list")
  @ApiResponse(responseCode = "204", description = "Removed")
  @ApiResponse(responseCode = "412", description = "`If-Match` names none of the entry's current version: someone"
      + " changed it since it was read; nothing was removed.")
  @DeleteMapping("/api/v1/groups/{slug}/living-list/{id}")
  @PreAuthorize("isAuthenticated()")
  ResponseEntity<Void> remove(@PathVariable String slug, @PathVariable long id,
      @io.swagger.v3.oas.annotations.Parameter(description = "the entry's version as read (\"v7\" for its `version` 7),"
          + " or a list of them; it is removed only if one is still current (else 412). Without it, or with `*`, it is"
          + " removed whatever it is now.")
      @org.springframework.web.bind.annotation.RequestHeader(name = "If-Match", required = false) String ifMatch,
      @AuthenticationPrincipal PlenaryUser user) {
    desk.remove(slug, id, user, org.plenary.shared.EditVersion.ifMatch(ifMatch));
    return ResponseEntity.noContent().build();
  }

  @Operation(operationId = "agreeLivingList", summary = "Record the list as it stands as agreed at a meeting")
  @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "412", description = "`If-Match` names none of the list's current version: someone"
      + " edited it since it was read, so what would be agreed is not what was seen; nothing was recorded.")
  @PostMapping("/api/v1/groups/{slug}/living-list/agreements")
  @PreAuthorize("isAuthenticated()")
  ResponseEntity<LivingList> agree(@PathVariable String slug,
      @Parameter(description = "the list's version the meeting agreed on: the `ETag` of its GET as it stands"
          + " (\"v7\" or \"v7-partial\"), or a list of them; it is recorded only if one is still current (else 412)."
          + " Without it, or with `*`, the list is recorded as it stands whatever it is now.")
      @org.springframework.web.bind.annotation.RequestHeader(name = "If-Match", required = false) String ifMatch,
      @Valid @RequestBody MeetingRequest request, @AuthenticationPrincipal PlenaryUser user) {
    return ResponseEntity.created(URI.create("/api/v1/groups/" + slug + "/living-list?agreedAt=" + request.meeting()))
        .body(desk.agree(slug, request.meeting(), user, org.plenary.shared.EditVersion.ifMatchOrPart(ifMatch, PARTIAL)));
  }

  private LivingList list(String slug, String agreedAt) {
    return agreedAt == null || agreedAt.isBlank() ? desk.current(slug, Reader.current())
        : desk.agreedAt(slug, agreedAt, Reader.current());
  }
}
