package org.plenary.web;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.PathContainer;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Finds a request's controller method by its path first. For a path with variables (most of the
 * API's) Spring MVC tries every mapping in turn, checking the HTTP method, parameters, headers and
 * media types before the path, each through the request wrappers of the filter chain: with two
 * hundred mappings the look-up cost a tenth of an API request's CPU time. Here a mapping none of
 * whose paths matches is set aside on the path alone; a mapping whose path matches is checked in
 * full as before, so every request finds the same method, and a request no mapping takes gets the
 * same 404, 405 or 415 (those answers are worked out apart, from every mapping).
 *
 * <p>Matching two hundred path patterns was itself most of the look-up (each match read the parsed
 * path through the wrappers again): a pattern's literal start (up to its first variable or wildcard)
 * is compared first with the look-up path, read once per request, and only a pattern whose start the
 * path begins with is matched. A path with a percent sign is matched in full, since its encoded
 * characters may stand for a pattern's literal ones.
 *
 * <p>Even so, Spring's look-up went through every registered mapping of a hash map, each a call that read the
 * request's parsed path through the filter chain's wrappers again (a sixth of an API request's samples). Now the
 * mappings are one array, the parsed path is read once, and when exactly one mapping takes the request (nearly every
 * request) it is the answer, as Spring's look-up would have it; when several do, or none, Spring's look-up decides
 * as before (the best of several, or the 404, 405 or 415).
 */
@Configuration(proxyBeanMethods = false)
class PathFirstMappings {

  @Bean
  WebMvcRegistrations pathFirstRegistrations() {
    return new WebMvcRegistrations() {
      @Override
      public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
        return new PathFirstHandlerMapping();
      }
    };
  }

  /** The controllers' mappings, matched path first. */
  static final class PathFirstHandlerMapping extends RequestMappingHandlerMapping {

    /** The look-up path of the request this thread is finding a method for. */
    private static final ThreadLocal<String> LOOKUP_PATH = new ThreadLocal<>();

    /**
     * Each registered mapping's literal starts, one a path pattern (none for a mapping without path
     * patterns), by identity: a hash look-up by {@link RequestMappingInfo#hashCode()} and
     * {@code equals} cost as much as the pattern matching it saves. Replaced whole on each
     * registration (at start-up), so that the look-ups read it without a lock.
     */
    private volatile Map<RequestMappingInfo, String[]> literalStarts = new IdentityHashMap<>();

    /**
     * Every mapping with its method, literal starts and path patterns, built on the first look-up after a mapping
     * was registered or removed (null until then).
     */
    private volatile Candidate[] candidates;

    /** A mapping as the single-match look-up reads it. */
    private record Candidate(RequestMappingInfo info, HandlerMethod handler, String[] starts, PathPattern[] patterns) {

      boolean takesPath(String literalPath, PathContainer path) {
        if (literalPath != null && !startsWithOneOf(literalPath, starts)) {
          return false;
        }
        for (PathPattern pattern : patterns) {
          if (pattern.matches(path)) {
            return true;
          }
        }
        return patterns.length == 0;
      }
    }

    @Override
    protected void registerHandlerMethod(Object handler, Method method, RequestMappingInfo mapping) {
      super.registerHandlerMethod(handler, method, mapping);
      var starts = new IdentityHashMap<>(literalStarts);
      starts.put(mapping, literalStarts(mapping));
      literalStarts = starts;
      candidates = null;
    }

    @Override
    public void registerMapping(RequestMappingInfo mapping, Object handler, Method method) {
      super.registerMapping(mapping, handler, method);
      candidates = null;
    }

    @Override
    public void unregisterMapping(RequestMappingInfo mapping) {
      super.unregisterMapping(mapping);
      candidates = null;
    }

    @Override
    protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
      String literalPath = lookupPath.indexOf('%') < 0 ? lookupPath : null;
      HandlerMethod single = singleMatch(literalPath, lookupPath, request);
      if (single != null) {
        return single;
      }
      LOOKUP_PATH.set(literalPath);
      try {
        return super.lookupHandlerMethod(lookupPath, request);
      } finally {
        LOOKUP_PATH.remove();
      }
    }

    /**
     * The method of the one mapping that takes the request, as Spring's look-up ends when it finds one match: the
     * handler noted on the request, the match's path variables and media types by {@link #handleMatch}. Null when
     * none or several take it.
     */
    private HandlerMethod singleMatch(String literalPath, String lookupPath, HttpServletRequest request) {
      PathContainer path = ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication();
      Candidate found = null;
      RequestMappingInfo match = null;
      for (Candidate candidate : candidates()) {
        if (!candidate.takesPath(literalPath, path)) {
          continue;
        }
        RequestMappingInfo matching = super.getMatchingMapping(candidate.info(), request);
        if (matching != null) {
          if (found != null) {
            return null;
          }
          found = candidate;
          match = matching;
        }
      }
      if (found == null) {
        return null;
      }
      request.setAttribute(BEST_MATCHING_HANDLER_ATTRIBUTE, found.handler());
      handleMatch(match, lookupPath, request);
      return found.handler();
    }

    private Candidate[] candidates() {
      Candidate[] built = candidates;
      if (built == null) {
        built = getHandlerMethods().entrySet().stream().map(entry -> {
          PathPatternsRequestCondition paths = entry.getKey().getPathPatternsCondition();
          List<PathPattern> patterns = paths == null ? List.of() : List.copyOf(paths.getPatterns());
          return new Candidate(entry.getKey(), entry.getValue(), literalStarts(entry.getKey()),
              patterns.toArray(PathPattern[]::new));
        }).toArray(Candidate[]::new);
        candidates = built;
      }
      return built;
    }

    @Override
    protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
      String path = LOOKUP_PATH.get();
      String[] starts = path != null ? literalStarts.get(info) : null;
      if (starts != null && !startsWithOneOf(path, starts)) {
        return null;
      }
      PathPatternsRequestCondition paths = info.getPathPatternsCondition();
      if (paths != null && paths.getMatchingCondition(request) == null) {
        return null;
      }
      return super.getMatchingMapping(info, request);
    }

    private static boolean startsWithOneOf(String path, String[] starts) {
      if (starts.length == 0) {
        return true;
      }
      for (String start : starts) {
        if (path.startsWith(start)) {
          return true;
        }
      }
      return false;
    }

    /** The text of each path pattern before its first variable or wildcard ({@code {}, {@code *}, {@code ?}). */
    static String[] literalStarts(RequestMappingInfo info) {
      PathPatternsRequestCondition paths = info.getPathPatternsCondition();
      if (paths == null) {
        return new String[0];
      }
      return paths.getPatterns().stream().map(PathPattern::getPatternString).map(pattern -> {
        int end = pattern.length();
        for (char c : new char[] {'{', '*', '?'}) {
          int at = pattern.indexOf(c);
          if (at >= 0 && at < end) {
            end = at;
          }
        }
        return pattern.substring(0, end);
      }).toArray(String[]::new);
    }
  }
}
