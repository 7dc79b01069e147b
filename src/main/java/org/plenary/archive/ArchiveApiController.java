package org.plenary.archive;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.plenary.shared.UnknownException;
import org.plenary.contribution.DocumentAccess;
import org.plenary.contribution.Reader;
import org.plenary.meeting.MeetingId;
import org.plenary.shared.InvalidInputException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The changes feed of a group's published folders, and where a file of a given SHA-256 was published. */
@RestController
@Tag(name = "Archives")
class ArchiveApiController {

  /** A published file with that SHA-256. */
  record PublishedFile(String folder, String name, String number, long size, String sha256, Instant published,
      String publisher, @Schema(nullable = true) Instant withdrawn, @Schema(nullable = true) String url,
      int manifestVersion) {}

  /** The answer of a verification: every published file that has the SHA-256. */
  record Verification(String sha256, List<PublishedFile> files) {}

  private final ChangesFeed feed;
  private final Manifests manifests;
  private final DocumentAccess access;
  private final String baseUrl;

  ArchiveApiController(ChangesFeed feed, Manifests manifests, DocumentAccess access,
      @Value("${plenary.base-url}") String baseUrl) {
    this.feed = feed;
    this.manifests = manifests;
    this.access = access;
    this.baseUrl = baseUrl.replaceAll("/+$", "");
  }

  @Operation(operationId = "listGroupChanges", summary = "Publications, revisions and withdrawals in the group's folders",
      description = "For mirroring tools: changes in commit order after `since`: a cursor from `next` or a "
          + "change's `cursor` (its meeting, folder and manifest version, such as 1006-gva/in/3), 0 or nothing for "
          + "the beginning, or a UTC time such as 2026-12-02T09:30:00Z; at most `limit` (1-1000, default 100). "
          + "Changes of meetings whose documents the reader may not read are left out and leave no trace: a cursor "
          + "names only a change the reader was shown (never a sequence of the group's changes, whose gaps would "
          + "count hidden ones), an empty page's `next` is the `since` asked with, and a reader's answers stay byte "
          + "for byte the same while only hidden changes happen. A cursor that names no change the reader may read "
          + "(or a number other than 0, as cursors were before) is a 400. While `more`, the `Link` header names "
          + "the next page (rel=\"next\"), as the register's and the search's do; at the end there is none, and "
          + "`next` is the cursor to poll with later.")
  @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true, headers =
      @io.swagger.v3.oas.annotations.headers.Header(name = "Link", description = "`<…/changes?since=C&limit=N>; "
          + "rel=\"next\"` while `more`", schema = @Schema(type = "string")))
  @ApiResponse(responseCode = "400", description = "since or limit is not valid, or since names no change the reader may read")
  @GetMapping("/api/v1/groups/{slug}/changes")
  ResponseEntity<ChangesFeed.Page> changes(@PathVariable String slug, @RequestParam(required = false) String since,
      @RequestParam(defaultValue = "100") int limit) {
    if (limit < 1 || limit > 1000) {
      throw InvalidInputException.of("limit", "archive", "archive.error.limit");
    }
    Reader reader = Reader.current();
    ChangesFeed.Page page = feed.changes(slug, feed.start(slug, since, reader), limit, reader);
    var answer = ResponseEntity.ok();
    // The next page as the register and the search name theirs; `next` stays in the body for polling at the end.
    if (page.more()) {
      String next = UriComponentsBuilder.fromPath("/api/v1/groups/{slug}/changes").queryParam("since", page.next())
          .queryParam("limit", limit).buildAndExpand(slug).encode().toUriString();
      answer.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
    }
    return answer.body(page);
  }

  @Operation(operationId = "verifyFile", summary = "Where a file with this SHA-256 was published",
      description = "Compute the SHA-256 of a file you hold (sha256sum) and ask: every published file with that "
          + "hash that you may read, with its folder, name and whether it was withdrawn. 404 when none.")
  @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "400", description = "Not a SHA-256")
  @ApiResponse(responseCode = "404", description = "No published file you may read has this SHA-256")
  @GetMapping("/api/v1/verify")
  Verification verify(@RequestParam String sha256) {
    String hash = sha256.strip().toLowerCase(java.util.Locale.ROOT);
    if (!hash.matches("[0-9a-f]{64}")) {
      throw new InvalidInputException("sha256", org.plenary.shared.Words.said(
          new org.springframework.context.support.DefaultMessageSourceResolvable("archive.error.sha256")));
    }
    Reader reader = Reader.current();
    List<PublishedFile> files = manifests.withSha256(hash).stream()
        .filter(e -> access.mayRead(new MeetingId(e.meetingId()), reader))
        .map(e -> new PublishedFile("/" + e.folder(), e.name(), e.number(), e.size(), e.sha256(), e.publishedAt(),
            e.publisher(), e.withdrawnAt(), e.withdrawnVersion() == null ? baseUrl + "/" + e.folder() + e.name() : null,
            e.addedVersion()))
        .toList();
    if (files.isEmpty()) {
      throw new UnknownException("archive", "archive.error.noFile", hash);
    }
    return new Verification(hash, files);
  }
}
