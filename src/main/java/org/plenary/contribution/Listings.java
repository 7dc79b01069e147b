package org.plenary.contribution;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.plenary.account.PlenaryUser;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.HtmlUtils;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends a folder listing of the circular's tree, over HTTP, as a page in the site's layout or, for
 * {@code Accept: application/json}, as JSON. Both are kept as bytes until the folder changes, and
 * carry that state as their ETag (304, and 412 for an If-Match that no longer holds). The layout
 * around the listing is the {@code contribution/listing} template: for people who are not signed
 * in (almost every request of a mirror or a crawler) it is rendered once and kept as bytes; a
 * signed-in person's page, whose header names them, is rendered by the template engine each time.
 */
@Component
class Listings {

  private static final String TITLE = "@@plenary-listing-title@@";
  private static final String LISTING = "@@plenary-listing-body@@";

  private record Rendered(long stamp, byte[] anonymousPage, String main) {}

  private final Map<String, Rendered> rendered = new ConcurrentHashMap<>();
  private final JsonMapper jsonMapper;
  private final ITemplateEngine templates;
  /** For the layout's {@code @bean} expressions (the language links), which a bare WebContext cannot resolve. */
  private final org.springframework.context.ApplicationContext beans;
  private volatile byte[][] layout;

  Listings(JsonMapper jsonMapper, ITemplateEngine templates, org.springframework.context.ApplicationContext beans) {
    this.beans = beans;
    this.jsonMapper = jsonMapper;
    this.templates = templates;
  }

  /** A listing that is the same for every reader. */
  ModelAndView send(HttpServletRequest request, HttpServletResponse response, String path, List<FolderEntry> entries,
      boolean files, long version) throws IOException {
    return send(request, response, path, entries, files, version, "", ZoneOffset.UTC);
  }

  /**
   * Answers the listing of {@code path}. {@code version} is the register's version: file listings
   * change only with it; a listing of folders also changes with the folders it names. {@code variant}
   * names what {@link DocumentAccess} left out for this reader: listings of different variants are
   * kept apart and never share an ETag, so one reader's listing is never served or revalidated to another.
   * Dates are shown in {@code zone} (the meeting's for its folders, UTC for incoming).
   */
  ModelAndView send(HttpServletRequest request, HttpServletResponse response, String path, List<FolderEntry> entries,
      boolean files, long version, String variant, ZoneId zone) throws IOException {
    String accept = request.getHeader(HttpHeaders.ACCEPT);
    boolean json = accept != null && accept.contains(MediaType.APPLICATION_JSON_VALUE)
        && !accept.contains(MediaType.TEXT_HTML_VALUE);
    long stamp = (files ? version : version * 31 + entries.hashCode()) * 31 + variant.hashCode();
    var user = PlenaryUser.current();
    String etag = "\"" + (json ? "j" : "h") + Long.toHexString(stamp)
        + (json || user.isEmpty() ? "" : "-" + Integer.toHexString(user.get().getUsername().hashCode())) + "\"";
    response.setHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT);
    if (user.isPresent()) {
      // What a signed-in reader sees may hold private meetings' files: no shared cache keeps it (page or JSON).
      response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-cache");
    }
    if (Preconditions.answered(request, response, etag)
        || new ServletWebRequest(request, response).checkNotModified(etag)) {
      return null;
    }
    if (!json && user.isPresent()) {
      response.setHeader(HttpHeaders.ETAG, etag);
      return new ModelAndView("contribution/listing",
          Map.of("title", FolderPage.title(path), "listing",
              rendered(path + "|" + variant, path, entries, files, stamp, false, null, zone).main()));
    }
    byte[] body = json ? jsonBytes(path + "|" + variant, path, entries, stamp)
        : rendered(path + "|" + variant, path, entries, files, stamp, true, layout(request, response), zone).anonymousPage();
    response.setContentType(json ? MediaType.APPLICATION_JSON_VALUE : "text/html;charset=UTF-8");
    response.setContentLength(body.length);
    if (!"HEAD".equals(request.getMethod())) {
      response.getOutputStream().write(body);
    }
    return null;
  }

  private Rendered rendered(String cacheKey, String path, List<FolderEntry> entries, boolean files, long stamp,
      boolean page, byte[][] layout, ZoneId zone) {
    String key = "html:" + cacheKey;
    Rendered hit = rendered.get(key);
    if (hit != null && hit.stamp() == stamp && (!page || hit.anonymousPage() != null)) {
      return hit;
    }
    String main = hit != null && hit.stamp() == stamp ? hit.main() : FolderPage.html(path, entries, files, zone);
    byte[] anonymousPage = null;
    if (page) {
      byte[] title = HtmlUtils.htmlEscape(FolderPage.title(path)).getBytes(StandardCharsets.UTF_8);
      byte[] listing = main.getBytes(StandardCharsets.UTF_8);
      anonymousPage = new byte[layout[0].length + title.length + layout[1].length + listing.length + layout[2].length];
      int at = 0;
      for (byte[] part : new byte[][] {layout[0], title, layout[1], listing, layout[2]}) {
        System.arraycopy(part, 0, anonymousPage, at, part.length);
        at += part.length;
      }
    }
    return remember(key, new Rendered(stamp, anonymousPage, main));
  }

  private byte[] jsonBytes(String cacheKey, String path, List<FolderEntry> entries, long stamp) {
    String key = "json:" + cacheKey;
    Rendered hit = rendered.get(key);
    if (hit != null && hit.stamp() == stamp) {
      return hit.anonymousPage();
    }
    byte[] body = jsonMapper.writeValueAsBytes(Map.of("path", path, "entries",
        entries.stream().map(Listings::jsonEntry).toList()));
    return remember(key, new Rendered(stamp, body, null)).anonymousPage();
  }

  private Rendered remember(String key, Rendered value) {
    if (rendered.size() > 10_000) {
      rendered.clear();
    }
    rendered.put(key, value);
    return value;
  }

  /** The page around a listing for someone not signed in: before the title, between title and listing, after. */
  private byte[][] layout(HttpServletRequest request, HttpServletResponse response) {
    byte[][] parts = layout;
    if (parts == null) {
      var exchange = JakartaServletWebApplication.buildApplication(request.getServletContext())
          .buildExchange(request, response);
      WebContext context = new WebContext(exchange, Locale.ENGLISH, Map.of("title", TITLE, "listing", LISTING));
      context.setVariable(org.thymeleaf.spring6.expression.ThymeleafEvaluationContext
          .THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME,
          new org.thymeleaf.spring6.expression.ThymeleafEvaluationContext(beans, null));
      String page = templates.process("contribution/listing", context);
      int title = page.indexOf(TITLE);
      int listing = page.indexOf(LISTING);
      parts = new byte[][] {page.substring(0, title).getBytes(StandardCharsets.UTF_8),
          page.substring(title + TITLE.length(), listing).getBytes(StandardCharsets.UTF_8),
          page.substring(listing + LISTING.length()).getBytes(StandardCharsets.UTF_8)};
      layout = parts;
    }
    return parts;
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
}
