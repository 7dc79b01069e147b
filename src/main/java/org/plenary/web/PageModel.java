package org.plenary.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * What every page's model carries beside its own: the {@link MarkdownRenderer} as {@code markdown}.
 * It is added to the view a handler returns, not by a {@code @ModelAttribute} of a controller advice:
 * an advice's model methods run for every request of every {@code @Controller}, the JSON API's
 * {@code @RestController}s included, and cost the busiest request, the number allocation, about a
 * twentieth of its time for a model it never renders.
 */
@Configuration(proxyBeanMethods = false)
class PageModel implements WebMvcConfigurer, HandlerInterceptor {

  private final MarkdownRenderer markdown;

  PageModel(MarkdownRenderer markdown) {
    this.markdown = markdown;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this);
  }

  /** A view about to be rendered (none for a JSON answer; a redirect renders nothing). */
  @Override
  public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler, ModelAndView view) {
    if (view != null && !(view.isReference() && view.getViewName() != null && view.getViewName().startsWith("redirect:"))) {
      view.addObject("markdown", markdown);
    }
  }
}
