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
 * a 304 to a conditional GET that names it. The tag is a digest of the body as written for this request (its data,
 * its reader's language and rights), so it moves with whatever the body states, joined or derived: it can never name
 * an older body, which a version kept apart from the text (a meeting's, a register's) could. Without it every poll
 * fetched the whole feed again. Files under {@code /t/} (the folders' downloads, ETag and ranges of their own) are
 * never buffered here. A feed that knows its data's versions before it is written (the meetings' calendar, the
 * circulars' feed: {@code shared.FeedTag}) sets its own tag and answers 304 without writing or buffering anything.
 * Each answers {@code Vary: Accept-Language}: its body is in its reader's language.
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
