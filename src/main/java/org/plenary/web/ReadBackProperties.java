package org.plenary.web;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.reflect.AnnotatedElement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * What the description says of the properties a resource's GET answers and its PUT at the same address does not take,
 * so that a client may send back what it read ({@link ApiJson} refuses every other unknown property): those the request
 * type ignores ({@code @JsonIgnoreProperties}: an id, a state, computed dates) as {@code readOnly}, and those it reads
 * under another name ({@code @JsonAlias}: the group's {@code leadership} is its {@code leaders}) with
 * {@code x-another-name-of} naming the property they stand for.
 */
@Component
class ReadBackProperties implements OpenApiCustomizer {

  static final String ANOTHER_NAME = "x-another-name-of";
  private static final String READ_BACK = "As the resource's GET answers it: accepted and ignored, so that what was read "
      + "can be sent back.";

  private final ApplicationContext context;

  ReadBackProperties(ApplicationContext context) {
    this.context = context;
  }

  @Override
  public void customise(OpenAPI api) {
    Map<String, Class<?>> bodies = putBodies();
    Map<String, Schema> schemas = api.getComponents() == null ? null : api.getComponents().getSchemas();
    if (schemas == null || api.getPaths() == null) {
      return;
    }
    api.getPaths().forEach((path, item) -> {
      if (item.getGet() == null || item.getPut() == null || item.getPut().getRequestBody() == null
          || item.getGet().getResponses().get("200") == null || !bodies.containsKey(path)) {
        return;
      }
      Schema<?> read = named(schemas, item.getGet().getResponses().get("200").getContent());
      Schema<?> written = named(schemas, item.getPut().getRequestBody().getContent());
      if (read != null && written != null && read.getProperties() != null) {
        describe(schemas, read, written, bodies.get(path), 0);
      }
    });
    // What a body takes back from a read elsewhere (a living-list entry's id, read in the list): readOnly, untyped.
    api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
      Class<?> type = TextPatterns.bodies(context).get(method.name() + " " + path);
      JsonIgnoreProperties ignored = type == null ? null : type.getAnnotation(JsonIgnoreProperties.class);
      Schema<?> written = ignored == null || operation.getRequestBody() == null ? null
          : named(schemas, operation.getRequestBody().getContent());
      for (String name : ignored == null || written == null ? new String[0] : ignored.value()) {
        if (written.getProperties() == null || !written.getProperties().containsKey(name)) {
          written.addProperty(name, new Schema<>().readOnly(true).description(READ_BACK));
        }
      }
    }));
  }

  /** Describes what {@code written} takes back of {@code read}, and so for the objects of both that stand for each other. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static void describe(Map<String, Schema> schemas, Schema<?> read, Schema<?> written, Class<?> type, int depth) {
    if (depth > 4 || read.getProperties() == null) {
      return;
    }
    JsonIgnoreProperties ignored = type.getAnnotation(JsonIgnoreProperties.class);
    Set<String> ignoredNames = ignored == null ? Set.of() : Set.of(ignored.value());
    Map<String, String> aliases = aliases(type);
    read.getProperties().forEach((name, property) -> {
      Map<String, Schema> taken = written.getProperties() == null ? Map.of() : (Map) written.getProperties();
      String target = taken.containsKey(name) ? name : aliases.get(name);
      if (target != null && taken.containsKey(target)) {
        Schema<?> readRow = row(schemas, property);
        Schema<?> writtenRow = row(schemas, taken.get(target));
        Class<?> element = element(type, target);
        if (readRow != null && writtenRow != null && readRow != writtenRow && element != null) {
          describe(schemas, readRow, writtenRow, element, depth + 1);
        }
      }
      if (taken.containsKey(name)) {
        return;
      }
      if (ignoredNames.contains(name)) {
        written.addProperty(name, new Schema<>().allOf(List.of(property)).readOnly(true)
            .description(READ_BACK));
      } else if (target != null && taken.containsKey(target)) {
        Schema<?> alias = new Schema<>().allOf(List.of(taken.get(target)))
            .description("The name the resource's GET gives `" + target + "`: read as `" + target + "` (send one of the two).");
        alias.addExtension(ANOTHER_NAME, target);
        written.addProperty(name, alias);
      }
    });
  }

  /** The object schema a property holds, itself or as the items of its list: null for anything else. */
  @SuppressWarnings("rawtypes")
  private static Schema<?> row(Map<String, Schema> schemas, Schema<?> property) {
    Schema<?> held = property.getItems() != null ? property.getItems() : property;
    return held.get$ref() == null ? null : schemas.get(held.get$ref().replaceAll(".*/", ""));
  }

  /** The class of the field {@code name} of {@code type}, or of its list's items. */
  private static Class<?> element(Class<?> type, String name) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      try {
        java.lang.reflect.Type field = c.getDeclaredField(name).getGenericType();
        if (field instanceof java.lang.reflect.ParameterizedType list && list.getActualTypeArguments().length == 1
            && list.getActualTypeArguments()[0] instanceof Class<?> item) {
          return item;
        }
        return field instanceof Class<?> plain ? plain : null;
      } catch (NoSuchFieldException e) {
        // its superclass's
      }
    }
    return null;
  }

  /** The other names a property of {@code type} is read under, to its own name (its field's or its setter's). */
  private static Map<String, String> aliases(Class<?> type) {
    Map<String, String> found = new HashMap<>();
    Stream.<AnnotatedElement>concat(Stream.of(type.getDeclaredFields()), Stream.of(type.getDeclaredMethods()))
        .forEach(element -> {
          JsonAlias alias = element.getAnnotation(JsonAlias.class);
          if (alias != null) {
            String name = element instanceof java.lang.reflect.Field field ? field.getName()
                : java.beans.Introspector.decapitalize(((java.lang.reflect.Method) element).getName().replaceFirst("^set", ""));
            for (String other : alias.value()) {
              found.put(other, name);
            }
          }
        });
    return found;
  }

  /** The request body's class of each PUT, by its path as the description writes it. */
  private Map<String, Class<?>> putBodies() {
    Map<String, Class<?>> found = new HashMap<>();
    context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class).getHandlerMethods()
        .forEach((mapping, handler) -> {
          if (!mapping.getMethodsCondition().getMethods().contains(RequestMethod.PUT)) {
            return;
          }
          for (MethodParameter parameter : handler.getMethodParameters()) {
            if (parameter.hasParameterAnnotation(RequestBody.class)) {
              mapping.getPatternValues().forEach(pattern -> found.put(TextPatterns.described(pattern),
                  parameter.getParameterType()));
            }
          }
        });
    return found;
  }

  @SuppressWarnings("rawtypes")
  private static Schema<?> named(Map<String, Schema> schemas, Content content) {
    if (content == null || content.get("application/json") == null || content.get("application/json").getSchema() == null) {
      return null;
    }
    String ref = content.get("application/json").getSchema().get$ref();
    return ref == null ? null : schemas.get(ref.replaceAll(".*/", ""));
  }
}
