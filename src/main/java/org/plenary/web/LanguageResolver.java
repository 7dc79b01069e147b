package org.plenary.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.plenary.account.PlenaryUser;
import org.plenary.shared.Languages;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The language of a page: the signed-in account's preferred language, else {@code ?lang=}, else the
 * {@code plenary-lang} cookie (set by the switcher), else the best of the six by the
 * {@code Accept-Language} q-values, else English. The JSON API follows {@code Accept-Language} only.
 * The pseudo-locale {@code en-XA} (when {@code plenary.i18n.pseudo-locale=true}) wins over all of them.
 */
@Component("localeResolver")
class LanguageResolver implements LocaleResolver {

  static final String COOKIE = "plenary-lang";
  static final String PARAMETER = "lang";

  private final boolean pseudo;

  LanguageResolver(@Value("${plenary.i18n.pseudo-locale:false}") boolean pseudo) {
    this.pseudo = pseudo;
  }

  /**
   * The {@code lang} a request's address asks for, read from its query string alone: a language is chosen by
   * a link, never by a form's body, and {@code getParameter} would read the body to find it (a form's, an
   * upload's): an upload over the size limit then failed a second time while its error page was being
   * made, which answered with another error's sentence. Null when the address asks for none.
   */
  static String asked(HttpServletRequest request) {
    String query = request.getQueryString();
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      if (PARAMETER.equals(name)) {
        try {
          return equals < 0 ? "" : java.net.URLDecoder.decode(pair.substring(equals + 1), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
          return null;
        }
      }
    }
    return null;
  }

  @Override
  public Locale resolveLocale(HttpServletRequest request) {
    String asked = asked(request);
    String kept = cookie(request);
    if (isPseudo(asked) || (asked == null && isPseudo(kept))) {
      return PseudoLocale.LOCALE;
    }
    if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
      return fromAcceptLanguage(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
    }
    return PlenaryUser.current().map(u -> u.account().language()).flatMap(Languages::supported)
        .or(() -> Languages.supported(asked))
        .or(() -> Languages.supported(kept))
        .orElseGet(() -> fromAcceptLanguage(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE)));
  }

  /** Remembers a language chosen with {@code ?lang=} (one of the six, or the pseudo-locale when enabled). */
  @Override
  public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
    var cookie = new Cookie(COOKIE, locale == null ? "" : locale.toLanguageTag());
    cookie.setPath(request.getContextPath().isEmpty() ? "/" : request.getContextPath());
    cookie.setMaxAge(locale == null ? 0 : 365 * 24 * 3600);
    cookie.setHttpOnly(true);
    cookie.setAttribute("SameSite", "Lax");
    response.addCookie(cookie);
  }

  /** The language a {@code ?lang=} value asks for, if it is one Plenary speaks. */
  Optional<Locale> asked(String tag) {
    return isPseudo(tag) ? Optional.of(PseudoLocale.LOCALE) : Languages.supported(tag);
  }

  /** The best of the six for an {@code Accept-Language} header, by its q-values; English when none fits. */
  static Locale fromAcceptLanguage(String header) {
    if (header == null || header.isBlank()) {
      return Languages.DEFAULT;
    }
    try {
      Locale best = Locale.lookup(Locale.LanguageRange.parse(header), Languages.SUPPORTED);
      return best == null ? Languages.DEFAULT : best;
    } catch (IllegalArgumentException malformed) {
      return Languages.DEFAULT;
    }
  }

  private boolean isPseudo(String tag) {
    return pseudo && tag != null && PseudoLocale.LOCALE.toLanguageTag().equalsIgnoreCase(tag.trim().replace('_', '-'));
  }

  private static String cookie(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    return cookies == null ? null : Arrays.stream(cookies).filter(c -> COOKIE.equals(c.getName()))
        .map(Cookie::getValue).findFirst().orElse(null);
  }
}
