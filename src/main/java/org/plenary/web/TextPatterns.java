package org.plenary.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.util.HashMap;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every text of every request body says with a {@code pattern} the characters {@link StoredText} refuses in it: no
 * control character but tab, nor U+FFFE or U+FFFF, and in a one-line field no line break either (CR, LF, VT, FF, NEL,
 * U+2028, U+2029); a field that keeps its lines ({@code shared.MultiLine}) or flattens them ({@code shared.PastedLine})
 * takes CR and LF. The patterns are written for ECMA-262 and java.util.regex alike. What no pattern can say (a
 * direction override left open, half of a character) is in the description's words.
 */
@Component
class TextPatterns implements OpenApiCustomizer {

  /** A one-line text: no control character but tab, no line break, no U+FFFE or U+FFFF. */
  static final String ONE_LINE = "^[^\\u0000-\\u0008\\u000A-\\u001F\\u0085\\u2028\\u2029\\uFFFE\\uFFFF]*$";
  /** A text of several lines (or one pasted, its breaks flattened): tab, CR and LF besides. */
  static final String LINES = "^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uFFFE\\uFFFF]*$";

  private final ApplicationContext context;

  TextPatterns(ApplicationContext context) {
    this.context = context;
  }

  @Override
  @SuppressWarnings("rawtypes")
  public void customise(OpenAPI api) {
    if (api.getComponents() == null || api.getComponents().getSchemas() == null || api.getPaths() == null) {
      return;
    }
    Map<String, Schema> schemas = api.getComponents().getSchemas();
    Map<String, Class<?>> bodies = bodies(context);
    api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
      Class<?> type = bodies.get(method.name() + " " + path);
      if (type == null || operation.getRequestBody() == null || operation.getRequestBody().getContent() == null
          || operation.getRequestBody().getContent().get("application/json") == null) {
        return;
      }
      walk(schemas, operation.getRequestBody().getContent().get("application/json").getSchema(), "",
          StoredText.lines(type), 0);
    }));
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static void walk(Map<String, Schema> schemas, Schema<?> schema, String path, Map<String, StoredText.Lines> lines,
      int depth) {
    if (schema == null || depth > 8 || Boolean.TRUE.equals(schema.getReadOnly())
        || schema.getExtensions() != null && schema.getExtensions().containsKey(ReadBackProperties.ANOTHER_NAME)) {
      return;
    }
    if (schema.get$ref() != null) {
      walk(schemas, schemas.get(schema.get$ref().replaceAll(".*/", "")), path, lines, depth + 1);
      return;
    }
    if (schema.getAllOf() != null) {
      schema.getAllOf().forEach(part -> walk(schemas, part, path, lines, depth + 1));
    }
    if ("string".equals(schema.getType()) && schema.getFormat() == null && schema.getEnum() == null
        && schema.getPattern() == null) {
      schema.setPattern(lines.getOrDefault(path, StoredText.Lines.REFUSED) == StoredText.Lines.REFUSED ? ONE_LINE : LINES);
    } else if (schema.getPattern() != null && !schema.getPattern().startsWith("^")) {
      // Bean Validation's @Pattern matches the whole text; a description's pattern is searched for anywhere in it
      // (ECMA-262): "[A-Za-z]{2,10}" took "gva\nx" and any text holding two letters.
      schema.setPattern("^(?:" + schema.getPattern() + ")$");
    }
    if (schema.getItems() != null) {
      walk(schemas, schema.getItems(), path, lines, depth + 1);
    }
    if (schema.getAdditionalProperties() instanceof Schema values) {
      walk(schemas, values, path, lines, depth + 1);
    }
    if (schema.getProperties() != null) {
      schema.getProperties().forEach((name, property) ->
          walk(schemas, property, path.isEmpty() ? name : path + "." + name, lines, depth + 1));
    }
  }

  /** A mapping's path as the description writes it: {@code {id:\\d+}} is {@code {id}}. */
  static String described(String pattern) {
    return pattern.replaceAll("\\{(\\w+):(?:[^{}]|\\{[^{}]*})*}", "{$1}");
  }

  /** The class of each JSON request body, by the method and path of its operation ({@code PUT /api/v1/groups/{slug}}). */
  static Map<String, Class<?>> bodies(ApplicationContext context) {
    Map<String, Class<?>> found = new HashMap<>();
    context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class).getHandlerMethods()
        .forEach((mapping, handler) -> {
          for (MethodParameter parameter : handler.getMethodParameters()) {
            if (parameter.hasParameterAnnotation(RequestBody.class)) {
              mapping.getMethodsCondition().getMethods().forEach(method -> mapping.getPatternValues()
                  .forEach(pattern -> found.put(method.name() + " " + described(pattern), parameter.getParameterType())));
            }
          }
        });
    return found;
  }
}
