package org.plenary.contribution;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.plenary.store.DocumentStore;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * The circular's folders over HTTP, read-only: {@code /t/fg/cloud/docs/}, {@code …/incoming/},
 * {@code …/1006-gva/in/}. A listing page by default, JSON for {@code Accept: application/json};
 * files with ranges, ETag and sendfile. Nothing here writes: other methods are 405.
 */
@Controller
@RequestMapping("/t/fg/{slug}/docs")
class FolderController {

  /** A listing as sent, with an ETag made from its bytes, so two readers' listings never share one. */
  private record Rendered(long version, byte[] body, String etag) {}

  private final Map<String, Rendered> rendered = new java.util.concurrent.ConcurrentHashMap<>();
  private final DocumentFolders folders;
  private final DocumentStore store;
  private final JsonMapper jsonMapper;

  FolderController(DocumentFolders folders, DocumentStore store, JsonMapper json) {
    this.folders = folders;
    this.store = store;
    this.jsonMapper = json;
  }

  @GetMapping("/")
  ModelAndView docs(@PathVariable String slug, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    return listing(request, response, "/t/fg/" + slug + "/docs/", new DocumentFolders.Listing(folders.docs(slug), ""),
        false);
  }

  @GetMapping("/incoming/")
  ModelAndView incoming(@PathVariable String slug, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    return listing(request, response, "/t/fg/" + slug + "/docs/incoming/", folders.incoming(slug, Reader.current()),
        true);
  }

  @GetMapping("/{code}/")
  ModelAndView meeting(@PathVariable String slug, @PathVariable String code, HttpServletRequest request,
      HttpServletResponse response) throws IOException {
    folders.meeting(slug, code, Reader.current());
    return listing(request, response, "/t/fg/" + slug + "/docs/" + code + "/",
        new DocumentFolders.Listing(List.of(FolderEntry.folder("in")), ""), false);
  }

  @GetMapping("/{code}/in/")
  ModelAndView published(@PathVariable String slug, @PathVariable String code, HttpServletRequest request,
      HttpServletResponse response) throws IOException {
    return listing(request, response, "/t/fg/" + slug + "/docs/" + code + "/in/",
        folders.published(slug, code, Reader.current()), true);
  }

  @GetMapping({"", "/incoming", "/{code}", "/{code}/in"})
  String withSlash(HttpServletRequest request) {
    return "redirect:" + request.getRequestURI() + "/";
  }

  @GetMapping("/incoming/{name}")
  void incomingFile(@PathVariable String slug, @PathVariable String name, HttpServletRequest request,
      HttpServletResponse response) throws IOException {
    FolderEntry entry = folders.incomingFile(slug, name, Reader.current()).orElseThrow(() -> missing(name));
    FileSender.send(request, response, store.file(entry.storePath()), entry);
  }

  @GetMapping("/{code}/in/{name}")
  void publishedFile(@PathVariable String slug, @PathVariable String code, @PathVariable String name,
      HttpServletRequest request, HttpServletResponse response) throws IOException {
    Reader reader = Reader.current();
    var entry = folders.publishedFile(slug, code, name, reader);
    if (entry.isEmpty() && folders.withdrawn(slug, code, name, reader)) {
      response.sendError(HttpServletResponse.SC_GONE);
      return;
    }
    FolderEntry file = entry.orElseThrow(() -> missing(name));
    FileSender.send(request, response, store.file(file.storePath()), file);
  }

  @RequestMapping(path = {"/**"}, method = {RequestMethod.PUT, RequestMethod.DELETE, RequestMethod.POST,
      RequestMethod.PATCH})
  ResponseEntity<ProblemDetail> readOnly() {
    return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).header(HttpHeaders.ALLOW, "GET, HEAD")
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(ProblemDetail.forStatusAndDetail(HttpStatus.METHOD_NOT_ALLOWED,
            "These folders are read-only: upload on the document's page, with the API or by FTP."));
  }

  /**
   * Sends a listing as a page or, for {@code Accept: application/json}, as JSON. Both are kept
   * rendered until a contribution changes ({@link DocumentFolders#version()}), one rendering per
   * variant of what the reader may see, and carry a hash of their bytes as their ETag, so a client
   * that has the listing gets 304 and one that saw another reader's listing does not.
   */
  private ModelAndView listing(HttpServletRequest request, HttpServletResponse response, String path,
      DocumentFolders.Listing listing, boolean files) throws IOException {
    List<FolderEntry> entries = listing.entries();
    String accept = request.getHeader(HttpHeaders.ACCEPT);
    boolean json = accept != null && accept.contains(MediaType.APPLICATION_JSON_VALUE)
        && !accept.contains(MediaType.TEXT_HTML_VALUE);
    long version = folders.version();
    String key = (json ? "json:" : "html:") + path + "|" + listing.variant();
    Rendered rendered = this.rendered.get(key);
    if (rendered == null || rendered.version() != version) {
      byte[] body = json ? jsonMapper.writeValueAsBytes(Map.of("path", path, "entries",
          entries.stream().map(FolderController::jsonEntry).toList())) : FolderPage.html(path, entries, files);
      rendered = new Rendered(version, body, etag(body, json));
      if (this.rendered.size() > 10_000) {
        this.rendered.clear();
      }
      this.rendered.put(key, rendered);
    }
    response.setHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT);
    if (new org.springframework.web.context.request.ServletWebRequest(request, response).checkNotModified(rendered.etag())) {
      return null;
    }
    response.setContentType(json ? MediaType.APPLICATION_JSON_VALUE : "text/html;charset=UTF-8");
    response.setContentLength(rendered.body().length);
    if (!"HEAD".equals(request.getMethod())) {
      response.getOutputStream().write(rendered.body());
    }
    return null;
  }

  private static String etag(byte[] body, boolean json) {
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(body);
      return "\"" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22)
          + (json ? "j" : "h") + "\"";
    } catch (java.security.NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private static Map<String, Object> jsonEntry(FolderEntry e) {
    if (e.folder()) {
      return Map.of("name", e.name(), "type", "folder");
    }
    var map = new java.util.LinkedHashMap<String, Object>();
    map.put("name", e.name());
    map.put("type", "file");
    map.put("size", e.size());
    map.put("modified", e.modified().toString());
    map.put("sha256", e.sha256());
    map.put("number", e.number());
    map.put("title", e.title());
    map.put("source", e.source());
    map.put("late", e.late());
    return map;
  }

  private static java.util.NoSuchElementException missing(String name) {
    return new java.util.NoSuchElementException("There is no file \"" + ContributionDesk.printable(name) + "\" here.");
  }
}
