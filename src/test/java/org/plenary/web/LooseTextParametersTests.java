package org.plenary.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import jakarta.validation.constraints.Size;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.plenary.shared.InvalidInputException;
import org.plenary.shared.MultiLine;
import org.plenary.shared.PageController;
import org.plenary.shared.PastedLine;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;

/**
 * The texts a handler reads as loose parameters ({@code @RequestParam}) rather than a form: a page's are one line unless
 * they say otherwise, bounded by their {@code @Size}, and {@link LooseText} refuses a line break, a control character,
 * an open direction override or an over-long value in each before the handler runs. A parameter that is no typed text
 * (an id, a code, a language, a sort, a search query, a cursor) is listed here with what bounds it; an API's loose
 * parameters are all such (its typed text comes in bodies, {@link OneLineFieldsTests}). A new loose text parameter
 * fails here until it carries {@code @Size} (and {@code @MultiLine} if it keeps lines) or is reviewed into the list.
 */
class LooseTextParametersTests {

  /** Page parameters that keep their lines (K) or flatten them (F), by controller, handler and name: reviewed. */
  static final Map<String, String> NOT_ONE_LINE = new TreeMap<>(Map.ofEntries(
      Map.entry("ContributionController.act.reason", "K"),
      Map.entry("CircularController.issue.params", "K"),
      Map.entry("DeliverableController.agree.decision", "K"),
      Map.entry("DeliverableController.agree.objections", "K"),
      Map.entry("DeliverableController.create.title", "F"),
      Map.entry("DeskController.decide.params", "K"),
      Map.entry("ProgressReportController.notes.body", "K"),
      Map.entry("RegistrationController.decide.reason", "K"),
      Map.entry("TermController.propose.definition", "K"),
      Map.entry("TermController.propose.note", "K"),
      Map.entry("ReissueAskController.decline.reason", "K"),
      Map.entry("VisaController.refuseOrReturn.reason", "K")));

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
  void everyLoosePageTextIsBoundedAndOneLineUnlessListedAndApiLooseParametersAreNoText() throws Exception {
    Map<String, String> found = new TreeMap<>();
    List<String> wrong = new ArrayList<>();
    int texts = 0;
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
          String name = name(parameter, param);
          String key = controller.getSimpleName() + "." + method.getName() + "." + name;
          boolean map = Map.class.isAssignableFrom(parameter.getType());
          if (!page) {
            if (map || !NOT_TEXT.containsKey(name)) {
              wrong.add("API " + key + " is typed text outside a request body");
            }
            continue;
          }
          StoredText.Lines lines = map ? StoredText.Lines.KEPT
              : StoredText.Lines.of(parameter.getAnnotation(MultiLine.class), parameter.getAnnotation(PastedLine.class));
          if (lines != StoredText.Lines.REFUSED) {
            found.put(key, lines == StoredText.Lines.KEPT ? "K" : "F");
          }
          if (map) {
            continue;
          }
          Size size = parameter.getAnnotation(Size.class);
          if (size == null && lines == StoredText.Lines.REFUSED) {
            if (!NOT_TEXT.containsKey(name)) {
              wrong.add(key + " is typed text with no @Size, or no text not listed in NOT_TEXT");
            }
            continue;
          }
          if (size == null) {
            wrong.add(key + " has no @Size");
          }
          texts++;
          wrong.addAll(refusals(controller, method, name, lines, size == null ? 0 : size.max()));
        }
      }
    }
    assertThat(texts).as("loose page texts walked").isGreaterThan(20);
    assertThat(wrong).isEmpty();
    assertThat(found).isEqualTo(NOT_ONE_LINE);
  }

  /** What {@link LooseText} says of a line break, a NUL, an open override and an over-long value in {@code name}. */
  private static List<String> refusals(Class<?> controller, Method method, String name, StoredText.Lines lines, int max)
      throws Exception {
    List<String> wrong = new ArrayList<>();
    var beans = new DefaultListableBeanFactory();
    beans.registerBeanDefinition("controller", new RootBeanDefinition(controller));
    var handler = new HandlerMethod("controller", beans, method);
    var messages = new StaticMessageSource();
    messages.setUseCodeAsDefaultMessage(true);
    var check = new LooseText(new Problems(messages));
    Map<String, String> expected = new TreeMap<>(Map.of("a\u0000b", "web.problem.json.control",
        "a\u202Eb", "web.text.direction", "a\nb", lines == StoredText.Lines.REFUSED ? "web.text.line" : "",
        "a\u2028b", lines == StoredText.Lines.REFUSED ? "web.text.line" : "", "ab", ""));
    if (max > 0) {
      expected.put("x".repeat(max), "");
      expected.put("x".repeat(max + 1), "web.text.length");
    }
    for (var sent : expected.entrySet()) {
      var request = new MockHttpServletRequest("POST", "/");
      request.addParameter(name, sent.getKey());
      Throwable thrown = catchThrowable(() -> check.preHandle(request, null, handler));
      String said = thrown instanceof InvalidInputException e
          ? e.violations().getFirst().field() + " " + e.violations().getFirst().message() : String.valueOf(thrown);
      String wanted = sent.getValue().isEmpty() ? "null" : name + " " + sent.getValue();
      if (!said.equals(wanted)) {
        wrong.add(controller.getSimpleName() + "." + method.getName() + "." + name + " "
            + (sent.getKey().length() > 10 ? sent.getKey().length() + " characters" : sent.getKey().codePoints()
                .mapToObj(c -> "U+%04X".formatted(c)).toList()) + ": " + said + " (wanted " + wanted + ")");
      }
    }
    return wrong;
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
