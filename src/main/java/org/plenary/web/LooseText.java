package org.plenary.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.plenary.shared.InvalidInputException;
import org.plenary.shared.PageController;
import org.plenary.shared.Violation;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The rules of {@link StoredText} for the parameters a page handler reads as a map (the desk's reason per row, a
 * circular's reason per warning), which no form's binder sees: they keep their lines (every such map holds reasons)
 * but take no character no text may hold (a NUL was a 500 on PostgreSQL, a direction override left open reversed what
 * followed). A refused one is a 400 naming the field in the page's language ({@link PageErrorHandler}), before the
 * handler runs: nothing is stored. Every other typed text of a page comes in a form record, bound and checked by the
 * binder, and a refused one comes back beside its field with what was typed ({@code shared.Refused});
 * {@code LooseTextParametersTests} fails on a loose typed text parameter.
 */
@Component
class LooseText implements HandlerInterceptor, WebMvcConfigurer {

  private final Problems problems;

  LooseText(Problems problems) {
    this.problems = problems;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this);
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (!(handler instanceof HandlerMethod method)
        || !AnnotatedElementUtils.hasAnnotation(method.getBeanType(), PageController.class)) {
      return true;
    }
    List<Violation> refused = new ArrayList<>();
    Set<String> named = new HashSet<>();
    boolean map = false;
    for (Parameter parameter : method.getMethod().getParameters()) {
      RequestParam param = parameter.getAnnotation(RequestParam.class);
      if (param != null && Map.class.isAssignableFrom(parameter.getType())) {
        map = true;
      } else if (param != null) {
        named.add(!param.name().isEmpty() ? param.name() : !param.value().isEmpty() ? param.value() : parameter.getName());
      }
    }
    if (map) {
      for (String name : request.getParameterMap().keySet()) {
        if (!named.contains(name)) {
          check(request, name, refused);
        }
      }
    }
    if (!refused.isEmpty()) {
      throw new InvalidInputException(refused);
    }
    return true;
  }

  private void check(HttpServletRequest request, String name, List<Violation> refused) {
    for (String value : request.getParameterValues(name)) {
      if (value != null && StoredText.taken(value, StoredText.Lines.KEPT) == null) {
        refused.add(new Violation(name, problems.text(StoredText.key(StoredText.why(value)),
            LocaleContextHolder.getLocale())));
        return;
      }
    }
  }
}
