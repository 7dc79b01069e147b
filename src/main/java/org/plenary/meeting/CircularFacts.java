package org.plenary.meeting;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.plenary.group.Group;
import org.plenary.group.Leader;
import org.plenary.group.LeaderRole;

/**
 * The facts of a meeting that its circular states, by name, as the circular was generated from
 * them. Kept as JSON with an issued circular, so that a later change of the meeting can be listed
 * fact by fact in an addendum.
 */
final class CircularFacts {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

  private CircularFacts() {}

  static Map<String, String> of(Group group, Meeting m, CircularAddresses addresses) {
    var facts = new LinkedHashMap<String, String>();
    facts.put("Venue", m.venueName() + (m.venueAddress() == null ? "" : ", " + m.venueAddress()));
    facts.put("Dates", m.dates());
    facts.put("Opening time", m.openingTime() == null ? "" : TIME.format(m.openingTime()));
    facts.put("Registration desk", (m.deskOpensAt() == null ? "" : TIME.format(m.deskOpensAt()))
        + (m.deskPlace() == null ? "" : ", " + m.deskPlace()));
    facts.put("Collocated meetings", String.join("; ", m.collocated()));
    facts.put("Working language", Objects.toString(m.languages(), ""));
    facts.put("Fee", Objects.toString(m.fee(), ""));
    facts.put("Paperless", m.paperless() ? "yes" : "no");
    facts.put("Documents", m.documentsPublic() ? "public" : "participants only");
    // In one language whoever reads: the facts an issued circular froze are compared with these, and a
    // date written in the reader's language would show as a change.
    m.deadlines().forEach(d -> facts.put(d.kind().label() + " deadline", d.display(org.plenary.shared.Languages.DEFAULT)));
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

  private static String leaders(List<Leader> leaders) {
    return leaders.stream().map(l -> l.personName() + (l.organization() == null ? "" : " (" + l.organization() + ")"))
        .collect(Collectors.joining("; "));
  }
}
