package org.plenary.pdf;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Arrays;
import java.util.Locale;
import org.springframework.context.MessageSource;

/**
 * The words of a PDF in one language: labels and sentences from the {@code pdf} bundle, dates with
 * the language's month names and order, countries by their name in it. Numbers stay in Latin
 * digits and codes as they are (a registration number reads the same in Arabic).
 */
public record PdfWords(MessageSource messages, Locale locale) {

  /** A sentence; in a right-to-left language each value is isolated, so a code or a Latin name keeps its order. */
  public String say(String key, Object... args) {
    boolean rightToLeft = "ar".equals(locale.getLanguage());
    Object[] plain = Arrays.stream(args).map(a -> a instanceof Number ? a.toString() : a)
        .map(a -> rightToLeft && a instanceof String s && !s.isEmpty() ? PdfComposer.ISOLATE + s + PdfComposer.END_ISOLATE : a)
        .toArray();
    return messages.getMessage(key, plain, locale);
  }

  /** Parts of one thing as the language lists them ({@link org.plenary.shared.Listed}): "Genève, CICG", "日内瓦，CICG". */
  public String listed(String... parts) {
    return org.plenary.shared.Listed.parts(messages, locale, parts);
  }

  /** Clauses as the language separates them: "a; b", "a\u202f; b" in French, "a؛ b", "a；b". */
  public String clauses(java.util.Collection<String> clauses) {
    return org.plenary.shared.Listed.clauses(messages, locale, clauses);
  }

  /** Items of one kind enumerated: "a, b", "a، b", "a、b". */
  public String items(java.util.Collection<String> items) {
    return org.plenary.shared.Listed.items(messages, locale, items);
  }

  /** A text and an aside in the language's parentheses: "FG Cloud (FG-Cloud)", "云计算焦点组（FG-Cloud）". */
  public String aside(String text, String aside) {
    return org.plenary.shared.Listed.aside(messages, locale, text, aside);
  }

  /** "label: value" as the language joins them ({@link org.plenary.shared.Labelled}): "Source : X" in French, "来源：X". */
  public String labelled(String label, String value) {
    return org.plenary.shared.Labelled.join(messages, locale, label, value);
  }

  /** The label and the sign that introduces its value: "Name: ", "Nom : ", "姓名：". */
  public String label(String label) {
    return org.plenary.shared.Labelled.label(messages, locale, label);
  }

  /** "7 June 2010", "7 juin 2010", "7 de junio de 2010", "2010年6月7日", "7 يونيو 2010". */
  public String date(LocalDate date) {
    return date == null ? "" : day().format(date);
  }

  private DateTimeFormatter day() {
    return english() ? DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH)
        : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale);
  }

  private boolean english() {
    return "en".equals(locale.getLanguage());
  }

  /**
   * The day and time of an instant in the meeting's zone, with the zone's abbreviation and name, as
   * pages show it: "Tuesday 3 March 2026, 09:30 CET (Europe/Zurich)", "mardi 3 mars 2026, 09:30 CET (Europe/Zurich)".
   */
  public String time(Instant at, ZoneId zone) {
    var local = at.atZone(zone);
    String day = english() ? DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH).format(local)
        : DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale).format(local);
    return aside(listed(day, DateTimeFormatter.ofPattern("HH:mm zzz", locale).format(local)), zone.getId());
  }

  /** The country of an ISO 3166 code in this language ("Suisse"), or the code when unknown. */
  public String country(String code) {
    if (code == null || code.isBlank()) {
      return "";
    }
    String name = Locale.of("", code).getDisplayCountry(locale);
    return name.isBlank() ? code : name;
  }
}
