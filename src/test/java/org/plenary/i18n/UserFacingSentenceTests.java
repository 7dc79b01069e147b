package org.plenary.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.plenary.shared.RefusedException;

/**
 * No sentence a person reads is written in Java: every refusal, unknown thing, field error, flash
 * notice and problem detail is a key of a bundle. Scans the main sources for the calls that reach a
 * reader (error pages, API problems, form errors, notices) and fails on an English sentence given to
 * one of them, naming the file and line; and fails on a key given to them that no bundle has.
 * Sentences that only go to logs are not such calls and may stay English.
 */
class UserFacingSentenceTests {

  static final Path SOURCES = Path.of("src/main/java");

  /** A call whose argument at {@code index} (counted from 0) is said to a person, when it has {@code arity} arguments (0: any). */
  record Sink(String call, int index, int arity, String why) {}

  static final List<Sink> SINKS = List.of(
      new Sink(".check(", 2, 3, "Violations.check(holds, field, message): a field error; resolve a key (words.get, or check(holds, field, bundle, key, args))"),
      new Sink("new InvalidInputException(", 1, 2, "a field error; use InvalidInputException.of(field, bundle, key, args) or a resolved key"),
      new Sink("new Violation(", 1, 2, "a field error; resolve a key"),
      new Sink("NoSuchElementException(", 0, 0, "the 404 page and problem show its message; throw UnknownException(bundle, key, args)"),
      new Sink("addFlashAttribute(", 1, 2, "a notice or problem on the next page; resolve a key"),
      new Sink("forStatusAndDetail(", 1, 2, "an API problem's detail; resolve a key in the request's language"),
      new Sink("OutputRefusedException.state(", 0, 0, "a refusal: its first argument is a key of the output bundle"),
      new Sink("OutputRefusedException.notAllowed(", 0, 0, "a refusal: its first argument is a key of the output bundle"),
      new Sink("RefusedException.of(", 1, 0, "a refusal: its key"),
      new Sink("new UnknownException(", 1, 0, "an unknown thing: its key"));

  /** Calls that must not say an exception's {@code getMessage()}: the English sentence of a keyed refusal. */
  static final List<Sink> ENGLISH_OF_AN_EXCEPTION = List.of(
      new Sink("addFlashAttribute(", 1, 0, "a refusal's getMessage() is English; say it with Words.said(refusal)"),
      new Sink("forStatusAndDetail(", 1, 0, "a refusal's getMessage() is English; resolve it in the request's language"),
      new Sink("rejectValue(", 2, 0, "a refusal's getMessage() is English; say it with Words.said(refusal)"),
      new Sink("Reply.of(", 2, 0, "an FTP reply: pass the refusal itself, which FtpWords says in the session's language"));

  /** A string literal that reads as words: a letter, a space, a letter. */
  static final Pattern SENTENCE = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\\p{L}[ ,;:]+\\p{L}(?:[^\"\\\\]|\\\\.)*\"");
  /** A literal that ends a sentence begun by a value: {@code circular.title() + " saved."}. */
  static final Pattern FRAGMENT = Pattern.compile("\"[ ]+\\p{L}{2,}(?:[^\"\\\\]|\\\\.)*\"");
  static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
  static final Pattern ANNOTATION_MESSAGE = Pattern.compile("@\\w+\\([^)]*\\bmessage\\s*=\\s*\"(?!\\{)");

  @Test
  void noSentenceReachesAReaderFromJava() throws IOException {
    var found = new ArrayList<String>();
    for (Path file : javaFiles()) {
      String source = withoutComments(Files.readString(file, StandardCharsets.UTF_8));
      for (Sink sink : SINKS) {
        for (Call call : calls(source, sink.call())) {
          if (sink.arity() != 0 && call.args().size() != sink.arity()) {
            continue;
          }
          if (sink.call().startsWith("addFlashAttribute(") && !call.args().getFirst().matches("\"(notice|problem)\"")) {
            continue;
          }
          if (sink.call().equals("NoSuchElementException(") && !call.args().isEmpty()) {
            found.add(where(file, source, call.at()) + " " + sink.why());
            continue;
          }
          if (call.args().size() > sink.index() && (SENTENCE.matcher(call.args().get(sink.index())).find()
              || FRAGMENT.matcher(call.args().get(sink.index())).find())) {
            found.add(where(file, source, call.at()) + " " + call.args().get(sink.index()) + " — " + sink.why());
          }
        }
      }
      for (Sink sink : ENGLISH_OF_AN_EXCEPTION) {
        for (Call call : calls(source, sink.call())) {
          if (call.args().size() > sink.index() && call.args().get(sink.index()).matches("[\\w.()]*\\.getMessage\\(\\)")) {
            found.add(where(file, source, call.at()) + " " + call.args().get(sink.index()) + " — " + sink.why());
          }
        }
      }
      Matcher annotation = ANNOTATION_MESSAGE.matcher(source);
      while (annotation.find()) {
        found.add(where(file, source, annotation.start()) + " a validation message written in code; write message = \"{key}\"");
      }
    }
    assertThat(found).as("sentences written in Java that a person reads").isEmpty();
  }

  @Test
  void everyKeyGivenToARefusalOrAnUnknownThingIsInTheEnglishBundles() throws IOException {
    Set<String> keys = new HashSet<>();
    for (String bundle : BundleCompletenessTests.bundles()) {
      keys.addAll(BundleCompletenessTests.read(BundleCompletenessTests.file(bundle, org.plenary.shared.Languages.DEFAULT)).keySet());
    }
    var missing = new ArrayList<String>();
    for (Path file : javaFiles()) {
      String source = withoutComments(Files.readString(file, StandardCharsets.UTF_8));
      for (Sink sink : SINKS.stream().filter(s -> s.arity() == 0 && !s.call().startsWith("NoSuch")).toList()) {
        for (Call call : calls(source, sink.call())) {
          String key = call.args().size() > sink.index() ? call.args().get(sink.index()) : "";
          Matcher literal = LITERAL.matcher(key);
          // A key built at run time ("output.state." + state) is checked by the pages' and PDFs' tests.
          if (literal.matches() && !keys.contains(literal.group(1))) {
            missing.add(where(file, source, call.at()) + " " + key);
          }
        }
      }
    }
    assertThat(missing).as("keys that no English bundle has").isEmpty();
  }

  @Test
  void aRefusalCannotBeMadeFromASentence() {
    assertThat(Arrays.stream(RefusedException.class.getDeclaredConstructors())
        .filter(c -> !Modifier.isPrivate(c.getModifiers()))
        .map(c -> List.of(c.getParameterTypes())))
        .as("RefusedException takes a bundle and a key, never a sentence already written")
        .doesNotContain(List.of(int.class, String.class))
        .allMatch(types -> types.equals(List.of(int.class, String.class, String.class, Object[].class)));
  }

  /** An enum's English {@code label()} (a kind, state, status, type, category, role, standing, attendance). */
  static final Pattern ENUM_LABEL = Pattern.compile(
      "\\b(?:kind|state|status|type|category|role|standing|attendance|latePolicy)(?:\\(\\))?\\.label\\(\\)");

  /**
   * Where an enum's English label may still be used: API data (documented as English), the canonical English
   * name of a circular's fact (said through {@code fact.*}), a key's default, and reading back rows stored in English.
   */
  static final Set<String> ENGLISH_LABEL_ALLOWED = Set.of("MeetingApiController.java", "PersonalDesk.java",
      "RegistrationDesk.java", "CircularFacts.java", "ChangeDetail.java");

  @Test
  void enumLabelsInEnglishReachOnlyTheApi() throws IOException {
    var found = new ArrayList<String>();
    for (Path file : javaFiles()) {
      if (ENGLISH_LABEL_ALLOWED.contains(file.getFileName().toString())) {
        continue;
      }
      String source = withoutComments(Files.readString(file, StandardCharsets.UTF_8));
      Matcher m = ENUM_LABEL.matcher(source);
      while (m.find()) {
        found.add(where(file, source, m.start()) + " " + m.group() + " — say the code through the bundles ('output.kind.' + kind)");
      }
    }
    try (Stream<Path> templates = Files.walk(Path.of("src/main/resources/templates"))) {
      for (Path template : templates.filter(f -> f.toString().endsWith(".html")).toList()) {
        String html = Files.readString(template, StandardCharsets.UTF_8);
        Matcher m = ENUM_LABEL.matcher(html);
        while (m.find()) {
          found.add(template + " " + m.group());
        }
      }
    }
    assertThat(found).as("English enum labels shown to a person").isEmpty();
    assertThat(ENUM_LABEL.matcher("deliverables.event(id, \"CREATED\", user, now, kind.label())").find()).isTrue();
    assertThat(ENUM_LABEL.matcher("v.label()").find()).isFalse();
    assertThat(ENUM_LABEL.matcher("words.say(d.kind().label())").find()).isTrue();
  }

  /**
   * Where Spring's {@code ContentDisposition} builder may still name a file: a document under its own name (its
   * number, as uploaded) and a folder's archive, named by codes only. Every other file written for a reader (PDFs,
   * CSVs, the template) goes through {@code shared.Download}: an ASCII name and the name in the reader's language.
   */
  static final Set<String> OWN_NAMES = Set.of("FileSender.java", "ArchiveController.java");

  @Test
  void everyFileWrittenForAReaderIsNamedInTheirLanguage() throws IOException {
    var found = new ArrayList<String>();
    Pattern builder = Pattern.compile("\\bContentDisposition\\.|\"Content-Disposition\"");
    for (Path file : javaFiles()) {
      if (OWN_NAMES.contains(file.getFileName().toString())) {
        continue;
      }
      String source = withoutComments(Files.readString(file, StandardCharsets.UTF_8));
      Matcher m = builder.matcher(source);
      while (m.find()) {
        found.add(where(file, source, m.start()) + " " + m.group()
            + " — name the file with shared.Download (filename and filename* in the reader's language)");
      }
    }
    assertThat(found).as("downloads named in English only").isEmpty();
  }

  @Test
  void theScanFindsTheSentencesItLooksFor() {
    String source = withoutComments("""
        class X {
          void a() {
            new Violations().check(ok, "title", "Give the deliverable a title.")
                .check(ok, "kind", "output", "output.error.kind");
            throw new NoSuchElementException("No account " + id);
          }
          // redirect.addFlashAttribute("notice", "A comment is not code.");
          void b() { redirect.addFlashAttribute("notice", "Entry saved."); }
          void c() { redirect.addFlashAttribute("notice", words.get("output.notice.entrySaved")); }
        }
        """);
    assertThat(calls(source, ".check(")).extracting(c -> c.args().size()).containsExactly(3, 4);
    assertThat(SENTENCE.matcher(calls(source, ".check(").getFirst().args().get(2)).find()).isTrue();
    assertThat(calls(source, "NoSuchElementException(").getFirst().args()).containsExactly("\"No account \" + id");
    assertThat(calls(source, "addFlashAttribute(")).extracting(c -> c.args().get(1))
        .containsExactly("\"Entry saved.\"", "words.get(\"output.notice.entrySaved\")");
    assertThat(SENTENCE.matcher("words.get(\"output.notice.entrySaved\")").find()).isFalse();
    assertThat(FRAGMENT.matcher("circular.title() + \" saved.\"").find()).isTrue();
    assertThat(FRAGMENT.matcher("a + \" \" + b").find()).isFalse();
    assertThat(FRAGMENT.matcher("said(\"meeting.circular.notice.saved.\" + kind)").find()).isFalse();
    assertThat(calls("redirect.addFlashAttribute(\"problem\", e.getMessage());", "addFlashAttribute(").getFirst().args().get(1))
        .matches("[\\w.()]*\\.getMessage\\(\\)");
    assertThat(ANNOTATION_MESSAGE.matcher("@NotBlank(message = \"Give the term.\") String term").find()).isTrue();
    assertThat(ANNOTATION_MESSAGE.matcher("@NotBlank(message = \"{output.error.term}\") String term").find()).isFalse();
  }

  record Call(int at, List<String> args) {}

  /** Each call of {@code name} in {@code source}, with its top-level arguments as written. */
  static List<Call> calls(String source, String name) {
    var calls = new ArrayList<Call>();
    for (int at = source.indexOf(name); at >= 0; at = source.indexOf(name, at + 1)) {
      int open = at + name.length() - 1;
      var args = new ArrayList<String>();
      int depth = 0;
      var arg = new StringBuilder();
      for (int i = open + 1; i < source.length(); i++) {
        char c = source.charAt(i);
        if (c == '"') {
          int end = endOfString(source, i);
          arg.append(source, i, end + 1);
          i = end;
          continue;
        }
        if (c == '\'') {
          int end = source.indexOf('\'', i + (source.charAt(i + 1) == '\\' ? 3 : 2));
          arg.append(source, i, end + 1);
          i = end;
          continue;
        }
        if ((c == ')' || c == ',') && depth == 0) {
          if (!arg.toString().isBlank()) {
            args.add(arg.toString().strip().replaceAll("\\s+", " "));
          }
          arg.setLength(0);
          if (c == ')') {
            break;
          }
          continue;
        }
        depth += c == '(' || c == '{' || c == '[' ? 1 : c == ')' || c == '}' || c == ']' ? -1 : 0;
        arg.append(c);
      }
      calls.add(new Call(at, args));
    }
    return calls;
  }

  private static int endOfString(String source, int open) {
    if (source.startsWith("\"\"\"", open)) {
      return source.indexOf("\"\"\"", open + 3) + 2;
    }
    int i = open + 1;
    while (source.charAt(i) != '"') {
      i += source.charAt(i) == '\\' ? 2 : 1;
    }
    return i;
  }

  /** The source with its comments blanked out (strings kept, line numbers kept). */
  static String withoutComments(String source) {
    var out = new StringBuilder(source.length());
    for (int i = 0; i < source.length(); i++) {
      char c = source.charAt(i);
      if (c == '"') {
        int end = endOfString(source, i);
        out.append(source, i, end + 1);
        i = end;
      } else if (c == '\'') {
        int end = source.indexOf('\'', i + (source.charAt(i + 1) == '\\' ? 3 : 2));
        out.append(source, i, end + 1);
        i = end;
      } else if (c == '/' && i + 1 < source.length() && source.charAt(i + 1) == '/') {
        while (i < source.length() && source.charAt(i) != '\n') {
          i++;
        }
        out.append('\n');
      } else if (c == '/' && i + 1 < source.length() && source.charAt(i + 1) == '*') {
        int end = source.indexOf("*/", i + 2);
        source.substring(i, end + 2).chars().filter(ch -> ch == '\n').forEach(ch -> out.append('\n'));
        i = end + 1;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String where(Path file, String source, int at) {
    long line = source.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    return SOURCES.relativize(file) + ":" + line;
  }

  private static List<Path> javaFiles() throws IOException {
    try (Stream<Path> files = Files.walk(SOURCES)) {
      return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }
}
