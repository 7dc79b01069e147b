package org.plenary.meeting;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.plenary.shared.Labelled;
import org.plenary.shared.Listed;
import org.plenary.shared.Violations;
import org.plenary.shared.Words;

/** What a new agenda must respect against the one it replaces: titles, ids of this agenda, documents kept. */
final class AgendaRules {

  private AgendaRules() {}

  /**
   * Checks each item (a title; an id, if any, of this meeting's agenda and given once) and returns
   * the ids of the current items the new agenda leaves out.
   */
  static List<Long> removedBy(Meeting current, List<AgendaItem> agenda) {
    var known = current.agenda().stream().map(AgendaItem::id).toList();
    var seen = new HashSet<Long>();
    var violations = new Violations();
    for (int i = 0; i < agenda.size(); i++) {
      AgendaItem item = agenda.get(i);
      String field = "items[" + i + "].";
      violations.check(item.title() != null && !item.title().isBlank(), field + "title", "meeting",
          "meeting.agenda.error.title", i + 1);
      violations.check(item.id() == null || known.contains(item.id()), field + "id", "meeting",
          "meeting.agenda.error.unknownId", i + 1, item.id());
      violations.check(item.id() == null || !known.contains(item.id()) || seen.add(item.id()), field + "id", "meeting",
          "meeting.agenda.error.repeatedId", i + 1);
    }
    violations.throwIfAny();
    var kept = agenda.stream().map(AgendaItem::id).filter(Objects::nonNull).toList();
    return known.stream().filter(id -> !kept.contains(id)).toList();
  }

  /** Refuses the edit when documents are filed under items it removes, naming each item and its documents. */
  static void refuseRemovingFiled(Meeting current, Map<Long, List<String>> filed) {
    var lines = new TreeMap<Integer, String>();
    var reader = Words.reader();
    filed.forEach((item, numbers) -> {
      int number = current.agendaNumber(item);
      lines.put(number, Labelled.join(reader, Listed.aside(reader, String.valueOf(number),
          current.agenda().get(number - 1).title()), Listed.items(reader, numbers.stream().sorted().toList())));
    });
    if (!lines.isEmpty()) {
      throw new AgendaItemInUseException("meeting.agenda.error.filed", Listed.clauses(reader, lines.values()));
    }
  }
}
