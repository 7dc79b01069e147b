package org.plenary.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Set;

/**
 * What scripts and feed readers fetch outside the API: the document folders under {@code /t/} (their files,
 * ZIPs and manifests, and the listings a mirroring tool walks), and every answer outside them that is data, never a
 * page: the feeds ({@code .atom}, {@code .ics}), the lists ({@code .csv}), the documents made for a reader
 * ({@code .pdf}, {@code .docx}) and archives ({@code .zip}). Such a request may carry
 * {@code Authorization: Bearer <token>} as the API's do (the chain of {@link SecurityConfiguration} that reads
 * them); without credentials, one that must be signed in for is answered 401 with the Bearer challenge (RFC 6750),
 * not sent to the sign-in page, which a script cannot fill in. The folder listings, pages, and any download a
 * browser navigates to still lead there.
 */
final class Downloads {

  /** The endings of the answers outside {@code /t/} that are data. */
  private static final Set<String> ENDINGS = Set.of(".atom", ".ics", ".csv", ".pdf", ".docx", ".zip");

  private Downloads() {}

  /** Whether a bearer token may be sent for this request: anything under {@code /t/}, or a download. */
  static boolean readableByToken(HttpServletRequest request) {
    String path = path(request);
    return path.startsWith("/t/") || path.equals("/t") || data(path);
  }

  /**
   * Whether a missing credential on this request is a 401 rather than the sign-in page: a request for data, not a page,
   * that a browser is not navigating to. A delegate following a mail's link to a private document, signed out, is led
   * to sign in and back (browsers say {@code Sec-Fetch-Mode: navigate} on every navigation; scripts and feed readers
   * never do).
   */
  static boolean download(HttpServletRequest request) {
    String path = path(request);
    boolean data = path.startsWith("/t/") ? !path.endsWith("/") : data(path);
    return data && !"navigate".equalsIgnoreCase(request.getHeader("Sec-Fetch-Mode"));
  }

  private static boolean data(String path) {
    if (path.startsWith("/api/") || path.startsWith("/actuator")) {
      return false;
    }
    int slash = path.lastIndexOf('/');
    int dot = path.lastIndexOf('.');
    return dot > slash && ENDINGS.contains(path.substring(dot).toLowerCase(Locale.ROOT));
  }

  /** The path within the application, without path parameters ({@code ;jsessionid=…}). */
  private static String path(HttpServletRequest request) {
    String uri = request.getRequestURI();
    if (uri == null) {
      return "";
    }
    String context = request.getContextPath();
    String path = context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    int parameters = path.indexOf(';');
    return parameters < 0 ? path : path.substring(0, parameters);
  }
}
