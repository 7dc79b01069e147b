package org.plenary.contribution;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.http.HttpHeaders;

/**
 * The preconditions of RFC 9110 (section 13) that Spring's {@code checkNotModified} leaves to us on
 * GET and HEAD: {@code If-Match} that matches no current ETag is 412 for every method (13.1.1), and
 * {@code If-None-Match: *} on a resource that exists is 304 for GET and HEAD (13.1.2).
 * {@code checkNotModified} answers the rest (If-None-Match with tags, If-Modified-Since). Every
 * sender of the folders asks it: files, listings and a folder's ZIP.
 */
public final class Preconditions {

  private Preconditions() {}

  /** Answers 412 or 304 when the request's conditions say so; returns whether it answered. */
  public static boolean answered(HttpServletRequest request, HttpServletResponse response, String etag) {
    List<String> ifMatch = tags(request, HttpHeaders.IF_MATCH);
    if (!ifMatch.isEmpty() && !ifMatch.contains("*") && !ifMatch.contains(etag)) {
      response.setStatus(HttpServletResponse.SC_PRECONDITION_FAILED);
      return true;
    }
    String method = request.getMethod();
    if (tags(request, HttpHeaders.IF_NONE_MATCH).contains("*") && ("GET".equals(method) || "HEAD".equals(method))) {
      response.setHeader(HttpHeaders.ETAG, etag);
      response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
      return true;
    }
    return false;
  }

  /**
   * The request's {@code Range} header when it is to be read, or null: none was sent, or an {@code If-Range}
   * names another representation than {@code etag} (another tag, a weak one, or a date, which a strong ETag
   * never matches), and then the whole representation goes with 200 (RFC 9110 13.1.5). Every sender that
   * serves ranges asks it: files, listings and a folder's ZIP.
   */
  public static String range(HttpServletRequest request, String etag) {
    String ifRange = request.getHeader(HttpHeaders.IF_RANGE);
    return ifRange != null && !ifRange.equals(etag) ? null : request.getHeader(HttpHeaders.RANGE);
  }

  /** The entity tags of every value of the header; a weak tag keeps its {@code W/}, so it never matches strongly. */
  private static List<String> tags(HttpServletRequest request, String header) {
    var tags = new ArrayList<String>();
    for (String value : Collections.list(request.getHeaders(header))) {
      for (String tag : value.split(",")) {
        if (!tag.isBlank()) {
          tags.add(tag.strip());
        }
      }
    }
    return tags;
  }
}
