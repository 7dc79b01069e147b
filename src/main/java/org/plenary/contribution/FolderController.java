package org.plenary.contribution;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.shared.PageController;
import org.plenary.store.DocumentStore;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The circular's folders over HTTP, read-only: {@code /t/fg/cloud/docs/}, {@code …/incoming/},
 * {@code …/1006-gva/in/}, {@code …/1006-gva/out/}. A listing page by default, JSON for {@code Accept: application/json};
 * files with ranges, ETag and sendfile. Nothing here writes: other methods are 405, and the folders
 * above ({@code /t/}, {@code /t/fg/}, {@code /t/fg/cloud/}) are {@link FolderTreeController}'s.
 */
@PageController
@RequestMapping("/t/fg/{slug}/docs")
class FolderController {

  private final DocumentFolders folders;
  private final DocumentStore store;
  private final Listings listings;
  private final MeetingCatalog meetings;
  private final PublishedFiles files;

  FolderController(DocumentFolders folders, DocumentStore store, Listings listings, MeetingCatalog meetings,
      PublishedFiles files) {
    this.folders = folders;
    this.store = store;
    this.listings = listings;
    this.meetings = meetings;
    this.files = files;
  }

  @GetMapping("/")
  ModelAndView docs(@PathVariable String slug, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    return listing(request, response, "/t/fg/" + slug + "/docs/", new DocumentFolders.Listing(folders.docs(slug), ""),
        false, ZoneOffset.UTC);
  }

  @GetMapping("/incoming/")
  ModelAndView incoming(@PathVariable String slug, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    return listing(request, response, "/t/fg/" + slug + "/docs/incoming/", folders.incoming(slug, Reader.current()),
        true, ZoneOffset.UTC);
  }

  @GetMapping("/{code}/")
  ModelAndView meeting(@PathVariable String slug, @PathVariable String code, HttpServletRequest request,
      HttpServletResponse response) throws IOException {
    return listing(request, response, "/t/fg/" + slug + "/docs/" + code + "/",
        new DocumentFolders.Listing(folders.meetingFolders(slug, code, Reader.current()), ""), false, ZoneOffset.UTC);
  }

  @GetMapping("/{code}/{folder:in|out}/")
  ModelAndView published(@PathVariable String slug, @PathVariable String code, @PathVariable String folder,
      HttpServletRequest request, HttpServletResponse response) throws IOException {
    return listing(request, response, "/t/fg/" + slug + "/docs/" + code + "/" + folder + "/",
        folders.published(slug, code, folder, Reader.current()), true, meetings.get(slug, code).timeZone());
  }

  @GetMapping({"", "/incoming", "/{code}", "/{code}/{folder:in|out}"})
  String withSlash(HttpServletRequest request) {
    return "redirect:" + request.getRequestURI() + "/";
  }

  @GetMapping("/incoming/{name}")
  void incomingFile(@PathVariable String slug, @PathVariable String name, HttpServletRequest request,
      HttpServletResponse response) throws IOException {
    Reader reader = Reader.current();
    FolderEntry entry = folders.incomingFile(slug, name, reader).orElseThrow(() -> missing(name));
    for (int attempt = 1; ; attempt++) {
      try {
        FileSender.sendMoving(request, response, store, entry, reader);
        return;
      } catch (FileSender.Gone gone) {
        // Replaced (or published, rejected) since it was looked up: the version waiting now, read again
        // from the register, or none. Never the bytes of one version under the headers of another.
        FileSender.forget(response);
        if (attempt == DocumentFolders.LOOK_UPS) {
          throw missing(name);
        }
        entry = folders.incomingFileNow(slug, name, reader).orElseThrow(() -> missing(name));
      }
    }
  }

  @GetMapping("/{code}/{folder:in|out}/{name}")
  void publishedFile(@PathVariable String slug, @PathVariable String code, @PathVariable String folder,
      @PathVariable String name, HttpServletRequest request, HttpServletResponse response) throws IOException {
    Reader reader = Reader.current();
    var entry = folders.publishedFile(slug, code, folder, name, reader);
    if (entry.isEmpty() && folders.withdrawn(slug, code, folder, name, reader)) {
      response.sendError(HttpServletResponse.SC_GONE);
      return;
    }
    try {
      files.send(entry.orElseThrow(() -> missing(name)), reader, request, response);
    } catch (FileSender.Gone gone) {
      // Withdrawn between the look-up and the opening of its file: nothing was said yet, so it is said now.
      FileSender.forget(response);
      if (folders.withdrawn(slug, code, folder, name, reader)) {
        response.sendError(HttpServletResponse.SC_GONE);
        return;
      }
      throw missing(name);
    }
  }

  private ModelAndView listing(HttpServletRequest request, HttpServletResponse response, String path,
      DocumentFolders.Listing listing, boolean files, ZoneId zone) throws IOException {
    return listings.send(request, response, path, listing, files, zone);
  }

  private static java.util.NoSuchElementException missing(String name) {
    return new org.plenary.shared.UnknownException("contribution", "contribution.unknown.file", ContributionDesk.printable(name));
  }
}
