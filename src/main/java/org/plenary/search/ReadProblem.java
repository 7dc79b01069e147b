package org.plenary.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Why a file's text is missing or incomplete, as a code of the search bundle ({@code search.reason.<code>})
 * and its arguments. The index stores the code, never a sentence, so every reader is told in their own
 * language; {@code inArchive} carries the entry's name and the entry's own problem after it.
 */
record ReadProblem(String code, List<String> args) {

  /** Marks the stored form; a value without it was written by a version that stored English sentences. */
  static final String STORED = "\u001Ev2";
  private static final String ITEM = "\u001E";
  private static final String FIELD = "\u001F";
  /** The code of a problem an earlier version stored as an English sentence (rebuild the index to translate it). */
  static final String LEGACY = "legacy";

  /** The file moved (published, replaced) between reading its register entry and opening it. */
  static final String MOVED = "moved";
  /**
   * Problems that say nothing about the file itself: an entry holding one has its files read again at its
   * next indexing rather than its kept text reused (the file's SHA-256 did not change, its text was never read).
   */
  private static final java.util.Set<String> PASSING = java.util.Set.of(MOVED, "stopping");

  ReadProblem {
    args = List.copyOf(args);
  }

  static ReadProblem of(String code, Object... args) {
    return new ReadProblem(code, Arrays.stream(args).map(String::valueOf).toList());
  }

  /** {@code problem} met in the archive's entry {@code entryName}. */
  static ReadProblem inArchive(String entryName, ReadProblem problem) {
    List<String> args = new ArrayList<>();
    args.add(entryName);
    args.add(problem.code());
    args.addAll(problem.args());
    return new ReadProblem("inArchive", args);
  }

  boolean bomb() {
    return code.startsWith("bomb") || code.equals("inArchive") && args.size() > 1 && args.get(1).startsWith("bomb");
  }

  /** The message key of the sentence. */
  String key() {
    return "search.reason." + code;
  }

  /**
   * The sentence, through {@code sentence} (a key and its arguments to a sentence in the reader's language);
   * digits-only arguments are passed as numbers, so they are written the reader's way.
   */
  String said(BiFunction<String, Object[], String> sentence) {
    if (code.equals("inArchive") && args.size() > 1) {
      ReadProblem inner = new ReadProblem(args.get(1), args.subList(2, args.size()));
      return sentence.apply(key(), new Object[] {args.get(0), inner.said(sentence)});
    }
    Object[] values = args.stream().map(a -> a.matches("\\d{1,18}") ? (Object) Long.valueOf(a) : a).toArray();
    return sentence.apply(key(), values);
  }

  /** A file of the entry and its problem. */
  record OfFile(String fileName, ReadProblem problem) {

    /** The sentence "file: problem" in the reader's language. */
    String said(BiFunction<String, Object[], String> sentence) {
      if (problem.code().equals(LEGACY)) {
        return problem.said(sentence);
      }
      return sentence.apply("search.reason.ofFile", new Object[] {fileName, problem.said(sentence)});
    }
  }

  /** The stored form of an entry's problems ("" when none). */
  static String store(List<OfFile> problems) {
    if (problems.isEmpty()) {
      return "";
    }
    StringBuilder s = new StringBuilder(STORED);
    for (OfFile p : problems) {
      s.append(ITEM).append(clean(p.fileName())).append(FIELD).append(p.problem().code());
      p.problem().args().forEach(a -> s.append(FIELD).append(clean(a)));
    }
    return s.toString();
  }

  /**
   * The problems of a stored value; a value an earlier version wrote as English text becomes one
   * {@link #LEGACY} problem holding that text, shown as a sentence that says to rebuild the index.
   */
  static List<OfFile> stored(String value) {
    if (value == null || value.isEmpty()) {
      return List.of();
    }
    if (!value.startsWith(STORED)) {
      return List.of(new OfFile("", new ReadProblem(LEGACY, List.of(value))));
    }
    List<OfFile> problems = new ArrayList<>();
    for (String item : value.substring(STORED.length()).split(ITEM)) {
      if (item.isEmpty()) {
        continue;
      }
      String[] f = item.split(FIELD, -1);
      problems.add(new OfFile(f[0], new ReadProblem(f.length > 1 ? f[1] : LEGACY,
          f.length > 2 ? Arrays.asList(f).subList(2, f.length) : List.of())));
    }
    return problems;
  }

  /** Whether a stored value holds a problem that passes (the file moved, the server was stopping). */
  static boolean passing(String value) {
    return !legacy(value) && stored(value).stream().anyMatch(p -> PASSING.contains(p.problem().code()));
  }

  /** Whether a stored value was written by an earlier version (English text). */
  static boolean legacy(String value) {
    return value != null && !value.isEmpty() && !value.startsWith(STORED);
  }

  private static String clean(String s) {
    return s.replace(ITEM, " ").replace(FIELD, " ");
  }
}
