package org.plenary.contribution;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.handler.AbstractHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Sends a GET or HEAD of a document file ({@code /t/fg/<group>/docs/<code>/<in|out>/<name>} and
 * {@code /t/fg/<group>/docs/incoming/<name>}) straight to {@link FolderController}'s method, by
 * counting the path's segments, instead of letting the request mapping try each of the
 * application's patterns (the file paths are not fixed, so every download paid for that scan).
 * Ordered first; anything else (listings, other methods, {@code MANIFEST.json}, the ZIP files)
 * falls through to the ordinary mappings. The handler is the controller's own method, so argument
 * resolution, exception handlers and interceptors are those of the mapped route.
 */
@Component
class DocumentFileMapping extends AbstractHandlerMapping {

  /** {@code ArchiveController}'s file in each published folder; left to the ordinary mapping. */
  static final String MANIFEST = "MANIFEST.json";
  private static final String INCOMING_PATTERN = "/t/fg/{slug}/docs/incoming/{name}";

  private final HandlerMethod published;
  private final HandlerMethod incoming;

  DocumentFileMapping(FolderController controller) throws NoSuchMethodException {
    Class<?> type = FolderController.class;
    Method publishedFile = type.getDeclaredMethod("publishedFile", String.class, String.class, String.class,
        String.class, HttpServletRequest.class, jakarta.servlet.http.HttpServletResponse.class);
    Method incomingFile = type.getDeclaredMethod("incomingFile", String.class, String.class,
        HttpServletRequest.class, jakarta.servlet.http.HttpServletResponse.class);
    this.published = new HandlerMethod(controller, publishedFile);
    this.incoming = new HandlerMethod(controller, incomingFile);
    setOrder(Ordered.HIGHEST_PRECEDENCE);
  }

  @Override
  protected Object getHandlerInternal(HttpServletRequest request) {
    String method = request.getMethod();
    if (!"GET".equals(method) && !"HEAD".equals(method)) {
      return null;
    }
    String uri = request.getRequestURI();
    String context = request.getContextPath();
    if (!uri.startsWith(context + "/t/fg/")) {
      return null;
    }
    List<String> segments = segments(request);
    if (segments == null || segments.size() < 6 || !"t".equals(segments.get(0)) || !"fg".equals(segments.get(1))
        || !"docs".equals(segments.get(3))) {
      return null;
    }
    if (segments.size() == 6 && "incoming".equals(segments.get(4))) {
      return matched(request, incoming, INCOMING_PATTERN,
          Map.of("slug", segments.get(2), "name", segments.get(5)));
    }
    String folder = segments.size() == 7 ? segments.get(5) : "";
    if (("in".equals(folder) || "out".equals(folder)) && !MANIFEST.equals(segments.get(6))) {
      return matched(request, published, PublishedFiles.PATTERN, Map.of("slug", segments.get(2),
          "code", segments.get(4), "folder", folder, "name", segments.get(6)));
    }
    return null;
  }

  /**
   * The decoded segments of the path within the application (path parameters removed, as the
   * patterns match them), or null when a segment is empty (a trailing or a doubled slash).
   */
  private static List<String> segments(HttpServletRequest request) {
    var path = ServletRequestPathUtils.hasParsedRequestPath(request)
        ? ServletRequestPathUtils.getParsedRequestPath(request)
        : ServletRequestPathUtils.parseAndCache(request);
    var segments = new ArrayList<String>(8);
    boolean afterSeparator = false;
    for (PathContainer.Element element : path.pathWithinApplication().elements()) {
      if (element instanceof PathContainer.PathSegment segment) {
        if (segment.valueToMatch().isEmpty()) {
          return null;
        }
        segments.add(segment.valueToMatch());
        afterSeparator = false;
      } else {
        if (afterSeparator) {
          return null;
        }
        afterSeparator = true;
      }
    }
    return afterSeparator ? null : segments;
  }

  /** What the request mapping sets for a match: the variables, the pattern (also for the metrics' uri tag). */
  private static HandlerMethod matched(HttpServletRequest request, HandlerMethod handler, String pattern,
      Map<String, String> variables) {
    request.setAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE, handler);
    request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, pattern);
    request.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, variables);
    ServerHttpObservationFilter.findObservationContext(request).ifPresent(context -> context.setPathPattern(pattern));
    return handler;
  }
}
