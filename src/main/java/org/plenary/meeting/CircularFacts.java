package org.plenary.meeting;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.plenary.group.Group;
import org.plenary.group.Leader;
import org.plenary.group.LeaderRole;

/**
 * The facts of a meeting that its circular states, by name, as the circular was generated from
 * them. Kept as JSON with an issued circular, so that a later change of the meeting can be listed
 * fact by fact in an addendum. Dates are kept in no language (ISO-8601: {@code 2010-06-14/2010-06-16},
 * a deadline as {@code 2010-06-01T23:59+02:00[Europe/Zurich]}) and said in each reader's.
 */
final class CircularFacts {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

  /** The meeting's first and last day, ISO-8601 ({@code 2010-06-14/2010-06-16}). */
  static final Pattern ISO_DATES = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})/(\\d{4}-\\d{2}-\\d{2})");

  private static final DateTimeFormatter ENGLISH_DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

  private static final Pattern ENGLISH_DEADLINE =
      Pattern.compile("\\p{L}+ (\\d{1,2} \\p{L}+ \\d{4}), (\\d{2}:\\d{2}) \\S+(?: \\((.+)\\))?");

  private CircularFacts() {}

  static Map<String, String> of(Group group, Meeting m, CircularAddresses addresses) {
    var facts = new LinkedHashMap<String, String>();
    facts.put("Venue", m.venueName() + (m.venueAddress() == null ? "" : ", " + m.venueAddress()));
    facts.put("Dates", m.startDate() + "/" + m.endDate());
    facts.put("Opening time", m.openingTime() == null ? "" : TIME.format(m.openingTime()));
    facts.put("Registration desk", (m.deskOpensAt() == null ? "" : TIME.format(m.deskOpensAt()))
        + (m.deskPlace() == null ? "" : ", " + m.deskPlace()));
    facts.put("Collocated meetings", String.join("; ", m.collocated()));
    facts.put("Working language", Objects.toString(m.languages(), ""));
    facts.put("Fee", Objects.toString(m.fee(), ""));
    facts.put("Paperless", m.paperless() ? "yes" : "no");
    facts.put("Documents", m.documentsPublic() ? "public" : "participants only");
    // In no language: the facts an issued circular froze are compared with these (a date written in the
    // reader's language would show as a change); each reader sees them written in their own (CircularText).
    m.deadlines().forEach(d -> facts.put(d.kind().label() + " deadline", d.local().toString()));
    facts.put("Draft agenda", IntStream.range(0, m.agenda().size())
        .mapToObj(i -> (i + 1) + ". " + m.agenda().get(i).title()).collect(Collectors.joining(" | ")));
    facts.put("Hotels", m.hotels().stream().map(Hotel::name).collect(Collectors.joining("; ")));
    facts.put("Chair", leaders(group.leaders(LeaderRole.CHAIR)));
    facts.put("Vice-chairs", leaders(group.leaders(LeaderRole.VICE_CHAIR)));
    facts.put("Incoming folder (FTP)", addresses.incomingFtp(group));
    facts.put("Incoming folder (web)", addresses.incomingWeb(group));
    facts.put("Published folder (web)", addresses.publishedWeb(group, m));
    return facts;
  }

  /** The facts that differ between {@code before} and {@code after}, in the order the circular states them. */
  static List<Circular.FactChange> changes(Map<String, String> before, Map<String, String> after) {
    var names = new LinkedHashSet<String>(after.keySet());
    names.addAll(before.keySet());
    var changes = new ArrayList<Circular.FactChange>();
    for (String name : names) {
      if (!Objects.equals(before.get(name), after.get(name))) {
        changes.add(new Circular.FactChange(name, before.get(name), after.get(name)));
      }
    }
    return changes;
  }

  /**
   * Facts as an earlier version stored them, dates in English ("14–16 June 2010", "Tuesday 1 June 2010,
   * 23:59 CEST (Europe/Zurich)"), read back into the values {@link #of} gives now, so that they compare and
   * are said in each reader's language; any other value is returned as it is.
   */
  static String read(String fact, String value) {
    if (value == null || fact == null) {
      return value;
    }
    try {
      if (fact.equals("Dates") && !ISO_DATES.matcher(value).matches()) {
        return englishDates(value);
      }
      var deadline = ENGLISH_DEADLINE.matcher(value);
      if (fact.endsWith(" deadline") && deadline.matches()) {
        var day = LocalDate.parse(deadline.group(1), ENGLISH_DAY);
        return ZonedDateTime.of(day, LocalTime.parse(deadline.group(2)),
            ZoneId.of(deadline.group(3) == null ? "UTC" : deadline.group(3))).toString();
      }
    } catch (DateTimeException e) {
      // Not a date this version wrote: kept as stored.
    }
    return value;
  }

  static Map<String, String> read(Map<String, String> facts) {
    var read = new LinkedHashMap<String, String>();
    facts.forEach((fact, value) -> read.put(fact, read(fact, value)));
    return read;
  }

  static List<Circular.FactChange> readChanges(List<Circular.FactChange> changes) {
    return changes.stream().map(c -> new Circular.FactChange(c.fact(), read(c.fact(), c.before()), read(c.fact(), c.after())))
        .toList();
  }

  private static String englishDates(String text) {
    String[] ends = text.split("\\s*–\\s*");
    LocalDate end = LocalDate.parse(ends[ends.length - 1], ENGLISH_DAY);
    String first = ends[0];
    LocalDate start = ends.length == 1 ? end
        : first.matches("\\d{1,2}") ? end.withDayOfMonth(Integer.parseInt(first))
        : first.matches("\\d{1,2} \\p{L}+") ? LocalDate.parse(first + " " + end.getYear(), ENGLISH_DAY)
        : LocalDate.parse(first, ENGLISH_DAY);
    return start + "/" + end;
  }

  private static String leaders(List<Leader> leaders) {
    return leaders.stream().map(l -> l.personName() + (l.organization() == null ? "" : " (" + l.organization() + ")"))
        .collect(Collectors.joining("; "));
  }
}
