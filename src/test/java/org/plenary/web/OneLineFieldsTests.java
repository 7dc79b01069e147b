package org.plenary.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.plenary.shared.PageController;
import org.springframework.beans.MutablePropertyValues;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every text of every request an API controller reads ({@code @RequestBody}) and every form a page binds
 * ({@code @ModelAttribute}), found by walking the controllers: a one-line field (a name, a title, an acronym, an
 * organization, a venue's name, a term) refuses a line break (CR, LF, VT, FF, NEL, U+2028, U+2029) or flattens it
 * where people paste it; only the fields listed here keep their lines. A new text field is one line unless it says
 * otherwise ({@code shared.MultiLine}), and saying so changes this list. Each leaf is sent with a line break through
 * the API's reader and through a page's binder.
 */
class OneLineFieldsTests {

  /** The fields that keep their lines (K) or flatten them (F), by form and path: reviewed one by one. */
  static final Map<String, String> NOT_ONE_LINE = new TreeMap<>(Map.ofEntries(
      Map.entry("AccountApiController.NewAccountRequest.password", "K"),
      Map.entry("AgendaForm.items.description", "K"),
      Map.entry("AllocationForm.title", "F"),
      Map.entry("CircularApiController.CircularRequest.paragraphs", "K"),
      Map.entry("CircularApiController.IssueRequest.confirmations.reason", "K"),
      Map.entry("CircularController.IssueForm.reasons", "K"),
      Map.entry("CircularForm.paragraphs", "K"),
      Map.entry("ContributionApiController.Reason.reason", "K"),
      Map.entry("ContributionController.ReasonForm.reason", "K"),
      Map.entry("DeskController.DecisionForm.reasons", "K"),
      Map.entry("GroupForm.sections.body", "K"),
      Map.entry("GroupForm.translations.termsOfReference.body", "K"),
      Map.entry("HotelForm.address", "K"),
      Map.entry("MeetingForm.hotels.address", "K"),
      Map.entry("MeetingForm.practicalInfo", "K"),
      Map.entry("MeetingForm.translations.practicalInfo", "K"),
      Map.entry("MeetingForm.venueAddress", "K"),
      Map.entry("NewAccountForm.password", "K"),
      Map.entry("OutputForms.AgreementForm.decision", "K"),
      Map.entry("OutputForms.AgreementForm.objections", "K"),
      Map.entry("OutputForms.DeliverableForm.title", "F"),
      Map.entry("OutputForms.NotesForm.body", "K"),
      Map.entry("OutputForms.TermForm.definition", "K"),
      Map.entry("OutputForms.TermForm.note", "K"),
      Map.entry("OutputRequest.title", "F"),
      Map.entry("OutputRequests.AgreementRequest.decision", "K"),
      Map.entry("OutputRequests.DeliverableRequest.title", "F"),
      Map.entry("OutputRequests.TermRequest.definition", "K"),
      Map.entry("OutputRequests.TermRequest.note", "K"),
      Map.entry("OutputRequests.TranslationRequest.definition", "K"),
      Map.entry("PasswordForm.confirmation", "K"),
      Map.entry("PasswordForm.currentPassword", "K"),
      Map.entry("PasswordForm.newPassword", "K"),
      Map.entry("RegistrationApiController.Reason.reason", "K"),
      Map.entry("RegistrationController.ReasonForm.reason", "K"),
      Map.entry("TokenApiController.TokenRequest.password", "K"),
      Map.entry("ReissueAskApiController.Decline.reason", "K"),
      Map.entry("ReissueAskApiController.ReissueAskRequest.details.mission", "K"),
      Map.entry("ReissueAskApiController.ReissueAskRequest.reason", "K"),
      Map.entry("ReissueAskForm.mission", "K"),
      Map.entry("ReissueAskForm.reason", "K"),
      Map.entry("VisaApiController.Reason.reason", "K"),
      Map.entry("VisaDecisionController.ReasonForm.reason", "K"),
      Map.entry("VisaForm.mission", "K")));

  static final List<String> BREAKS = List.of("\r\n", "\n", "\r", "\u000B", "\u000C", "\u0085", "\u2028", "\u2029");

  final JsonMapper api = JsonMapper.builder().addModule(StoredText.module())
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();

  @Test
  void onlyTheListedFieldsOfRequestsAndFormsTakeALineBreak() throws Exception {
    Map<String, Class<?>> forms = forms();
    assertThat(forms).as("requests and forms found").hasSizeGreaterThan(25);
    Map<String, String> found = new TreeMap<>();
    List<String> wrong = new ArrayList<>();
    int leaves = 0;
    for (var form : forms.entrySet()) {
      for (Leaf leaf : leaves(form.getValue(), "", 0)) {
        leaves++;
        String name = form.getKey() + "." + leaf.path();
        StoredText.Lines lines = StoredText.lines(form.getValue()).getOrDefault(leaf.path(), StoredText.Lines.REFUSED);
        if (lines != StoredText.Lines.REFUSED) {
          // A password keeps its lines as it keeps every character ({@code SECRET}: never composed either).
          found.put(name, lines == StoredText.Lines.KEPT || lines == StoredText.Lines.SECRET ? "K" : "F");
        }
        for (String lineBreak : BREAKS) {
          String sent = "first" + lineBreak + "second";
          String json = api.writeValueAsString(leaf.json("first" + lineBreak + "second"));
          String read;
          try {
            read = String.valueOf(dig(api.readValue(json, form.getValue()), leaf.path()));
          } catch (tools.jackson.databind.exc.InvalidFormatException e) {
            read = e.getTargetType() == String.class ? "refused" : "error " + e.getOriginalMessage();
          } catch (tools.jackson.core.JacksonException e) {
            read = "error " + e.getOriginalMessage();
          }
          boolean controlled = lineBreak.equals("\u000B") || lineBreak.equals("\u000C");
          String expected = controlled || lines == StoredText.Lines.REFUSED ? "refused|null"
              : lines == StoredText.Lines.FLATTENED ? "first second" : sent;
          if (!read.matches(expected.equals(sent) ? java.util.regex.Pattern.quote(sent) : expected)) {
            wrong.add("API " + name + " " + escaped(lineBreak) + " read as " + escaped(read));
          }
          if (pageBindable(form.getValue())) {
            String bound = bind(form.getValue(), leaf.bindingPath(), sent);
            if (!bound.matches(expected.equals(sent) ? java.util.regex.Pattern.quote(sent) : expected)) {
              wrong.add("page " + name + " " + escaped(lineBreak) + " bound as " + escaped(bound));
            }
          }
        }
      }
    }
    assertThat(leaves).as("texts walked").isGreaterThan(100);
    assertThat(wrong).isEmpty();
    assertThat(found).isEqualTo(NOT_ONE_LINE);
  }

  /** Each request body and form of every API and page controller, by its name inside its package. */
  private static Map<String, Class<?>> forms() throws Exception {
    var scanner = new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(RestController.class));
    scanner.addIncludeFilter(new AnnotationTypeFilter(PageController.class));
    Map<String, Class<?>> forms = new TreeMap<>();
    for (BeanDefinition definition : scanner.findCandidateComponents("org.plenary")) {
      Class<?> controller = Class.forName(definition.getBeanClassName());
      for (var method : controller.getDeclaredMethods()) {
        for (var parameter : method.getParameters()) {
          if ((parameter.isAnnotationPresent(RequestBody.class) || parameter.isAnnotationPresent(ModelAttribute.class))
              && parameter.getType().getName().startsWith("org.plenary.")) {
            String name = parameter.getType().getName();
            forms.put(name.substring(name.lastIndexOf('.') + 1).replace('$', '.'), parameter.getType());
          }
        }
      }
    }
    return forms;
  }

  /** A text field of a form, by its path, and how to send it: as JSON and as a page's parameter. */
  record Leaf(String path, String bindingPath, java.util.function.Function<Object, Object> wrap) {

    Object json(Object text) {
      return wrap.apply(text);
    }
  }

  private static List<Leaf> leaves(Class<?> type, String prefix, int depth) {
    List<Leaf> found = new ArrayList<>();
    if (depth > 4) {
      return found;
    }
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers()) || field.isSynthetic()) {
          continue;
        }
        String name = field.getName();
        Type generic = field.getGenericType();
        if (field.getType() == String.class) {
          found.add(new Leaf(prefix + name, name, text -> Map.of(name, text)));
        } else if (generic instanceof ParameterizedType p && p.getActualTypeArguments().length >= 1) {
          Type[] args = p.getActualTypeArguments();
          boolean map = Map.class.isAssignableFrom(field.getType());
          boolean list = Collection.class.isAssignableFrom(field.getType());
          Type element = map ? args[1] : args[0];
          if (!(map || list) || !(element instanceof Class<?> e)) {
            continue;
          }
          if (e == String.class) {
            found.add(new Leaf(prefix + name, name + (map ? "[fr]" : "[0]"),
                text -> Map.of(name, map ? Map.of("fr", text) : List.of(text))));
          } else if (e.getName().startsWith("org.plenary.") && !e.isEnum()) {
            for (Leaf inner : leaves(e, prefix + name + ".", depth + 1)) {
              found.add(new Leaf(inner.path(), name + (map ? "[fr]." : "[0].") + inner.bindingPath(),
                  text -> Map.of(name, map ? Map.of("fr", inner.json(text)) : List.of(inner.json(text)))));
            }
          }
        } else if (field.getType().getName().startsWith("org.plenary.") && !field.getType().isEnum()
            && !field.getType().isRecord() && field.getType().getDeclaredFields().length > 0
            && !field.getType().isInterface()) {
          for (Leaf inner : leaves(field.getType(), prefix + name + ".", depth + 1)) {
            found.add(new Leaf(inner.path(), name + "." + inner.bindingPath(), text -> Map.of(name, inner.json(text))));
          }
        }
      }
    }
    return found;
  }

  /** The value at {@code path} of what was read: a text, or the first of a list's or a map's. */
  private static Object dig(Object read, String path) throws Exception {
    Object at = read;
    for (String step : path.split("\\.")) {
      if (at == null) {
        return null;
      }
      Field field = null;
      for (Class<?> c = at.getClass(); c != null && field == null; c = c.getSuperclass()) {
        try {
          field = c.getDeclaredField(step);
        } catch (NoSuchFieldException e) {
          // its superclass
        }
      }
      field.setAccessible(true);
      at = field.get(at);
      if (at instanceof Map<?, ?> map) {
        at = map.get("fr");
      } else if (at instanceof Collection<?> list) {
        at = list.isEmpty() ? null : list.iterator().next();
      }
    }
    return at;
  }

  private static boolean pageBindable(Class<?> type) {
    if (type.isRecord()) {
      return false;
    }
    try {
      type.getDeclaredConstructor();
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  /** {@code text} bound to {@code path} of a new {@code type} as a page binds it: what it holds, or "refused". */
  private static String bind(Class<?> type, String path, String text) {
    try {
      var constructor = type.getDeclaredConstructor();
      constructor.setAccessible(true);
      Object form = constructor.newInstance();
      var binder = new WebDataBinder(form, "form");
      new PageErrorHandler(null).storedText(binder);
      binder.bind(new MutablePropertyValues(new LinkedHashMap<>(Map.of(path, text))));
      var errors = binder.getBindingResult();
      String field = path.replaceAll("\\[[^]]*]", "");
      if (errors.hasFieldErrors()) {
        var error = errors.getFieldErrors().getFirst();
        return error.getCode() != null && (error.getCode().equals("web.text.line") || error.getCode().equals("typeMismatch"))
            ? "refused" : "error " + error.getCode();
      }
      return String.valueOf(dig(form, field));
    } catch (Exception e) {
      return "refused";
    }
  }

  private static String escaped(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints().forEach(c -> out.append(c < 0x20 || c >= 0x7F ? String.format("\\u%04X", c) : Character.toString(c)));
    return out.toString();
  }
}
