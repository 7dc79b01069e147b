package org.plenary.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The SQL of organizations. */
@Repository
class Organizations {

  private final JdbcClient jdbc;

  Organizations(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  OrganizationId insert(String name, OrganizationCategory category, String countryCode) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO organizations (name, name_key, category, country_code) VALUES (?, ?, ?, ?)")
        .params(org.plenary.shared.Names.clean(name), org.plenary.shared.Names.key(name), category.name(), countryCode)
        .update(keys, "id");
    return new OrganizationId(keys.getKey().longValue());
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
        .param(org.plenary.shared.Names.key(name)).query(Long.class).single() > 0;
  }

  private Organization organization(ResultSet rs, int row) throws SQLException {
    return new Organization(new OrganizationId(rs.getLong("id")), rs.getString("name"),
        OrganizationCategory.valueOf(rs.getString("category")), rs.getString("country_code"));
  }
}
