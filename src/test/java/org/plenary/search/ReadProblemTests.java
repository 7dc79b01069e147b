package org.plenary.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.plenary.shared.MessageBundles;
import org.springframework.context.MessageSource;

/** The index keeps why a file is not searchable as a code; the reader is told in their own language. */
class ReadProblemTests {

  private static final MessageSource MESSAGES = new MessageBundles().messageSource();
  private static final List<Locale> OTHERS = Stream.of("fr", "es", "ru", "zh", "ar").map(Locale::forLanguageTag).toList();

  private static BiFunction<String, Object[], String> in(Locale locale) {
    return (key, args) -> MESSAGES.getMessage(key, args, locale);
  }

  @Test
  void aFileThatMovedOrWasNotReadAsTheServerStoppedIsReadAgainButADamagedOneIsNot() {
    assertThat(ReadProblem.passing(ReadProblem.store(List.of(new ReadProblem.OfFile("a.pdf", ReadProblem.of("moved")))))).isTrue();
    assertThat(ReadProblem.passing(ReadProblem.store(List.of(new ReadProblem.OfFile("a.pdf", ReadProblem.of("damaged")),
        new ReadProblem.OfFile("b.pdf", ReadProblem.of("stopping")))))).isTrue();
    assertThat(ReadProblem.passing(ReadProblem.store(List.of(new ReadProblem.OfFile("a.pdf", ReadProblem.of("damaged")))))).isFalse();
    assertThat(ReadProblem.passing("")).isFalse();
    assertThat(ReadProblem.passing(null)).isFalse();
    assertThat(ReadProblem.passing("could not be read")).isFalse();
  }

  @Test
  void problemsAreStoredAsCodesAndReadBack() {
    var problems = List.of(new ReadProblem.OfFile("a.zip", ReadProblem.inArchive("b.docx", ReadProblem.of("password"))),
        new ReadProblem.OfFile("c.txt", ReadProblem.of("tooLong", 10_000_000)));
    String stored = ReadProblem.store(problems);
    assertThat(stored).doesNotContain("password-protected");
    assertThat(ReadProblem.stored(stored)).isEqualTo(problems);
    assertThat(ReadProblem.legacy(stored)).isFalse();
    assertThat(ReadProblem.store(List.of())).isEmpty();
    assertThat(ReadProblem.stored("")).isEmpty();
  }

  @Test
  void everyCodeTheExtractorsUseIsSaidInEveryLanguageNotInEnglish() throws Exception {
    Set<String> codes = codesInSources();
    assertThat(codes).as("the scan finds the codes").contains("password", "tooLong", "bombRatio", "notSearched", "timeout");
    for (String code : codes) {
      String english = MESSAGES.getMessage("search.reason." + code, new Object[] {7L, 7L}, Locale.ENGLISH);
      for (Locale locale : OTHERS) {
        String said = MESSAGES.getMessage("search.reason." + code, new Object[] {7L, 7L}, locale);
        assertThat(said).as(code + " in " + locale).isNotEqualTo(english).doesNotContain("{");
      }
    }
  }

  @Test
  void aProblemInsideAnArchiveIsSaidWholeInTheReadersLanguage() {
    var problem = new ReadProblem.OfFile("pack.zip",
        ReadProblem.inArchive("inner.pdf", ReadProblem.of("bombRatio", "inner.pdf", 100)));
    assertThat(problem.said(in(Locale.FRENCH)))
        .isEqualTo("pack.zip\u202f: inner.pdf (dans l’archive)\u202f: bombe de décompression\u202f: inner.pdf se décompresse à plus de 100 fois sa taille");
    assertThat(new ReadProblem.OfFile("big.txt", ReadProblem.of("tooLong", 10_000_000)).said(in(Locale.ENGLISH)))
        .isEqualTo("big.txt: longer than 10,000,000 characters; only its beginning is searchable");
  }

  @Test
  void anEnglishReasonAnEarlierVersionStoredIsNotShownAndTheEntryIsReadAgain() {
    String old = "a.pdf: password-protected PDF";
    assertThat(ReadProblem.legacy(old)).as("Entries reads such an entry again").isTrue();
    List<ReadProblem.OfFile> problems = ReadProblem.stored(old);
    assertThat(problems).extracting(p -> p.problem().code()).containsExactly(ReadProblem.LEGACY);
    for (Locale locale : OTHERS) {
      assertThat(problems.getFirst().said(in(locale))).as(locale.toString()).doesNotContain("password").isNotBlank();
    }
  }

  /** The codes given to {@code ReadProblem.of} anywhere in the search module. */
  private static Set<String> codesInSources() throws Exception {
    Pattern of = Pattern.compile("ReadProblem\\.of\\(\"(\\w+)\"");
    Set<String> codes = new TreeSet<>();
    try (Stream<Path> files = Files.list(Path.of("src/main/java/org/plenary/search"))) {
      for (Path file : files.toList()) {
        Matcher m = of.matcher(Files.readString(file));
        while (m.find()) {
          codes.add(m.group(1));
        }
      }
    }
    codes.add("inArchive");
    codes.add(ReadProblem.LEGACY);
    return codes;
  }
}
