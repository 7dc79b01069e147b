package db.migration;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * A group's terms (those not superseded) are unique by a key: the name composed and case-folded, as
 * {@link V091__account_unicode_keys} keys organizations. Before, the name was compared in Java before the
 * insert, so two editors proposing "cloud" at once both saw no "cloud" and both were saved. {@code terms.term_key}
 * is new, with a unique index per group. A superseded term gives its name up to a new one: it holds no key
 * (NULL, which a unique index lets repeat on H2 and PostgreSQL). Live rows that already share a key (made
 * before) keep theirs apart with {@code #id} after it, the oldest keeping the plain key, so the index can be
 * built; every new one is refused.
 */
public class V096__output_term_keys extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws Exception {
    var connection = context.getConnection();
    try (Statement statement = connection.createStatement()) {
      statement.execute("ALTER TABLE terms ADD COLUMN term_key VARCHAR(800)");
    }
    var rows = new ArrayList<Object[]>();
    try (Statement statement = connection.createStatement();
        ResultSet read = statement.executeQuery("SELECT id, group_id, term, status FROM terms ORDER BY id")) {
      while (read.next()) {
        rows.add(new Object[] {read.getLong(1), read.getLong(2), read.getString(3), read.getString(4)});
      }
    }
    var seen = new HashSet<String>();
    try (PreparedStatement update = connection.prepareStatement("UPDATE terms SET term_key = ? WHERE id = ?")) {
      for (Object[] row : rows) {
        String key = V091__account_unicode_keys.key((String) row[2]);
        if ("SUPERSEDED".equals(row[3])) {
          key = null;
        } else if (!seen.add(row[1] + " " + key)) {
          key = key + "#" + row[0];
        }
        update.setString(1, key);
        update.setLong(2, (Long) row[0]);
        update.addBatch();
      }
      update.executeBatch();
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE UNIQUE INDEX terms_by_group_key ON terms (group_id, term_key)");
    }
  }
}
