package org.plenary.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.handler.MappedInterceptor;

/**
 * A {@code ?lang=} on any page sets the {@code plenary-lang} cookie, so that the next pages keep the language.
 * A {@link MappedInterceptor} bean, so that every handler mapping applies it (the request mapping and
 * the document files' own mapping alike), not only those made by the MVC configuration.
 */
@Configuration(proxyBeanMethods = false)
class LanguageConfiguration {

  @Bean
  MappedInterceptor languageInterceptor(LanguageResolver resolver) {
    return new MappedInterceptor(new String[] {"/**"}, new String[] {"/api/**", "/v3/**"}, new HandlerInterceptor() {
      @Override
      public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        resolver.asked(LanguageResolver.asked(request))
            .ifPresent(locale -> resolver.setLocale(request, response, locale));
        return true;
      }
    });
  }
}
