package org.plenary.meeting;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of a meeting's practical information and agenda titles in other languages. */
@Repository
class MeetingTranslations {

  private final JdbcClient jdbc;

  MeetingTranslations(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Map<String, MeetingTranslation> of(MeetingId id) {
    var all = new TreeMap<String, MeetingTranslation>();
    jdbc.sql("SELECT language, practical_info FROM meeting_translations WHERE meeting_id = ?").param(id.value())
        .query(rs -> {
          all.put(rs.getString(1), new MeetingTranslation(rs.getString(2)));
        });
    return all;
  }

  /** The titles in other languages of the meeting's agenda items: item id → (tag → title). */
  Map<Long, Map<String, String>> agendaTitles(MeetingId id) {
    var all = new HashMap<Long, Map<String, String>>();
    jdbc.sql("""
            SELECT t.item_id, t.language, t.title FROM meeting_agenda_item_translations t
            JOIN meeting_agenda_items i ON i.id = t.item_id WHERE i.meeting_id = ?""")
        .param(id.value())
        .query(rs -> {
          all.computeIfAbsent(rs.getLong(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getString(3));
        });
    return all;
  }

  void replace(MeetingId id, Map<String, MeetingTranslation> translations) {
    jdbc.sql("DELETE FROM meeting_translations WHERE meeting_id = ?").param(id.value()).update();
    translations.forEach((lang, t) -> {
      if (t != null && t.practicalInfo() != null && !t.practicalInfo().isBlank()) {
        jdbc.sql("INSERT INTO meeting_translations (meeting_id, language, practical_info) VALUES (?, ?, ?)")
            .params(id.value(), lang, t.practicalInfo().strip()).update();
      }
    });
  }

  /** Makes {@code titles} the item's titles in other languages; blank ones are left out. */
  void replaceAgendaTitles(List<Long> itemIds, List<Map<String, String>> titles) {
    for (int i = 0; i < itemIds.size(); i++) {
      if (titles.get(i) == null) {
        continue;
      }
      long item = itemIds.get(i);
      jdbc.sql("DELETE FROM meeting_agenda_item_translations WHERE item_id = ?").param(item).update();
      titles.get(i).forEach((lang, title) -> {
        if (title != null && !title.isBlank()) {
          jdbc.sql("INSERT INTO meeting_agenda_item_translations (item_id, language, title) VALUES (?, ?, ?)")
              .params(item, lang, title.strip()).update();
        }
      });
    }
  }
}
