package org.plenary.output;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.plenary.shared.Words;

/**
 * The detail of a deliverable's change, stored as codes and values (never a sentence) and said in the
 * reader's language. Rows an earlier version stored as English sentences ("Technical report",
 * "at 1006-gva: … (by consensus)", "to SG13 on 2026-05-01") are read back into the same values.
 */
final class ChangeDetail {

  private static final String STORED = "v2";
  private static final String FIELD = "\u001F";
  private static final String ITEM = "\u001E";
  private static final Pattern OLD_AGREED = Pattern.compile("at (\\S+): (.*) \\((by consensus|objections: (.*))\\)", Pattern.DOTALL);
  private static final Pattern OLD_TRANSFERRED = Pattern.compile("to (.+) on (\\d{4}-\\d{2}-\\d{2})");

  private ChangeDetail() {}

  static String created(DeliverableKind kind) {
    return kind.name();
  }

  static String agreed(String meetingCode, String decision, boolean consensus, List<String> objections) {
    return String.join(FIELD, STORED, clean(meetingCode), clean(decision), consensus ? "1" : "0",
        String.join(ITEM, objections.stream().map(ChangeDetail::clean).toList()));
  }

  /** {@code parent}: the parent group's acronym, or null when the group has none recorded. */
  static String transferred(String parent, LocalDate on) {
    return String.join(FIELD, STORED, parent == null ? "" : clean(parent), on.toString());
  }

  /** The change's detail in {@code locale}, or null when it has none. */
  static String said(DeliverableChange change, Words words, Locale locale) {
    String detail = change.detail();
    if (detail == null || detail.isBlank()) {
      return null;
    }
    return switch (change.action()) {
      case "CREATED" -> kind(detail).map(k -> words.in(locale, "output.kind." + k.name())).orElse(detail);
      case "AGREED" -> agreed(detail, words, locale);
      case "TRANSFERRED" -> transferred(detail, words, locale);
      default -> detail;
    };
  }

  private static java.util.Optional<DeliverableKind> kind(String detail) {
    return Arrays.stream(DeliverableKind.values())
        .filter(k -> k.name().equals(detail) || k.label().equalsIgnoreCase(detail)).findFirst();
  }

  private static String agreed(String detail, Words words, Locale locale) {
    String meeting;
    String decision;
    boolean consensus;
    List<String> objections;
    String[] f = detail.split(FIELD, -1);
    Matcher old = OLD_AGREED.matcher(detail);
    if (f.length == 5 && f[0].equals(STORED)) {
      meeting = f[1];
      decision = f[2];
      consensus = f[3].equals("1");
      objections = f[4].isEmpty() ? List.of() : List.of(f[4].split(ITEM));
    } else if (old.matches()) {
      meeting = old.group(1);
      decision = old.group(2);
      consensus = old.group(4) == null;
      objections = consensus ? List.of() : List.of(old.group(4).split(", "));
    } else {
      return detail;
    }
    String how = consensus ? words.in(locale, "output.change.byConsensus")
        : words.in(locale, "output.change.objections", String.join(words.in(locale, "output.change.listSeparator"), objections));
    return words.in(locale, "output.change.agreedDetail", meeting, decision, how);
  }

  private static String transferred(String detail, Words words, Locale locale) {
    String parent;
    String on;
    String[] f = detail.split(FIELD, -1);
    Matcher old = OLD_TRANSFERRED.matcher(detail);
    if (f.length == 3 && f[0].equals(STORED)) {
      parent = f[1];
      on = f[2];
    } else if (old.matches()) {
      parent = old.group(1).equals("the parent group") ? "" : old.group(1);
      on = old.group(2);
    } else {
      return detail;
    }
    String date = LocalDate.parse(on).format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale));
    return parent.isEmpty() ? words.in(locale, "output.change.transferredToParent", date)
        : words.in(locale, "output.change.transferredTo", parent, date);
  }

  private static String clean(String s) {
    return s == null ? "" : s.replace(FIELD, " ").replace(ITEM, " ");
  }
}
