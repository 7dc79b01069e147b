package db.migration;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * On H2, every identity column keeps 1,000 values in memory instead of H2's 32. H2 hands out an identity's
 * values from such a cache and, each time it runs out, records the sequence's new bound in a commit of its
 * own, which with {@code WRITE_DELAY=0} writes the store to disk: a batch of numbers, whose contributions,
 * audit lines and mails each take an id, paid two or three such extra writes beside its own commit (in a
 * profile of the allocator's thread, more than its own commit took). An identity's values stay
 * distinct and in order; a clean shutdown records the next value, so only a crash skips ids (up to the
 * cache's size a table), and no id is a number anyone reads. PostgreSQL's sequences write no commit of
 * their own and are left alone. A Java migration because the identity columns are found by name in H2's
 * information schema, which PostgreSQL spells otherwise.
 */
public class V073__h2_identity_cache extends BaseJavaMigration {

  /** How many values of an identity H2 keeps in memory between the writes that record its bound. */
  static final int CACHE = 1000;

  @Override
  public void migrate(Context context) throws Exception {
    var connection = context.getConnection();
    if (!connection.getMetaData().getDatabaseProductName().equals("H2")) {
      return;
    }
    var columns = new ArrayList<String[]>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("""
            SELECT TABLE_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS
            WHERE TABLE_SCHEMA = CURRENT_SCHEMA AND IS_IDENTITY = 'YES' AND IDENTITY_CACHE < %d
            ORDER BY TABLE_NAME, COLUMN_NAME""".formatted(CACHE))) {
      while (rows.next()) {
        columns.add(new String[] {rows.getString(1), rows.getString(2)});
      }
    }
    try (Statement statement = connection.createStatement()) {
      for (String[] column : columns) {
        statement.execute("ALTER TABLE \"%s\" ALTER COLUMN \"%s\" SET CACHE %d".formatted(column[0], column[1], CACHE));
      }
    }
  }
}
