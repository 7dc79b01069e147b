package org.plenary.web;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.IdentityHashMap;
import java.util.Map;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
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

    @Override
    protected void registerHandlerMethod(Object handler, Method method, RequestMappingInfo mapping) {
      super.registerHandlerMethod(handler, method, mapping);
      var starts = new IdentityHashMap<>(literalStarts);
      starts.put(mapping, literalStarts(mapping));
      literalStarts = starts;
    }

    @Override
    protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
      LOOKUP_PATH.set(lookupPath.indexOf('%') < 0 ? lookupPath : null);
      try {
        return super.lookupHandlerMethod(lookupPath, request);
      } finally {
        LOOKUP_PATH.remove();
      }
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
