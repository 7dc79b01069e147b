package org.plenary.shared;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;

/**
 * How a CSV export says its header and its words. Without a language asked ({@code ?lang=} absent or not one
 * of the six): the column codes ({@code number,title,…}) and the codes of states, kinds and categories, which
 * scripts read; times beside their ISO column in English. With one: the columns named and those words said
 * in that language ("Membre de Secteur", "oui"). Numbers, document numbers, meeting codes, ISO times, file
 * names, hashes and addresses are the same in both.
 *
 * @param language the language asked, or null for the column codes
 */
public record CsvWords(MessageSource messages, Locale language) {

  /** The words of a CSV asked for with {@code lang} ({@code ?lang=fr}), or the codes when it names none of the six. */
  public static CsvWords of(MessageSource messages, String lang) {
    return new CsvWords(messages, Languages.supported(lang).orElse(null));
  }

  /** The header row, CRLF included: each column's code, or its name {@code <prefix>.<column>} in the language. */
  public String header(String prefix, String... columns) {
    return (language == null ? String.join(",", columns)
        : Arrays.stream(columns).map(c -> Csv.cell(messages.getMessage(prefix + "." + c, null, language)))
            .collect(Collectors.joining(","))) + "\r\n";
  }

  /** A state, kind or category: its {@code code}, or the bundle's word for it ({@code key}) in the language, quoted. */
  public String word(String key, String code) {
    return language == null ? code : Csv.cell(messages.getMessage(key, null, code, language));
  }

  /** "label: value" as the language joins them ({@link Labelled}); as in English without one. */
  public String labelled(String label, String value) {
    return Labelled.join(messages, locale(), label, value);
  }

  /** Entries of a cell separated as the language separates clauses ({@link Listed}); "; " as in English without one. */
  public String clauses(java.util.Collection<String> entries) {
    return Listed.clauses(messages, locale(), entries);
  }

  /** {@code true}/{@code false}, or yes and no in the language. */
  public String yesNo(boolean value) {
    return language == null ? String.valueOf(value) : Csv.cell(messages.getMessage(value ? "common.csv.yes" : "common.csv.no",
        null, language));
  }

  /** An instant as {@link Times} shows it in the meeting's zone, in the language (English without one). */
  public String time(Instant at, ZoneId zone) {
    return at == null ? "" : Csv.cell(Times.display(at, zone, locale()));
  }

  /** The CSV's Content-Disposition: its ASCII name, and its name in the language asked ({@code key}, {@code args}). */
  public String disposition(String asciiName, String key, Object... args) {
    return Download.disposition("attachment", asciiName,
        language == null ? asciiName : messages.getMessage(key, args, language) + ".csv");
  }

  /** The language of the words: the one asked, else English. */
  public Locale locale() {
    return language == null ? Languages.DEFAULT : language;
  }
}
