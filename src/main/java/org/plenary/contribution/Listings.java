package org.plenary.contribution;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.plenary.account.PlenaryUser;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
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
 * {@code Accept: application/json}, as JSON. Both are rendered once per content and kept
 * ({@link ListingFiles}: a large one as a file, sent with sendfile and ranges like a document), and
 * carry a digest of what they show as their ETag (304, and 412 for an If-Match that no longer holds):
 * never the register's version, which also moves with documents this reader may not see. The layout
 * around the listing is the {@code contribution/listing} template: for people who are not signed
 * in (almost every request of a mirror or a crawler) it is made once per language and the whole page
 * is kept; a signed-in person's page, whose header names them, is rendered by the template engine each
 * time around the listing read from the kept page.
 * A page is in the reader's language (account, {@code ?lang=}, cookie or {@code Accept-Language}):
 * pages are kept per language, the language is part of their ETag, and they vary on
 * {@code Accept-Language} and {@code Cookie}, so that no cache serves or revalidates one language to
 * a reader of another. JSON has no words and is the same in every language.
 */
@Component
class Listings {

  private static final String TITLE = "@@plenary-listing-title@@";
  private static final String LISTING = "@@plenary-listing-body@@";

  private final JsonMapper jsonMapper;
  private final ITemplateEngine templates;
  private final Map<Locale, byte[][]> layouts = new ConcurrentHashMap<>();
  private final ApplicationContext context;
  private final MessageSource words;
  private final ListingFiles renderings;

  Listings(JsonMapper jsonMapper, ITemplateEngine templates, ApplicationContext context, MessageSource words,
      ListingFiles renderings) {
    this.renderings = renderings;
    this.words = words;
    this.jsonMapper = jsonMapper;
    this.templates = templates;
    this.context = context;
  }

  /**
   * Answers the listing of {@code path}: {@code listing}'s entries, of files ({@code files}) or folders.
   * Its ETag is made from what the reader is shown ({@link DocumentFolders.Listing#digest}, and for a page its
   * language and {@code zone}), so that a change of a document this reader may not see (a private meeting's
   * upload, replacement or withdrawal) moves neither the tag nor the 304 decision. The listing's
   * {@code variant} names what {@link DocumentAccess} left out for this reader: renderings of different
   * variants are kept apart, so one reader's listing is never served to another. Dates are shown in
   * {@code zone} (the meeting's for its folders, UTC for incoming).
   */
  ModelAndView send(HttpServletRequest request, HttpServletResponse response, String path,
      DocumentFolders.Listing listing, boolean files, ZoneId zone) throws IOException {
    List<FolderEntry> entries = listing.entries();
    String variant = listing.variant();
    String accept = request.getHeader(HttpHeaders.ACCEPT);
    boolean json = accept != null && accept.contains(MediaType.APPLICATION_JSON_VALUE)
        && !accept.contains(MediaType.TEXT_HTML_VALUE);
    long stamp = listing.digest();
    if (!json) {
      // The page's dates are in the meeting's zone, which may change without a change of the entries.
      stamp = stamp * 31 + zone.getId().hashCode();
    }
    var user = PlenaryUser.current();
    Locale locale = Words.reader();
    // Kept pages and JSON are also kept gzipped for the clients that ask (a signed-in reader's page is made each time).
    boolean gzip = (json || user.isEmpty()) && ListingFiles.gzipAccepted(request);
    String etag = "\"" + (json ? "j" : "h") + Long.toHexString(stamp)
        + (json ? "" : "-" + locale.toLanguageTag())
        + (json || user.isEmpty() ? "" : "-" + user.get().viewDigest())
        + (gzip ? "-gz" : "") + "\"";
    // The page's language follows Accept-Language and the language cookie (and the account, for which the page is private).
    response.setHeader(HttpHeaders.VARY, json ? HttpHeaders.ACCEPT + ", " + HttpHeaders.ACCEPT_ENCODING
        : HttpHeaders.ACCEPT + ", " + HttpHeaders.ACCEPT_ENCODING + ", " + HttpHeaders.ACCEPT_LANGUAGE + ", "
            + HttpHeaders.COOKIE);
    if (!json) {
      response.setHeader(HttpHeaders.CONTENT_LANGUAGE, locale.toLanguageTag());
    }
    // Kept and asked again with its ETag, as a document is (a 304 rather than the whole listing again), never
    // stored by the security defaults' "no-store"; what a signed-in reader sees may hold private meetings'
    // files: no shared cache keeps it (page or JSON).
    response.setHeader(HttpHeaders.CACHE_CONTROL, Reader.of(user.orElse(null)).cacheControl());
    if (Preconditions.answered(request, response, etag)
        || new ServletWebRequest(request, response).checkNotModified(etag)) {
      return null;
    }
    if (json) {
      String key = "json|" + path + "|" + variant;
      var kept = renderings.kept(key, stamp, out -> writeJson(out, path, entries));
      send(request, response, gzip ? renderings.gzipped(key, kept) : kept, gzip, etag, MediaType.APPLICATION_JSON_VALUE);
      return null;
    }
    // The page for a reader who is not signed in, kept whole; a signed-in reader's page puts its own header
    // around the same listing, read from it.
    byte[][] layout = layout(request, response, locale);
    byte[] title = HtmlUtils.htmlEscape(FolderPage.title(path, words, locale)).getBytes(StandardCharsets.UTF_8);
    String key = "html|" + path + "|" + variant + "|" + locale.toLanguageTag();
    var page = renderings.kept(key, stamp, out -> {
      out.write(layout[0]);
      out.write(title);
      out.write(layout[1]);
      var writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
      FolderPage.write(writer, path, entries, files, zone, words, locale);
      writer.flush();
      out.write(layout[2]);
    });
    if (user.isPresent()) {
      response.setHeader(HttpHeaders.ETAG, etag);
      int start = layout[0].length + title.length + layout[1].length;
      return new ModelAndView("contribution/listing", Map.of("title", FolderPage.title(path, words, locale),
          "listing", read(page, start, (int) (page.length() - start - layout[2].length))));
    }
    send(request, response, gzip ? renderings.gzipped(key, page) : page, gzip, etag, "text/html;charset=UTF-8");
    return null;
  }

  private static void send(HttpServletRequest request, HttpServletResponse response, ListingFiles.Kept kept,
      boolean gzip, String etag, String type) throws IOException {
    response.setContentType(type);
    if (gzip) {
      response.setHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
    }
    FileSender.sendRendering(request, response, kept.file(), kept.bytes(), kept.length(), etag, type);
  }

  /** The listing inside a kept page, for a page that a signed-in reader's header goes around. */
  private static String read(ListingFiles.Kept page, int start, int length) throws IOException {
    if (page.bytes() != null) {
      return new String(page.bytes(), start, length, StandardCharsets.UTF_8);
    }
    try (var channel = java.nio.channels.FileChannel.open(page.file(), java.nio.file.StandardOpenOption.READ)) {
      var buffer = java.nio.ByteBuffer.allocate(length);
      while (buffer.hasRemaining() && channel.read(buffer, start + buffer.position()) >= 0) {
        // read until the listing is whole
      }
      return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }
  }

  private void writeJson(OutputStream out, String path, List<FolderEntry> entries) {
    // Written as the entries are turned into maps; the stream is the kept file's, closed by its owner.
    // In one order on every node and after every start (a Map.of's order is not): the ETag, a digest of the
    // entries, promises the same bytes, and a range resumed on another node must fit the first part.
    var listing = new java.util.LinkedHashMap<String, Object>();
    listing.put("path", path);
    listing.put("entries", entries.stream().map(Listings::jsonEntry).toList());
    jsonMapper.writeValue(ListingFiles.unclosed(out), listing);
  }

  /**
   * The page around a listing for someone not signed in, in one of the six languages: before the title,
   * between title and listing, after. Made once per language (its links are relative, see the layout's
   * language switcher), with the application's beans at hand as on any page.
   */
  private byte[][] layout(HttpServletRequest request, HttpServletResponse response, Locale locale) {
    return layouts.computeIfAbsent(locale, l -> layoutIn(request, response, l));
  }

  /**
   * The layout as a stranger sees it, whoever asked first: it is kept and served to every reader who is not
   * signed in. It was made with the first request of its language as it came, so a signed-in secretariat's
   * first listing showed every stranger that person's name, menu, counts and sign-out button, and any query
   * (?x=1) went into every stranger's language links. So: an anonymous reader's security context, and the
   * request without its query, parameters, user or session.
   */
  private byte[][] layoutIn(HttpServletRequest request, HttpServletResponse response, Locale locale) {
    HttpServletRequest stranger = new StrangersRequest(request);
    var security = SecurityContextHolder.getContext();
    var attributes = RequestContextHolder.getRequestAttributes();
    var anonymous = SecurityContextHolder.createEmptyContext();
    anonymous.setAuthentication(new AnonymousAuthenticationToken(
        "listing-layout", "anonymousUser",
        AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));
    String page;
    try {
      SecurityContextHolder.setContext(anonymous);
      RequestContextHolder.setRequestAttributes(
          new ServletRequestAttributes(stranger, response));
      var exchange = JakartaServletWebApplication.buildApplication(request.getServletContext())
          .buildExchange(stranger, response);
      var variables = new WebContext(exchange, locale, Map.of("title", TITLE, "listing", LISTING));
      variables.setVariable(ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME,
          new ThymeleafEvaluationContext(context, null));
      page = templates.process("contribution/listing", variables);
    } finally {
      SecurityContextHolder.setContext(security);
      RequestContextHolder.setRequestAttributes(attributes);
    }
    int title = page.indexOf(TITLE);
    int listing = page.indexOf(LISTING);
    return new byte[][] {page.substring(0, title).getBytes(StandardCharsets.UTF_8),
        page.substring(title + TITLE.length(), listing).getBytes(StandardCharsets.UTF_8),
        page.substring(listing + LISTING.length()).getBytes(StandardCharsets.UTF_8)};
  }

  private static Map<String, Object> jsonEntry(FolderEntry e) {
    var map = new java.util.LinkedHashMap<String, Object>();
    map.put("name", e.name());
    if (e.folder()) {
      map.put("type", "folder");
      return map;
    }
    map.put("type", "file");
    map.put("size", e.size());
    // To the second, as FTP's MLSD and HTTP's Last-Modified give it: the rest is noise that 100,000 rows pay for.
    map.put("modified", e.modified().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
    map.put("sha256", e.sha256());
    map.put("number", e.number());
    map.put("title", e.title());
    map.put("source", e.source());
    map.put("late", e.late());
    return map;
  }
}
