package db.migration;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Organization names and account addresses are unique by a key: without surrounding spaces, composed
 * (NFC), case-folded. Before, uniqueness was a LOWER() compared before the insert: "José" in NFD and in
 * NFC, or "Orange " and "Orange", were two organizations, and two administrators adding "Orange" and
 * "ORANGE" at once both succeeded. {@code organizations.name_key} is new; {@code accounts.email_key} (V061,
 * a lower case) is computed again. Both get a unique index. Rows that already share a key (made before)
 * keep theirs apart with {@code #id} after the key, so the index can be built; every new one is refused.
 * A Java migration because the key is Unicode's case folding, which neither database's SQL has.
 */
public class V091__account_unicode_keys extends BaseJavaMigration {

  /** The key, as {@code Names.key} computes it (kept here as it was when this migration was written). */
  static String key(String text) {
    String clean = Normalizer.normalize(text.strip(), Normalizer.Form.NFC);
    return Normalizer.normalize(com.ibm.icu.lang.UCharacter.foldCase(clean, true), Normalizer.Form.NFC);
  }

  @Override
  public void migrate(Context context) throws Exception {
    var connection = context.getConnection();
    try (Statement statement = connection.createStatement()) {
      statement.execute("ALTER TABLE organizations ADD COLUMN name_key VARCHAR(800)");
      statement.execute("ALTER TABLE accounts ALTER COLUMN email_key SET DATA TYPE VARCHAR(1000)");
    }
    keys(connection, "organizations", "name", "name_key");
    keys(connection, "accounts", "email", "email_key");
    try (Statement statement = connection.createStatement()) {
      statement.execute("ALTER TABLE organizations ALTER COLUMN name_key SET NOT NULL");
      statement.execute("CREATE UNIQUE INDEX organizations_by_name_key ON organizations (name_key)");
      statement.execute("DROP INDEX accounts_by_email_key");
      statement.execute("CREATE UNIQUE INDEX accounts_by_email_key ON accounts (email_key)");
    }
  }

  private static void keys(java.sql.Connection connection, String table, String column, String keyColumn)
      throws Exception {
    var rows = new ArrayList<Object[]>();
    try (Statement statement = connection.createStatement();
        ResultSet read = statement.executeQuery("SELECT id, " + column + " FROM " + table + " ORDER BY id")) {
      while (read.next()) {
        rows.add(new Object[] {read.getLong(1), read.getString(2)});
      }
    }
    var seen = new HashSet<String>();
    try (PreparedStatement update = connection.prepareStatement("UPDATE " + table + " SET " + keyColumn + " = ? WHERE id = ?")) {
      for (Object[] row : rows) {
        String key = key((String) row[1]);
        if (!seen.add(key)) {
          key = key + "#" + row[0];
        }
        update.setString(1, key);
        update.setLong(2, (Long) row[0]);
        update.addBatch();
      }
      update.executeBatch();
    }
  }
}
