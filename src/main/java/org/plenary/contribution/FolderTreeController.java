package org.plenary.contribution;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.plenary.group.Group;
import org.plenary.group.GroupCatalog;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
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
@Controller
class FolderTreeController {

  /** The methods that work on every folder and file of the tree. */
  static final String ALLOW = "GET, HEAD, OPTIONS";

  private final GroupCatalog groups;
  private final DocumentFolders folders;
  private final Listings listings;

  FolderTreeController(GroupCatalog groups, DocumentFolders folders, Listings listings) {
    this.groups = groups;
    this.folders = folders;
    this.listings = listings;
  }

  @GetMapping("/t/")
  ModelAndView top(HttpServletRequest request, HttpServletResponse response) throws IOException {
    return listings.send(request, response, "/t/", List.of(FolderEntry.folder("fg")), false, 0);
  }

  @GetMapping("/t/fg/")
  ModelAndView groups(HttpServletRequest request, HttpServletResponse response) throws IOException {
    var entries = groups.all().stream().map(Group::slug).sorted().map(FolderEntry::folder).toList();
    return listings.send(request, response, "/t/fg/", entries, false, folders.version());
  }

  @GetMapping("/t/fg/{slug}/")
  ModelAndView group(@PathVariable String slug, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    groups.get(slug);
    return listings.send(request, response, "/t/fg/" + slug + "/", List.of(FolderEntry.folder("docs")), false, 0);
  }

  @GetMapping({"/t", "/t/fg", "/t/fg/{slug}"})
  String withSlash(HttpServletRequest request) {
    return "redirect:" + request.getRequestURI() + "/";
  }

  @RequestMapping(path = "/t/**", method = RequestMethod.OPTIONS)
  ResponseEntity<Void> options() {
    return ResponseEntity.noContent().header(HttpHeaders.ALLOW, ALLOW).build();
  }

  @RequestMapping(path = "/t/**", method = {RequestMethod.PUT, RequestMethod.DELETE, RequestMethod.POST,
      RequestMethod.PATCH})
  ResponseEntity<ProblemDetail> readOnly() {
    return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).header(HttpHeaders.ALLOW, ALLOW)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(ProblemDetail.forStatusAndDetail(HttpStatus.METHOD_NOT_ALLOWED,
            "These folders are read-only: upload on the document's page, with the API or by FTP."));
  }
}
