package org.plenary.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

/**
 * The feeds and exports readers poll (the Atom feeds, the iCalendar calendars, the CSV exports) answer with an ETag and
 * a 304 to a conditional GET that names it. Each of them knows what it is written from before it is written and sets
 * its own tag ({@code shared.FeedTag}: the data as read for this reader, its language), answering 304 without writing
 * or buffering anything. A polled path that did not would still be tagged here by a digest of its body as written
 * (its data, its reader's language and rights). Files under {@code /t/} (the folders' downloads, ETag and ranges of
 * their own) are never buffered here. Each answers {@code Vary: Accept-Language}: its body is in its reader's
 * language.
 */
@Configuration(proxyBeanMethods = false)
class FeedValidators {

  /** The endings of what readers poll. */
  private static final Set<String> POLLED = Set.of(".atom", ".ics", ".csv");

  @Bean
  FilterRegistrationBean<ShallowEtagHeaderFilter> polledFeedEtags() {
    var registration = new FilterRegistrationBean<ShallowEtagHeaderFilter>(new ShallowEtagHeaderFilter() {
      @Override
      protected boolean shouldNotFilter(HttpServletRequest request) {
        return !polled(request.getRequestURI());
      }

      @Override
      protected void doFilterInternal(HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response,
          jakarta.servlet.FilterChain chain) throws jakarta.servlet.ServletException, java.io.IOException {
        // Every feed and export is written in its reader's language (titles, headers, dates), chosen from
        // Accept-Language where no ?lang= names one: a cache keeps one copy per language (304s say it too).
        response.addHeader(org.springframework.http.HttpHeaders.VARY, org.springframework.http.HttpHeaders.ACCEPT_LANGUAGE);
        super.doFilterInternal(request, response, chain);
      }
    });
    registration.setDispatcherTypes(DispatcherType.REQUEST);
    return registration;
  }

  /** Whether a path is a feed or export a reader polls, not a folder's file. */
  static boolean polled(String uri) {
    if (uri == null || uri.startsWith("/t/")) {
      return false;
    }
    int dot = uri.lastIndexOf('.');
    return dot > uri.lastIndexOf('/') && POLLED.contains(uri.substring(dot));
  }
}
