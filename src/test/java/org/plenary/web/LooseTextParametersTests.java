package org.plenary.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.constraints.Size;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.plenary.shared.MultiLine;
import org.plenary.shared.PageController;
import org.plenary.shared.PastedLine;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * No handler reads typed text as a loose parameter ({@code @RequestParam}): a page's typed texts come in form records,
 * bound and checked by the binder, so that a refused one comes back beside its field with what was typed
 * ({@code RefusedFormsKeepWhatWasTypedTests}; a term, a reason, a living-list entry's organization were a 400 error page
 * that lost the text); an API's come in bodies ({@link OneLineFieldsTests}). What a handler still reads loose is no
 * typed text (an id, a code, a language, a sort, a search query, a cursor), listed here with what bounds it. No
 * handler reads its parameters as a map: the reasons by row (the desk's, a circular's per warning) are form fields
 * ({@code reasons[<id>]}), refused beside their row with what was typed, where a map was a 400 error page.
 */
class LooseTextParametersTests {

  /**
   * Loose parameters that are no typed text, by name, and what bounds each: the handler parses or matches it and
   * answers for itself (a ZIP's {@code since} names an example), or it only selects and is never stored.
   */
  static final Map<String, String> NOT_TEXT = new TreeMap<>(Map.ofEntries(
      Map.entry("action", "approve:<id>, reject:<id> or approve-selected, matched"),
      Map.entry("after", "a document number, parsed"),
      Map.entry("agreedAt", "a meeting code, looked up"),
      Map.entry("announceWeeks", "a number, parsed"),
      Map.entry("back", "a path of this site, matched"),
      Map.entry("busy", "a flag"),
      Map.entry("confirm", "a flag"),
      Map.entry("contributionDays", "a number, parsed"),
      Map.entry("country", "an ISO code, matched against the list"),
      Map.entry("cursor", "an opaque cursor, decoded; echoed clamped (shared.Echoed)"),
      Map.entry("dir", "asc or desc"),
      Map.entry("ended", "a flag"),
      Map.entry("lang", "a language tag, resolved to one of six"),
      Map.entry("language", "a language tag, resolved to one of six"),
      Map.entry("locked", "a flag"),
      Map.entry("meeting", "a meeting code, looked up"),
      Map.entry("number", "a document number, looked up"),
      Map.entry("q", "a search query, never stored; the search bounds it"),
      Map.entry("reference", "a letter's reference, looked up"),
      Map.entry("replaces", "a document number, looked up"),
      Map.entry("reviewed", "a version seen, parsed"),
      Map.entry("seen", "SHA-256 digests of versions seen, matched against the files"),
      Map.entry("row", "an editor's row command, matched"),
      Map.entry("sha256", "a digest, matched"),
      Map.entry("since", "an instant or a version, parsed"),
      Map.entry("sort", "a sort key, matched"),
      Map.entry("source", "an organization filter, never stored"),
      Map.entry("state", "a state, matched"),
      Map.entry("type", "a file extension filter, never stored"),
      Map.entry("username", "an account, looked up"),
      Map.entry("version", "a version, parsed")));

  @Test
  void noHandlerReadsTypedTextLooseNorAsAMap() throws Exception {
    List<String> wrong = new ArrayList<>();
    int walked = 0;
    for (Class<?> controller : controllers()) {
      boolean page = AnnotatedElementUtils.hasAnnotation(controller, PageController.class);
      for (Method method : controller.getDeclaredMethods()) {
        if (!AnnotatedElementUtils.hasAnnotation(method, RequestMapping.class)) {
          continue;
        }
        for (Parameter parameter : method.getParameters()) {
          RequestParam param = parameter.getAnnotation(RequestParam.class);
          if (param == null || !texts(parameter)) {
            continue;
          }
          walked++;
          String name = name(parameter, param);
          String key = controller.getSimpleName() + "." + method.getName() + "." + name;
          if (Map.class.isAssignableFrom(parameter.getType())) {
            wrong.add((page ? "" : "API ") + key + " reads every parameter as a map, which no binder checks: bind the"
                + " rows in a form (reasons[<id>])");
          } else if (!NOT_TEXT.containsKey(name) || parameter.isAnnotationPresent(Size.class)
              || parameter.isAnnotationPresent(MultiLine.class) || parameter.isAnnotationPresent(PastedLine.class)) {
            wrong.add(key + " is typed text read loose: bind it in a form record (or review it into NOT_TEXT)");
          }
        }
      }
    }
    assertThat(walked).as("loose parameters walked").isGreaterThan(40);
    assertThat(wrong).isEmpty();
  }

  /** A String, a list or array of them, or a map of them: what a handler can read typed text as. */
  private static boolean texts(Parameter parameter) {
    Class<?> type = parameter.getType();
    if (type == String.class || type == String[].class || Map.class.isAssignableFrom(type)) {
      return true;
    }
    return java.util.Collection.class.isAssignableFrom(type)
        && parameter.getParameterizedType() instanceof ParameterizedType p
        && p.getActualTypeArguments()[0] == String.class;
  }

  private static String name(Parameter parameter, RequestParam param) {
    return !param.name().isEmpty() ? param.name() : parameter.getName();
  }

  private static List<Class<?>> controllers() throws Exception {
    var scanner = new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(RestController.class));
    scanner.addIncludeFilter(new AnnotationTypeFilter(PageController.class));
    List<Class<?>> found = new ArrayList<>();
    for (BeanDefinition definition : scanner.findCandidateComponents("org.plenary")) {
      found.add(Class.forName(definition.getBeanClassName()));
    }
    return found;
  }
}
