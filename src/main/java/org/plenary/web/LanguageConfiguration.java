package org.plenary.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** A {@code ?lang=} on any page sets the {@code plenary-lang} cookie, so that the next pages keep the language. */
@Configuration(proxyBeanMethods = false)
class LanguageConfiguration implements WebMvcConfigurer {

  private final LanguageResolver resolver;

  LanguageConfiguration(LanguageResolver resolver) {
    this.resolver = resolver;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new HandlerInterceptor() {
      @Override
      public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        resolver.asked(request.getParameter(LanguageResolver.PARAMETER))
            .ifPresent(locale -> resolver.setLocale(request, response, locale));
        return true;
      }
    }).excludePathPatterns("/api/**", "/v3/**");
  }
}
