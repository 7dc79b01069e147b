package org.plenary.contribution;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.plenary.account.PlenaryUser;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.Meeting;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.shared.Paged;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/** Contributions as JSON: the register, number allocation, uploads and the secretariat's actions. */
@RestController
@Tag(name = "Contributions")
class ContributionApiController {

  @io.swagger.v3.oas.annotations.media.Schema(name = "ContributionReason")
  record Reason(@jakarta.validation.constraints.Size(max = ContributionDesk.REASON_MAX) @org.plenary.shared.MultiLine String reason) {}

  record Uploaded(String number, String fileName, int revision, long size, String sha256, boolean late, String state) {}

  private static final int DEFAULT_LIMIT = 100;

  private final ContributionDesk desk;
  private final DocumentAccess access;
  private final GroupCatalog groups;
  private final MeetingCatalog meetings;

  ContributionApiController(ContributionDesk desk, DocumentAccess access, GroupCatalog groups,
      MeetingCatalog meetings) {
    this.desk = desk;
    this.access = access;
    this.groups = groups;
    this.meetings = meetings;
  }

  @Operation(operationId = "listContributions", summary = "The meeting's register of contributions",
      description = "Sign in to read the register of a meeting whose documents are for participants only (401). "
          + "Paged on demand: `limit` (1-1000, default 100 with a `cursor`) entries; the `Link` header names the next "
          + "page (rel=\"next\", with an opaque `cursor`) while there is one: follow it as it is. A page lists what "
          + "the pages before it did not, so numbers allocated while a client pages through (inputs and outputs, "
          + "whose numbers are two series) come on a later page, none twice. `after` (a number: the last one of "
          + "the previous page) still starts a page after that number. Without `limit` or `cursor`, the whole "
          + "register (after the number `after` if given).")
  @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true, headers = @Header(name = "Link",
      description = "`<…/contributions?limit=N&cursor=C>; rel=\"next\"` when a paged register goes on",
      schema = @Schema(type = "string")))
  @ApiResponse(responseCode = "400", description = "A limit outside 1-1000, a `cursor` that no page handed out, "
      + "or an `after` that is not in the register.")
  @ApiResponse(responseCode = "401", description = "The meeting's documents are for participants only: send a token.")
  @GetMapping("/api/v1/groups/{slug}/meetings/{code}/contributions")
  ResponseEntity<List<ContributionResource>> register(@PathVariable String slug, @PathVariable String code,
      @Parameter(description = "at most this many contributions (1-1000)") @RequestParam(required = false) Integer limit,
      @Parameter(description = "the `cursor` of the `Link` header's next page") @RequestParam(required = false) String cursor,
      @Parameter(description = "the last number of the previous page (before cursors)") @RequestParam(required = false) String after) {
    Meeting meeting = meetings.get(slug, code);
    // A page reads its own rows; without a limit, the whole register (or all of it after the number) as before.
    if (limit == null && cursor != null) {
      limit = DEFAULT_LIMIT;
    }
    RegisterPage page = limit != null ? access.registerPage(slug, code, Reader.current(), cursor, after, limit)
        : RegisterPage.of(access.register(slug, code, Reader.current()), after, null);
    var answer = ResponseEntity.ok();
    if (page.next() != null) {
      String next = UriComponentsBuilder.fromPath("/api/v1/groups/{slug}/meetings/{code}/contributions")
          .queryParam("limit", limit).queryParam("cursor", page.next()).buildAndExpand(slug, code).encode().toUriString();
      answer.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
    }
    return answer.body(page.entries().stream().map(c -> ContributionResource.of(c, slug, meeting)).toList());
  }

  @Operation(operationId = "allocateContribution", summary = "Ask for a document number (signed in)",
      description = "Returns the number (FG-Cloud-I-0001), the expected file name and where to upload it. "
          + "Refused with 400 (field meeting) once the account holds plenary.contributions.max-unused-numbers "
          + "(50) numbers of the meeting with no file uploaded (requests sent together counted together); the "
          + "secretariat has no limit. Also 400 (field meeting) when the group's first number would be one of another "
          + "group's series, whose prefix its acronym gives since a rename (the secretariat changes the acronym).")
  @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
  @PostMapping("/api/v1/groups/{slug}/meetings/{code}/contributions")
  ResponseEntity<ContributionResource> allocate(@PathVariable String slug, @PathVariable String code,
      @Valid @RequestBody AllocationForm form, @AuthenticationPrincipal PlenaryUser user) {
    // The API's filter chain lets no POST through without a signed-in user; this is said here too, without
    // the @PreAuthorize expression of the other methods, which cost the busiest request a tenth of its time.
    if (user == null) {
      throw new AccessDeniedException("anonymous");
    }
    Contribution contribution = desk.allocate(slug, code, form.toAllocation(), user, UploadChannel.API);
    return ResponseEntity.created(URI.create("/api/v1/contributions/" + contribution.number()))
        .body(ContributionResource.of(contribution, slug, meetings.get(contribution.meetingId())));
  }

  @Operation(operationId = "getContribution", summary = "One contribution",
      description = "A contribution of a meeting whose documents are for participants only is, to a reader who has "
          + "not signed in, answered as a number that does not exist (404).")
  @GetMapping("/api/v1/contributions/{number}")
  ContributionResource get(@PathVariable String number) {
    return resource(access.contribution(number, Reader.current()));
  }

  @Operation(operationId = "getContributionAuditTrail", summary = "Every action on the contribution: who, when, which file and its SHA-256")
  @GetMapping("/api/v1/contributions/{number}/audit")
  ResponseEntity<List<AuditEvent>> audit(@PathVariable String number,
      @Parameter(description = Paged.LIMIT) @RequestParam(required = false) Integer limit,
      @Parameter(description = Paged.CURSOR) @RequestParam(required = false) String cursor) {
    Paged.Asked asked = Paged.asked(limit, cursor);
    return desk.readersAuditTrail(access.contribution(number, Reader.current()).number(), asked).answer();
  }

  /** The upload's body as OpenAPI shows it: one multipart field, {@code file}. */
  record UploadForm(@Schema(type = "string", format = "binary", requiredMode = Schema.RequiredMode.REQUIRED) String file) {}

  @Operation(operationId = "uploadContributionFile", summary = "Upload the document or a revision (multipart field 'file')",
      description = "The file name must be the number, with the revision due after publication "
          + "(FG-Cloud-I-0012r1.docx), and an allowed extension. The file goes to the document store as it arrives. "
          + "A version already waiting in the incoming folder (the contribution's `incoming`, perhaps sent by a "
          + "co-author) is replaced only when `If-Match` names it by its ETag (its SHA-256 in quotes) or is `*`; "
          + "without `If-Match` the upload is refused with 409 while a version waits, and with an `If-Match` that "
          + "names another version (or one no longer waiting) with 412. Nothing is stored when refused. The body "
          + "holds the part `file` once and nothing else: another part, before or after it, or `file` twice, is "
          + "refused with 400 naming it, as an unknown property of a JSON body is.",
      requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
          content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE, schema = @Schema(implementation = UploadForm.class))))
  @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "409", description = "A version waits in the incoming folder and `If-Match` does not"
      + " name it: the problem says whose and since when; nothing was stored.")
  @ApiResponse(responseCode = "412", description = "`If-Match` names a version that is not (or no longer) the one"
      + " waiting; nothing was stored.")
  @PostMapping(path = "/api/v1/contributions/{number}/files", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @PreAuthorize("isAuthenticated()")
  ResponseEntity<Uploaded> upload(@PathVariable String number,
      @Parameter(description = "the waiting version this upload replaces, as its ETag (its SHA-256 in quotes), or `*`"
          + " for whichever waits; absent when none waits") @RequestHeader(name = "If-Match", required = false) String ifMatch,
      @Parameter(hidden = true) HttpServletRequest request,
      @AuthenticationPrincipal PlenaryUser user) throws IOException, ServletException {
    // As publish reads If-Match: a list holding * is any version, as * alone.
    List<String> named = reviewed(ifMatch);
    Replacing replacing = ifMatch != null && !ifMatch.isBlank() && named.isEmpty() ? Replacing.ANY
        : Replacing.versions(named);
    ContributionFile stored = StreamedMultipart.receive(request, "file",
        (fileName, bytes) -> desk.upload(number, fileName, bytes, user, UploadChannel.API, replacing));
    return ResponseEntity.created(URI.create("/api/v1/contributions/" + number)).body(new Uploaded(number,
        stored.fileName(), stored.revision(), stored.size(), stored.sha256(), stored.late(), stored.state().name()));
  }

  @Operation(operationId = "publishContribution", summary = "Publish the waiting version into the meeting's read-only folder (secretariat)")
  @PostMapping("/api/v1/contributions/{number}/publish")
  @PreAuthorize("isAuthenticated()")
  @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "412", description = "`If-Match` names none of the versions waiting: its author"
      + " replaced it since it was reviewed; nothing was published.")
  ContributionResource publish(@PathVariable String number,
      @Parameter(description = "the waiting version reviewed, as the incoming file's ETag (its SHA-256 in quotes),"
          + " or a list of such tags (RFC 9110: the version waiting is published if it is any of them);"
          + " `*` or no header publishes whatever version waits") @RequestHeader(name = "If-Match", required = false) String ifMatch,
      @AuthenticationPrincipal PlenaryUser user) {
    return resource(desk.publish(number, reviewed(ifMatch), user));
  }

  /**
   * The SHA-256s an {@code If-Match} names: its entity tags ({@code "<sha256>"}, weak or strong, several
   * separated by commas), opaque-tags unquoted; empty for none or {@code *} (any current version).
   */
  static List<String> reviewed(String ifMatch) {
    if (ifMatch == null || ifMatch.isBlank()) {
      return List.of();
    }
    var tags = new java.util.ArrayList<String>();
    // An entity tag holds no comma (RFC 9110 8.8.3: etagc excludes DQUOTE and controls only, but the
    // tags this server gives are hex), so the list splits on commas.
    for (String part : ifMatch.split(",")) {
      String tag = part.strip();
      if (tag.equals("*")) {
        return List.of();
      }
      tag = tag.startsWith("W/") ? tag.substring(2) : tag;
      tag = tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"") ? tag.substring(1, tag.length() - 1) : tag;
      if (!part.isBlank()) {
        tags.add(tag.isEmpty() ? "-" : tag);
      }
    }
    return tags.isEmpty() ? List.of("-") : List.copyOf(tags);
  }

  @Operation(operationId = "rejectContribution", summary = "Reject the waiting version with a reason sent to the submitter (secretariat)")
  @PostMapping("/api/v1/contributions/{number}/reject")
  @PreAuthorize("isAuthenticated()")
  @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "412", description = "`If-Match` names none of the versions waiting: its author"
      + " replaced it since it was reviewed; nothing was rejected.")
  ContributionResource reject(@PathVariable String number, @jakarta.validation.Valid @RequestBody Reason reason,
      @Parameter(description = "the waiting version reviewed, as the incoming file's ETag (its SHA-256 in quotes),"
          + " or a list of such tags (RFC 9110: the version waiting is rejected if it is any of them);"
          + " `*` or no header rejects whatever version waits") @RequestHeader(name = "If-Match", required = false) String ifMatch,
      @AuthenticationPrincipal PlenaryUser user) {
    return resource(desk.reject(number, reason.reason(), reviewed(ifMatch), user));
  }

  @Operation(operationId = "takeBackIncomingFile", summary = "Take back the version waiting in the incoming folder (its sender, or the secretariat)",
      description = "A wrong file sent before the secretariat acts on it: the waiting version leaves the incoming folder"
          + " and is kept in the history as a replaced one, the audit trail says who took it back, and the number stays"
          + " allocated for a new upload. A published version is never touched (the secretariat withdraws those)."
          + " FTP's `DELE` of the file in the incoming folder does the same.")
  @DeleteMapping("/api/v1/contributions/{number}/files/incoming")
  @PreAuthorize("isAuthenticated()")
  @ApiResponse(responseCode = "200", description = "The contribution as it stands now", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "403", description = "The waiting version was sent by someone else (and you are not the secretariat).")
  @ApiResponse(responseCode = "404", description = "No such number.")
  @ApiResponse(responseCode = "409", description = "Nothing waits in the incoming folder for this number (never sent,"
      + " already published, rejected or taken back).")
  @ApiResponse(responseCode = "412", description = "`If-Match` names none of the versions waiting: it was replaced since"
      + " it was read; nothing was taken back.")
  ContributionResource takeBack(@PathVariable String number,
      @Parameter(description = "the waiting version to take back, as the incoming file's ETag (its SHA-256 in quotes),"
          + " or a list of such tags; `*` or no header takes back whatever version waits")
      @RequestHeader(name = "If-Match", required = false) String ifMatch,
      @AuthenticationPrincipal PlenaryUser user) {
    return resource(desk.takeBack(number, reviewed(ifMatch), user));
  }

  @Operation(operationId = "withdrawContribution", summary = "Withdraw a published contribution; the number stays used (secretariat)")
  @PostMapping("/api/v1/contributions/{number}/withdraw")
  @PreAuthorize("isAuthenticated()")
  @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "412", description = "`If-Match` does not name the latest published version or the"
      + " version waiting with it: another was published, or its author sent one, since it was read; nothing was"
      + " withdrawn.")
  ContributionResource withdraw(@PathVariable String number, @jakarta.validation.Valid @RequestBody(required = false) Reason reason,
      @Parameter(description = "the versions read, as ETags (SHA-256 in quotes): the latest published file's `sha256`"
          + " and, when one waits, `incoming.sha256`; each must be named (RFC 9110 list), or nothing is withdrawn."
          + " `*` or no header withdraws whatever stands") @RequestHeader(name = "If-Match", required = false) String ifMatch,
      @AuthenticationPrincipal PlenaryUser user) {
    return resource(desk.withdraw(number, reason == null ? null : reason.reason(), reviewed(ifMatch), user));
  }

  @Operation(operationId = "grantLateException", summary = "Accept this contribution after the deadline of a meeting that refuses late documents (secretariat)")
  @PostMapping("/api/v1/contributions/{number}/late-exception")
  @PreAuthorize("isAuthenticated()")
  ContributionResource lateException(@PathVariable String number, @AuthenticationPrincipal PlenaryUser user) {
    return resource(desk.grantLateException(number, user));
  }

  private ContributionResource resource(Contribution c) {
    return ContributionResource.of(c, groups.get(c.groupId()).slug(), meetings.get(c.meetingId()));
  }
}
