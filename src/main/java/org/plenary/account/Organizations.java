package org.plenary.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.plenary.shared.Languages;
import org.plenary.shared.Names;
import org.plenary.shared.Paged;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The SQL of organizations. Each row keeps its name's ICU sort key in each of the six languages ({@code sort_en} …,
 * V126), so that the API's list is read a page at a time in the reader's alphabetical order by SQL, from an index in
 * that order; keys made by another version of the collations (ICU upgraded) are made again at start.
 */
@Repository
class Organizations {

  private static final String SORT_KEYS = Languages.SUPPORTED.stream().map(l -> ", " + column(l))
      .collect(Collectors.joining());
  private static final String SORT_VALUES = ", ?".repeat(Languages.SUPPORTED.size());

  private final JdbcClient jdbc;

  Organizations(JdbcClient jdbc) {
    this.jdbc = jdbc;
    sortKeysOfThisVersion();
  }

  OrganizationId insert(String name, OrganizationCategory category, String countryCode) {
    var keys = new GeneratedKeyHolder();
    String clean = Names.clean(name);
    var values = new ArrayList<Object>(List.of(clean, Names.key(name), category.name()));
    values.add(countryCode);
    values.add(Names.sortVersion());
    Languages.SUPPORTED.forEach(l -> values.add(Names.sortKey(clean, l)));
    jdbc.sql("INSERT INTO organizations (name, name_key, category, country_code, sort_version" + SORT_KEYS
            + ") VALUES (?, ?, ?, ?, ?" + SORT_VALUES + ")")
        .params(values).update(keys, "id");
    return new OrganizationId(keys.getKey().longValue());
  }

  /**
   * One page of the organizations in {@code reader}'s alphabetical order (the nearest of the six languages): the
   * page and one more, read by (sort key, id) after the cursor's row. The cursor names the language its walk began
   * in, so a walk keeps one order whatever language its later requests ask; the sort key of its last row is read
   * by id in the same statement, which keeps the cursor short.
   */
  Paged<Organization> page(Paged.Asked asked, Locale reader) {
    Paged.Key after = asked.after();
    Locale language = after == null ? Languages.nearest(reader) : after.sortAs(Organizations::language);
    String sort = column(language);
    String select = "SELECT id, name, category, country_code FROM organizations";
    var query = after == null
        ? jdbc.sql(select + " ORDER BY " + sort + ", id LIMIT ?").param(asked.read())
        : jdbc.sql(select + " WHERE " + sort + " > (SELECT " + sort + " FROM organizations WHERE id = :after) OR ("
            + sort + " = (SELECT " + sort + " FROM organizations WHERE id = :after) AND id > :after) ORDER BY " + sort
            + ", id LIMIT :read").param("after", after.id()).param("read", asked.read());
    return asked.keyset(query.query((rs, n) -> {
      Organization organization = organization(rs, n);
      return new Paged.Keyed<>(new Paged.Key(language.getLanguage(), organization.id().value()), organization);
    }).list());
  }

  private static Locale language(String tag) {
    return Languages.SUPPORTED.stream().filter(l -> l.getLanguage().equals(tag)).findFirst().orElseThrow();
  }

  private static String column(Locale language) {
    return "sort_" + language.getLanguage();
  }

  /** Makes again the sort keys another version of the collations made (none, unless ICU changed since). */
  private void sortKeysOfThisVersion() {
    String version = Names.sortVersion();
    var stale = jdbc.sql("SELECT id, name FROM organizations WHERE sort_version IS NULL OR sort_version <> ?")
        .param(version).query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2))).list();
    var set = new StringBuilder("UPDATE organizations SET sort_version = ?");
    Languages.SUPPORTED.forEach(l -> set.append(", ").append(column(l)).append(" = ?"));
    for (var row : stale) {
      var values = new ArrayList<Object>(List.of(version));
      Languages.SUPPORTED.forEach(l -> values.add(Names.sortKey(row.getValue(), l)));
      values.add(row.getKey());
      jdbc.sql(set + " WHERE id = ?").params(values).update();
    }
  }

  List<Organization> all() {
    return jdbc.sql("SELECT id, name, category, country_code FROM organizations ORDER BY name")
        .query(this::organization).list();
  }

  Optional<Organization> find(OrganizationId id) {
    return jdbc.sql("SELECT id, name, category, country_code FROM organizations WHERE id = ?")
        .param(id.value()).query(this::organization).optional();
  }

  boolean nameTaken(String name) {
    // By key (V091): LOWER told neither "José" in NFD from NFC nor "Orange " from "Orange".
    return jdbc.sql("SELECT COUNT(*) FROM organizations WHERE name_key = ?")
        .param(Names.key(name)).query(Long.class).single() > 0;
  }

  private Organization organization(ResultSet rs, int row) throws SQLException {
    return new Organization(new OrganizationId(rs.getLong("id")), rs.getString("name"),
        OrganizationCategory.valueOf(rs.getString("category")), rs.getString("country_code"));
  }
}
