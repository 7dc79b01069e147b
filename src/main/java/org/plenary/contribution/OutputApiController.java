package org.plenary.contribution;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.plenary.account.PlenaryUser;
import org.plenary.meeting.Meeting;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.shared.Paged;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Output documents as JSON: numbering ({@code FG-Cloud-O-0001}) and the meeting's outputs. Files are
 * uploaded, published and read as every document is ({@code /api/v1/contributions/{number}/…}).
 */
@RestController
@Tag(name = "Outputs")
class OutputApiController {

  private final OutputDesk outputs;
  private final ContributionDesk desk;
  private final MeetingCatalog meetings;

  OutputApiController(OutputDesk outputs, ContributionDesk desk, MeetingCatalog meetings) {
    this.outputs = outputs;
    this.desk = desk;
    this.meetings = meetings;
  }

  @Operation(operationId = "listOutputs", summary = "The meeting's output documents",
      description = "By number, read a page at a time by key. Sign in to read the outputs of a meeting whose documents"
          + " are for participants only (401).")
  @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "401", description = "The meeting's documents are for participants only: send a token.")
  @GetMapping("/api/v1/groups/{slug}/meetings/{code}/outputs")
  ResponseEntity<List<OutputResource>> list(@PathVariable String slug, @PathVariable String code,
      @Parameter(description = Paged.LIMIT) @RequestParam(required = false) Integer limit,
      @Parameter(description = Paged.CURSOR) @RequestParam(required = false) String cursor) {
    Meeting meeting = meetings.get(slug, code);
    return outputs.ofMeeting(slug, code, Reader.current(), Paged.asked(limit, cursor)).map(o -> OutputResource.of(o, slug, meeting, desk)).answer();
  }

  @Operation(operationId = "allocateOutput", summary = "Number an output document (group management or secretariat)",
      description = "Returns the number (FG-Cloud-O-0001), the expected file name and where to upload it; once "
          + "published it is in the meeting's out/ folder.")
  @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
  @PostMapping("/api/v1/groups/{slug}/meetings/{code}/outputs")
  @PreAuthorize("isAuthenticated()")
  ResponseEntity<OutputResource> allocate(@PathVariable String slug, @PathVariable String code,
      @Valid @RequestBody OutputRequest request, @AuthenticationPrincipal PlenaryUser user) {
    OutputDocument output = outputs.allocate(slug, code, request.toAllocation(), user);
    return ResponseEntity.created(URI.create("/api/v1/contributions/" + output.number()))
        .body(OutputResource.of(output, slug, meetings.get(slug, code), desk));
  }
}
