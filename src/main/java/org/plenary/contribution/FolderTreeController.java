package org.plenary.contribution;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.plenary.shared.PageController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.ModelAndView;

/**
 * The folders above the groups' document folders, as over FTP: {@code /t/} holds {@code fg/},
 * {@code /t/fg/} one folder per group, {@code /t/fg/<group>/} its {@code docs/}. So every listing's
 * {@code ../} leads somewhere and a mirror (wget -m) of any folder finds no hole. The whole tree is
 * read-only: OPTIONS says so, and PUT, DELETE, POST and PATCH are 405 with {@code Allow}.
 */
@PageController
class FolderTreeController {

  /** The methods that work on every folder and file of the tree. */
  static final String ALLOW = "GET, HEAD, OPTIONS";

  private final DocumentFolders folders;
  private final Listings listings;

  FolderTreeController(DocumentFolders folders, Listings listings) {
    this.folders = folders;
    this.listings = listings;
  }

  @GetMapping("/t/")
  ModelAndView top(HttpServletRequest request, HttpServletResponse response) throws IOException {
    return listing(request, response, "t");
  }

  @GetMapping("/t/fg/")
  ModelAndView groups(HttpServletRequest request, HttpServletResponse response) throws IOException {
    return listing(request, response, "t", "fg");
  }

  @GetMapping("/t/fg/{slug}/")
  ModelAndView group(@PathVariable String slug, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    return listing(request, response, "t", "fg", slug);
  }

  /** A folder above the documents, as {@link DocumentFolders#above} says (FTP lists the same). */
  private ModelAndView listing(HttpServletRequest request, HttpServletResponse response, String... segments)
      throws IOException {
    List<FolderEntry> entries = folders.above(List.of(segments)).orElseThrow();
    return listings.send(request, response, "/" + String.join("/", segments) + "/",
        new DocumentFolders.Listing(entries, ""), false, java.time.ZoneOffset.UTC);
  }

  @GetMapping({"/t", "/t/fg", "/t/fg/{slug}"})
  String withSlash(HttpServletRequest request) {
    return "redirect:" + request.getRequestURI() + "/";
  }

  /**
   * Any other path under {@code /t/} read with GET or HEAD: nothing is there (404), rather than the
   * 405 the write methods' mapping below would make of it.
   */
  @GetMapping("/t/**")
  void nothingThere(HttpServletRequest request) {
    String path = request.getRequestURI().replaceAll("/+$", "");
    throw new org.plenary.shared.UnknownException("contribution", "contribution.unknown.file",
        ContributionDesk.printable(path.substring(path.lastIndexOf('/') + 1)));
  }

  @RequestMapping(path = "/t/**", method = RequestMethod.OPTIONS)
  ResponseEntity<Void> options() {
    return ResponseEntity.noContent().header(HttpHeaders.ALLOW, ALLOW).build();
  }

  @RequestMapping(path = "/t/**", method = {RequestMethod.PUT, RequestMethod.DELETE, RequestMethod.POST,
      RequestMethod.PATCH})
  ResponseEntity<ProblemDetail> readOnly() {
    var problem = ProblemDetail.forStatusAndDetail(HttpStatus.METHOD_NOT_ALLOWED, said("contribution.listing.readOnly"));
    problem.setTitle(said("web.status.405"));
    return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).header(HttpHeaders.ALLOW, ALLOW)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  private static String said(String key) {
    return org.plenary.shared.Words.said(new org.springframework.context.support.DefaultMessageSourceResolvable(key));
  }
}
