package org.plenary.search;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.plenary.contribution.Reader;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Full-text search as JSON, and the index's state and rebuild for the secretariat. */
@RestController
@Tag(name = "Search")
class SearchApiController {

  /** The index of the node that answered: documents in it, numbers waiting, and how far it has caught up with the register. */
  record IndexStatus(@Schema(description = "documents in the index searches read") int documents, int pending,
      @Schema(nullable = true) Instant caughtUpTo,
      @Schema(description = "a rebuild is filling a new index beside the one searches read") boolean rebuilding,
      @Schema(description = "documents in the new index so far (0 when no rebuild runs)") int rebuilt) {
    static IndexStatus of(SearchIndexer.Status status) {
      return new IndexStatus(status.documents(), status.pending(), status.caughtUpTo(), status.rebuilding(),
          status.rebuilt());
    }
  }

  private final Search search;
  private final SearchIndexer indexer;

  SearchApiController(Search search, SearchIndexer indexer) {
    this.search = search;
    this.indexer = indexer;
  }

  @Operation(operationId = "search", summary = "Search the documents and the register",
      description = "Words inside the files (.docx, .doc, .pdf, .pptx, .ppt, .xlsx, .xls, .odt, .rtf, .txt and .zip of "
          + "those) and the number, title, source and agenda items. All words must match; \"a phrase\", prefix*, OR, "
          + "-word work. Only documents the reader may read are searched, counted and faceted: a private meeting's "
          + "documents only for signed-in readers. Snippets are HTML with the words found in <mark>.")
  @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true, headers =
      @io.swagger.v3.oas.annotations.headers.Header(name = "Link", description = "`<…/search?…&page=N>; rel=\"next\"` "
          + "while a later page has hits", schema = @Schema(type = "string")))
  @ApiResponse(responseCode = "400", description = "The words do not make a query (an open quote, a lone AND), a "
      + "limit outside 1-100 (naming the field limit), or a page no search can reach (below 1, or past the last whose "
      + "first hit can be counted: 107374182 at the default limit), naming the field page.")
  @GetMapping("/api/v1/search")
  ResponseEntity<SearchResults> search(@RequestParam(defaultValue = "") String q,
      @Parameter(description = "group/code, e.g. cloud/1006-gva") @RequestParam(required = false) String meeting,
      @Parameter(description = "an agenda item's id") @RequestParam(required = false) Long agendaItem,
      @RequestParam(required = false) String source,
      @Parameter(description = "file extension, e.g. pdf") @RequestParam(required = false) String type,
      @Parameter(description = "ALLOCATED, INCOMING, PUBLISHED or WITHDRAWN") @RequestParam(required = false) String state,
      @Parameter(description = "best (default) or newest") @RequestParam(defaultValue = "best") String sort,
      @Parameter(description = "from 1 to 107374182 (at the default limit: 2147483647 divided by `limit`); past the last page of hits, an empty page")
      @RequestParam(defaultValue = "1") int page,
      @Parameter(description = "hits on a page, from 1 to 100 (default 20); the `Link` header's next page keeps it")
      @RequestParam(defaultValue = "" + SearchQuery.PAGE_SIZE) int limit, jakarta.servlet.http.HttpServletRequest request) {
    SearchResults results = search.search(new SearchQuery(q, meeting, agendaItem, source, type, state, sort, page, limit),
        Reader.current());
    var answer = ResponseEntity.ok();
    // The next page as the register and the changes feed name theirs: the same query, the page after this one.
    if ((long) results.page() * results.pageSize() < results.total()) {
      String next = org.springframework.web.util.UriComponentsBuilder.fromPath(request.getRequestURI())
          .query(request.getQueryString()).replaceQueryParam("page", results.page() + 1).build().toUriString();
      answer.header(org.springframework.http.HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
    }
    return answer.body(results);
  }

  @Operation(operationId = "getSearchIndexStatus", summary = "The search index of the node that answers (secretariat)")
  @GetMapping("/api/v1/search/index")
  @PreAuthorize("hasAnyRole('SECRETARIAT','ADMIN')")
  IndexStatus status() {
    return IndexStatus.of(indexer.status());
  }

  @Operation(operationId = "rebuildSearchIndex", summary = "Rebuild this node's search index from the register (secretariat)",
      description = "Reads every document again into a new index, in the background, and answers at once; searches "
          + "answer from the index in use until the new one is complete and takes its place.")
  @ApiResponse(responseCode = "202", description = "Accepted", useReturnTypeSchema = true)
  @PostMapping("/api/v1/search/index/rebuild")
  @PreAuthorize("hasAnyRole('SECRETARIAT','ADMIN')")
  ResponseEntity<IndexStatus> rebuild() {
    indexer.rebuild();
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(IndexStatus.of(indexer.status()));
  }
}
