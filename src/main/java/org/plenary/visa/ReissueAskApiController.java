package org.plenary.visa;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.plenary.account.PlenaryUser;
import org.plenary.shared.EditVersion;
import org.plenary.shared.MultiLine;
import org.plenary.shared.Paged;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Re-issue requests over the API: the participant or their focal point asks for an approved letter to be issued
 * again (with corrected details where they are the cause) and may withdraw it; the secretariat declines it, or
 * re-issues the letter with {@code POST /api/v1/visa/{id}/reissue}.
 */
@RestController
@Tag(name = "Visa support")
class ReissueAskApiController {

  /** A re-issue request: why, and the corrected details where they are the cause (the same rules as a request's). */
  record ReissueAskRequest(@Size(max = 2000) @MultiLine String reason,
      @Schema(nullable = true, description = "The details as they should now be printed, all of them, as a request "
          + "gives them; left out when the letter is only to be issued again as it is") @Valid VisaForm details) {}

  record Asked(ReissueAsk request, List<String> warnings) {}

  /** A re-issue request with the details it corrects, for those who may read the visa request's passport details. */
  record AskDetails(ReissueAsk request,
      @Schema(description = "The corrected details while the request is open; absent once it is settled (they "
          + "became the request's, or were erased) and when it corrects nothing")
      @JsonInclude(JsonInclude.Include.NON_NULL) ReissueAskDesk.Correction correction) {}

  record Decline(@Size(max = 2000) @MultiLine String reason) {}

  private final ReissueAskDesk asks;

  ReissueAskApiController(ReissueAskDesk asks) {
    this.asks = asks;
  }

  @Operation(operationId = "askVisaLetterReissue", summary = "Ask for an approved letter to be issued again (the "
      + "participant or their focal point), until the meeting ends; one open request at a time (409 for a second)")
  @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
  @PreAuthorize("isAuthenticated()")
  @PostMapping("/api/v1/visa/{id}/reissue-requests")
  ResponseEntity<Asked> ask(@PathVariable long id, @Valid @RequestBody ReissueAskRequest body,
      @AuthenticationPrincipal PlenaryUser user) {
    ReissueAskDesk.Asked asked = asks.ask(id, body.reason(), body.details(), "details.", user);
    return ResponseEntity.created(URI.create("/api/v1/visa/" + id + "/reissue-requests/" + asked.ask().id()))
        .body(new Asked(forReader(asked.ask(), user), asked.warnings()));
  }

  @Operation(operationId = "listVisaLetterReissues", summary = "The visa request's re-issue requests, newest first "
      + "(participant, focal point, secretariat)")
  @PreAuthorize("isAuthenticated()")
  @GetMapping("/api/v1/visa/{id}/reissue-requests")
  ResponseEntity<List<ReissueAsk>> list(@PathVariable long id,
      @Parameter(description = Paged.LIMIT) @RequestParam(required = false) Integer limit,
      @Parameter(description = Paged.CURSOR) @RequestParam(required = false) String cursor,
      @AuthenticationPrincipal PlenaryUser user) {
    Paged.Asked asked = Paged.asked(limit, cursor);
    return asks.history(id, user, asked).map(ask -> forReader(ask, user)).answer();
  }

  @Operation(operationId = "getVisaLetterReissue", summary = "A re-issue request with the details it corrects "
      + "(participant, focal point, secretariat; a read of the corrected passport details is logged)")
  @PreAuthorize("isAuthenticated()")
  @GetMapping("/api/v1/visa/{id}/reissue-requests/{ask}")
  AskDetails get(@PathVariable long id, @PathVariable long ask, @AuthenticationPrincipal PlenaryUser user) {
    ReissueAsk found = asks.find(id, ask, user);
    return new AskDetails(forReader(found, user), asks.readCorrection(found, user, "api").orElse(null));
  }

  @Operation(operationId = "withdrawVisaLetterReissue", summary = "Withdraw an open re-issue request (the participant "
      + "or their focal point); 409 once it is settled")
  @PreAuthorize("isAuthenticated()")
  @PostMapping("/api/v1/visa/{id}/reissue-requests/{ask}/withdraw")
  ReissueAsk withdraw(@PathVariable long id, @PathVariable long ask, @AuthenticationPrincipal PlenaryUser user) {
    return forReader(asks.withdraw(id, ask, user), user);
  }

  @Operation(operationId = "declineVisaLetterReissue", summary = "Decline an open re-issue request with a reason the "
      + "participant reads (secretariat)")
  @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "412", description = "`If-Match` names none of the visa request's current version: a "
      + "re-issue was asked, withdrawn or asked again since it was read; nothing was declined")
  @PreAuthorize("isAuthenticated()")
  @PostMapping("/api/v1/visa/{id}/reissue-requests/{ask}/decline")
  ReissueAsk decline(@PathVariable long id, @PathVariable long ask,
      @Parameter(description = "the visa request's version as read: the `ETag` of `GET /api/v1/visa/{id}` (\"v3\"); "
          + "without it the request is declined as it is") @RequestHeader(name = "If-Match", required = false) String ifMatch,
      @Valid @RequestBody Decline body, @AuthenticationPrincipal PlenaryUser user) {
    return asks.decline(id, ask, body.reason(), EditVersion.ifMatch(ifMatch), user);
  }

  private static ReissueAsk forReader(ReissueAsk ask, PlenaryUser user) {
    return user.isStaff() ? ask : ask.withoutUsernames();
  }
}
