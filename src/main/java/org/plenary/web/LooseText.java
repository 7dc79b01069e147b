package org.plenary.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Size;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.plenary.shared.InvalidInputException;
import org.plenary.shared.MultiLine;
import org.plenary.shared.PageController;
import org.plenary.shared.PastedLine;
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
 * The rules of {@link StoredText} for what a page reads outside a form: a loose {@code @RequestParam} text (a term, a
 * living-list entry's organization, a reason), and the parameters a handler reads as a map (the desk's reason per
 * row, a circular's reason per warning). A form's binder never saw them, so a term took a NUL (a 500 on PostgreSQL),
 * a line break, or a direction override left open. A named parameter is typed text when it says how long it may be
 * ({@code @Size}) or how it takes lines; then it is one line unless it says otherwise ({@link MultiLine},
 * {@link PastedLine}). Others are ids, codes, times the handler parses and answers for itself (a ZIP's {@code since}
 * names an example). A map's parameters keep their lines (every such map holds
 * reasons) but take no character no text may hold. A named text longer than its {@code @Size} says is refused too (an
 * organization of 201 characters was a 500 from the database's column). A refused text is a 400 naming the field in the page's language
 * ({@link PageErrorHandler}), before the handler runs: nothing is stored.
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
      if (param == null) {
        continue;
      }
      if (Map.class.isAssignableFrom(parameter.getType())) {
        map = true;
        continue;
      }
      String name = !param.name().isEmpty() ? param.name() : !param.value().isEmpty() ? param.value() : parameter.getName();
      named.add(name);
      Size size = parameter.getAnnotation(Size.class);
      if (size == null && !parameter.isAnnotationPresent(MultiLine.class)
          && !parameter.isAnnotationPresent(PastedLine.class)) {
        continue; // no typed text: an id, a code, a time the handler parses and answers for itself
      }
      check(request, name, StoredText.Lines.of(parameter.getAnnotation(MultiLine.class),
          parameter.getAnnotation(PastedLine.class)), size == null ? Integer.MAX_VALUE : size.max(), refused);
    }
    if (map) {
      for (String name : request.getParameterMap().keySet()) {
        if (!named.contains(name)) {
          check(request, name, StoredText.Lines.KEPT, Integer.MAX_VALUE, refused);
        }
      }
    }
    if (!refused.isEmpty()) {
      throw new InvalidInputException(refused);
    }
    return true;
  }

  private void check(HttpServletRequest request, String name, StoredText.Lines lines, int max, List<Violation> refused) {
    String[] values = request.getParameterValues(name);
    if (values == null) {
      return;
    }
    for (String value : values) {
      if (value != null && StoredText.taken(value, lines) == null) {
        refused.add(new Violation(name, problems.text(StoredText.key(StoredText.why(value)),
            LocaleContextHolder.getLocale())));
        return;
      }
      if (value != null && value.length() > max) {
        refused.add(new Violation(name, problems.text("web.text.length", LocaleContextHolder.getLocale(), max,
            value.length())));
        return;
      }
    }
  }
}
