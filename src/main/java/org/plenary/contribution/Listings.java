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
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.plenary.account.PlenaryUser;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.HtmlUtils;
import org.plenary.shared.Words;
import org.springframework.context.ApplicationContext;
import org.springframework.context.MessageSource;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends a folder listing of the circular's tree, over HTTP, as a page in the site's layout or, for
 * {@code Accept: application/json}, as JSON. Both are kept as bytes until the folder changes, and
 * carry that state as their ETag (304, and 412 for an If-Match that no longer holds). The layout
 * around the listing is the {@code contribution/listing} template: for people who are not signed
 * in (almost every request of a mirror or a crawler) it is made once per language and written around the
 * kept listing; a signed-in person's page, whose header names them, is rendered by the template engine each time.
 * A page is in the reader's language (account, {@code ?lang=}, cookie or {@code Accept-Language}):
 * pages are kept per language, the language is part of their ETag, and they vary on
 * {@code Accept-Language} and {@code Cookie}, so that no cache serves or revalidates one language to
 * a reader of another. JSON has no words and is the same in every language.
 */
@Component
class Listings {

  private static final String TITLE = "@@plenary-listing-title@@";
  private static final String LISTING = "@@plenary-listing-body@@";

  /**
   * A listing's HTML (the page's {@code <main>}) or its JSON, in UTF-8. The page for people who are
   * not signed in is written as the layout's parts around these bytes, not kept as a copy of them.
   */
  private record Rendered(long stamp, byte[] bytes) {

    /** About the bytes it holds. */
    int weight() {
      return 64 + bytes.length;
    }
  }

  /**
   * What the kept renderings may hold at most, in bytes: past it the least used are dropped. A folder
   * of 100,000 documents renders to about 30 MB of HTML (kept once: the anonymous page is written
   * around it) and as much JSON: at 32 MiB it was rendered again at every request.
   */
  static final long MAX_RENDERED_BYTES = 128L << 20;

  /**
   * Renderings by path, variant and language (and HTML or JSON): bounded by their size, not their
   * number (one listing of a large folder weighs more than thousands of small ones), and dropped
   * when nobody asked for them for ten minutes.
   */
  private final Cache<String, Rendered> rendered = Caffeine.newBuilder().maximumWeight(MAX_RENDERED_BYTES)
      .weigher((String key, Rendered value) -> key.length() + value.weight())
      .expireAfterAccess(Duration.ofMinutes(10)).build();
  private final JsonMapper jsonMapper;
  private final ITemplateEngine templates;
  private final Map<Locale, byte[][]> layouts = new ConcurrentHashMap<>();
  private final ApplicationContext context;
  private final MessageSource words;

  Listings(JsonMapper jsonMapper, ITemplateEngine templates, ApplicationContext context, MessageSource words) {
    this.words = words;
    this.jsonMapper = jsonMapper;
    this.templates = templates;
    this.context = context;
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
    Locale locale = Words.reader();
    String etag = "\"" + (json ? "j" : "h") + Long.toHexString(stamp)
        + (json ? "" : "-" + locale.toLanguageTag())
        + (json || user.isEmpty() ? "" : "-" + Integer.toHexString(user.get().getUsername().hashCode())) + "\"";
    // The page's language follows Accept-Language and the language cookie (and the account, for which the page is private).
    response.setHeader(HttpHeaders.VARY, json ? HttpHeaders.ACCEPT
        : HttpHeaders.ACCEPT + ", " + HttpHeaders.ACCEPT_LANGUAGE + ", " + HttpHeaders.COOKIE);
    if (!json) {
      response.setHeader(HttpHeaders.CONTENT_LANGUAGE, locale.toLanguageTag());
    }
    if (user.isPresent()) {
      // What a signed-in reader sees may hold private meetings' files: no shared cache keeps it (page or JSON).
      response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-cache");
    }
    if (Preconditions.answered(request, response, etag)
        || new ServletWebRequest(request, response).checkNotModified(etag)) {
      return null;
    }
    if (json) {
      send(request, response, MediaType.APPLICATION_JSON_VALUE, jsonBytes(path + "|" + variant, path, entries, stamp));
      return null;
    }
    byte[] listing = html(path + "|" + variant + "|" + locale.toLanguageTag(), path, entries, files, stamp, zone, locale);
    if (user.isPresent()) {
      response.setHeader(HttpHeaders.ETAG, etag);
      return new ModelAndView("contribution/listing", Map.of("title", FolderPage.title(path, words, locale),
          "listing", new String(listing, StandardCharsets.UTF_8)));
    }
    byte[][] layout = layout(request, response, locale);
    byte[] title = HtmlUtils.htmlEscape(FolderPage.title(path, words, locale)).getBytes(StandardCharsets.UTF_8);
    send(request, response, "text/html;charset=UTF-8", layout[0], title, layout[1], listing, layout[2]);
    return null;
  }

  private static void send(HttpServletRequest request, HttpServletResponse response, String type, byte[]... parts)
      throws IOException {
    response.setContentType(type);
    long length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    response.setContentLengthLong(length);
    if (!"HEAD".equals(request.getMethod())) {
      var out = response.getOutputStream();
      for (byte[] part : parts) {
        out.write(part);
      }
    }
  }

  /** The listing's HTML, the same for the page of a signed-in reader and of anyone else. */
  private byte[] html(String cacheKey, String path, List<FolderEntry> entries, boolean files, long stamp, ZoneId zone,
      Locale locale) {
    String key = "html:" + cacheKey;
    Rendered hit = rendered.getIfPresent(key);
    if (hit != null && hit.stamp() == stamp) {
      return hit.bytes();
    }
    byte[] listing = FolderPage.html(path, entries, files, zone, words, locale).getBytes(StandardCharsets.UTF_8);
    return remember(key, new Rendered(stamp, listing)).bytes();
  }

  private byte[] jsonBytes(String cacheKey, String path, List<FolderEntry> entries, long stamp) {
    String key = "json:" + cacheKey;
    Rendered hit = rendered.getIfPresent(key);
    if (hit != null && hit.stamp() == stamp) {
      return hit.bytes();
    }
    byte[] body = jsonMapper.writeValueAsBytes(Map.of("path", path, "entries",
        entries.stream().map(Listings::jsonEntry).toList()));
    return remember(key, new Rendered(stamp, body)).bytes();
  }

  private Rendered remember(String key, Rendered value) {
    rendered.put(key, value);
    return value;
  }

  /**
   * The page around a listing for someone not signed in, in one of the six languages: before the title,
   * between title and listing, after. Made once per language (its links are relative, see the layout's
   * language switcher), with the application's beans at hand as on any page.
   */
  private byte[][] layout(HttpServletRequest request, HttpServletResponse response, Locale locale) {
    return layouts.computeIfAbsent(locale, l -> layoutIn(request, response, l));
  }

  private byte[][] layoutIn(HttpServletRequest request, HttpServletResponse response, Locale locale) {
    var exchange = JakartaServletWebApplication.buildApplication(request.getServletContext())
        .buildExchange(request, response);
    var variables = new WebContext(exchange, locale, Map.of("title", TITLE, "listing", LISTING));
    variables.setVariable(ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME,
        new ThymeleafEvaluationContext(context, null));
    String page = templates.process("contribution/listing", variables);
    int title = page.indexOf(TITLE);
    int listing = page.indexOf(LISTING);
    return new byte[][] {page.substring(0, title).getBytes(StandardCharsets.UTF_8),
        page.substring(title + TITLE.length(), listing).getBytes(StandardCharsets.UTF_8),
        page.substring(listing + LISTING.length()).getBytes(StandardCharsets.UTF_8)};
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
