package org.plenary.group;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of a group's name and terms of reference in other languages. */
@Repository
class GroupTranslations {

  private final JdbcClient jdbc;

  GroupTranslations(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The group's translations by language tag, in tag order; clauses in the working language's order. */
  Map<String, GroupTranslation> of(GroupId id) {
    var names = new TreeMap<String, String>();
    jdbc.sql("SELECT language, name FROM group_name_translations WHERE group_id = ?").param(id.value())
        .query(rs -> {
          names.put(rs.getString(1), rs.getString(2));
        });
    var clauses = new TreeMap<String, List<Section>>();
    jdbc.sql("SELECT language, ordinal, heading, body FROM group_section_translations WHERE group_id = ? "
            + "ORDER BY language, ordinal")
        .param(id.value())
        .query(rs -> {
          List<Section> list = clauses.computeIfAbsent(rs.getString(1), k -> new ArrayList<>());
          while (list.size() < rs.getInt(2)) {
            list.add(null);
          }
          list.add(new Section(rs.getString(3), rs.getString(4)));
        });
    var all = new TreeMap<String, GroupTranslation>();
    names.keySet().forEach(lang -> all.put(lang, null));
    clauses.keySet().forEach(lang -> all.put(lang, null));
    all.replaceAll((lang, none) -> new GroupTranslation(names.get(lang), clauses.getOrDefault(lang, List.of())));
    return all;
  }

  /** Makes {@code translations} the group's translations; blank names and clauses without heading are left out. */
  void replace(GroupId id, Map<String, GroupTranslation> translations) {
    jdbc.sql("DELETE FROM group_name_translations WHERE group_id = ?").param(id.value()).update();
    jdbc.sql("DELETE FROM group_section_translations WHERE group_id = ?").param(id.value()).update();
    translations.forEach((lang, t) -> {
      if (t.name() != null && !t.name().isBlank()) {
        jdbc.sql("INSERT INTO group_name_translations (group_id, language, name) VALUES (?, ?, ?)")
            .params(id.value(), lang, t.name().strip()).update();
      }
      for (int i = 0; i < t.termsOfReference().size(); i++) {
        Section clause = t.clause(i);
        if (clause != null) {
          jdbc.sql("""
                  INSERT INTO group_section_translations (group_id, language, ordinal, heading, body)
                  VALUES (?, ?, ?, ?, ?)""")
              .params(id.value(), lang, i, clause.heading().strip(), clause.body() == null ? "" : clause.body())
              .update();
        }
      }
    });
  }
}
