package org.plenary.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Constraint;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Executable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.plenary.shared.Languages;

/**
 * Every Bean Validation constraint on Plenary's requests and forms says its refusal from Plenary's bundles in the six
 * languages: a message of its own ({@code {registration.error.fullName}}) or, where it gives none, Bean Validation's
 * default key ({@code {jakarta.validation.constraints.Size.message}}) found in the root bundle. Without one, the
 * validator's own English ("size must be between 0 and 1000") reached a reader of any language.
 */
class ConstraintMessagesTests {

  private static final Path CLASSES = Path.of("target/classes");
  private static final Pattern KEY = Pattern.compile("\\{([^{}$]+)}");

  @Test
  void everyConstraintsMessageIsInTheBundlesInAllSixLanguages() throws Exception {
    var keys = new HashMap<Locale, java.util.Set<String>>();
    for (Locale language : Languages.SUPPORTED) {
      var all = new java.util.HashSet<String>();
      for (String bundle : BundleCompletenessTests.bundles()) {
        Path file = BundleCompletenessTests.file(bundle, language);
        if (Files.exists(file)) {
          all.addAll(BundleCompletenessTests.read(file).keySet());
        }
      }
      keys.put(language, all);
    }
    var messages = new HashMap<String, String>();
    for (Class<?> type : plenaryClasses()) {
      for (AnnotatedElement element : elements(type)) {
        for (Annotation constraint : constraints(element)) {
          messages.putIfAbsent(message(constraint), type.getName() + " " + constraint.annotationType().getSimpleName());
        }
      }
    }
    var missing = new TreeSet<String>();
    int found = 0;
    for (Map.Entry<String, String> message : messages.entrySet()) {
      Matcher key = KEY.matcher(message.getKey());
      boolean any = false;
      while (key.find()) {
        any = true;
        found++;
        for (Locale language : Languages.SUPPORTED) {
          if (!keys.get(language).contains(key.group(1))) {
            missing.add(key.group(1) + " (" + message.getValue() + ") has no sentence in " + language);
          }
        }
      }
      if (!any) {
        missing.add("\"" + message.getKey() + "\" (" + message.getValue() + ") is a sentence, not a key");
      }
    }
    assertThat(found).as("constraint messages").isGreaterThanOrEqualTo(20);
    assertThat(missing).isEmpty();
  }

  private static List<Class<?>> plenaryClasses() throws IOException {
    var found = new ArrayList<Class<?>>();
    try (Stream<Path> files = Files.walk(CLASSES.resolve("org/plenary"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = CLASSES.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
        try {
          found.add(Class.forName(name, false, ConstraintMessagesTests.class.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
          throw new IllegalStateException(name, e);
        }
      }
    }
    return found;
  }

  /** The class, its fields, record components, methods, constructors and their parameters. */
  private static List<AnnotatedElement> elements(Class<?> type) {
    var elements = new ArrayList<AnnotatedElement>();
    elements.add(type);
    elements.addAll(List.of(type.getDeclaredFields()));
    if (type.isRecord()) {
      elements.addAll(List.of(type.getRecordComponents()));
    }
    var executables = new ArrayList<Executable>(List.of(type.getDeclaredMethods()));
    executables.addAll(List.of(type.getDeclaredConstructors()));
    for (Executable executable : executables) {
      elements.add(executable);
      elements.addAll(List.of(executable.getParameters()));
    }
    return elements;
  }

  /** The constraints on {@code element} and on the types it uses ({@code List<@Size(max = 200) String>}). */
  private static List<Annotation> constraints(AnnotatedElement element) {
    var found = new ArrayList<Annotation>();
    for (Annotation annotation : element.getDeclaredAnnotations()) {
      found.addAll(unpacked(annotation));
    }
    AnnotatedType used = switch (element) {
      case java.lang.reflect.Field field -> field.getAnnotatedType();
      case java.lang.reflect.RecordComponent component -> component.getAnnotatedType();
      case java.lang.reflect.Parameter parameter -> parameter.getAnnotatedType();
      case java.lang.reflect.Method method -> method.getAnnotatedReturnType();
      default -> null;
    };
    typeUses(used, found, 0);
    return found;
  }

  private static void typeUses(AnnotatedType type, List<Annotation> found, int depth) {
    if (type instanceof AnnotatedParameterizedType parameterized && depth < 4) {
      for (AnnotatedType argument : parameterized.getAnnotatedActualTypeArguments()) {
        for (Annotation annotation : argument.getDeclaredAnnotations()) {
          found.addAll(unpacked(annotation));
        }
        typeUses(argument, found, depth + 1);
      }
    }
  }

  /** The annotation if it is a constraint, or the constraints a {@code List} container of them holds. */
  private static List<Annotation> unpacked(Annotation annotation) {
    if (annotation.annotationType().isAnnotationPresent(Constraint.class)) {
      return List.of(annotation);
    }
    try {
      var value = annotation.annotationType().getMethod("value");
      if (value.getReturnType().isArray() && value.getReturnType().getComponentType().isAnnotation()
          && value.getReturnType().getComponentType().isAnnotationPresent(Constraint.class)) {
        return List.of((Annotation[]) value.invoke(annotation));
      }
    } catch (ReflectiveOperationException e) {
      return List.of();
    }
    return List.of();
  }

  private static String message(Annotation constraint) {
    try {
      return (String) constraint.annotationType().getMethod("message").invoke(constraint);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(constraint.toString(), e);
    }
  }
}
