package org.plenary.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import org.plenary.shared.Languages;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The language switcher of every page ({@code @languageLinks} in the layout): the current page in each
 * of the six. The links carry only a query ({@code ?lang=fr}, other parameters kept), which a browser
 * resolves against the page's own address: right on every page, on error pages under their original
 * address, and in the folder listings' layout that is rendered once and shared by every folder.
 */
@Component("languageLinks")
public class LanguageLinks {

  /** One language: its tag, its name in itself, the current page with {@code ?lang=}, and whether it is the page's. */
  public record Link(String tag, String name, String href, boolean current) {}

  public List<Link> all() {
    Locale now = LocaleContextHolder.getLocale();
    String page = here();
    return Languages.SUPPORTED.stream().map(l -> new Link(l.toLanguageTag(), Languages.nativeName(l),
        UriComponentsBuilder.fromUriString(page).replaceQueryParam(LanguageResolver.PARAMETER, l.toLanguageTag())
            .build().toUriString(), l.getLanguage().equals(now.getLanguage()) && !PseudoLocale.LOCALE.equals(now))).toList();
  }

  private static String here() {
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
      HttpServletRequest request = attributes.getRequest();
      boolean error = request.getAttribute(jakarta.servlet.RequestDispatcher.ERROR_REQUEST_URI) != null;
      String query = error ? null : request.getQueryString();
      return query == null ? "" : "?" + query;
    }
    return "";
  }
}
