package db.migration;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * On H2, every bounded text column holds twice its length: H2's {@code VARCHAR(n)} counts UTF-16 units, where a
 * character beyond U+FFFF ({@code 𠀀}, an emoji) takes two, while every bound Plenary enforces and describes counts
 * code points ({@code shared.CodePoints}), as PostgreSQL's {@code VARCHAR(n)} does: a title of 500 such characters,
 * taken by the API, was a 1,000-unit value H2 refused. Twice the length holds any text of n code points; the bound
 * itself stays the application's. PostgreSQL is left alone. A Java migration because the columns are found in H2's
 * information schema (Flyway's own table aside).
 */
public class V123__h2_text_columns_in_code_points extends BaseJavaMigration {

  /** H2's longest {@code VARCHAR}, which a column declared without a length already has. */
  private static final long H2_LONGEST = 1_000_000L;

  @Override
  public void migrate(Context context) throws Exception {
    var connection = context.getConnection();
    if (!connection.getMetaData().getDatabaseProductName().equals("H2")) {
      return;
    }
    var columns = new ArrayList<String[]>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("""
            SELECT C.TABLE_NAME, C.COLUMN_NAME, C.CHARACTER_MAXIMUM_LENGTH FROM INFORMATION_SCHEMA.COLUMNS C
            JOIN INFORMATION_SCHEMA.TABLES T ON T.TABLE_SCHEMA = C.TABLE_SCHEMA AND T.TABLE_NAME = C.TABLE_NAME
            WHERE C.TABLE_SCHEMA = CURRENT_SCHEMA AND T.TABLE_TYPE = 'BASE TABLE'
            AND C.DATA_TYPE = 'CHARACTER VARYING' AND C.TABLE_NAME <> 'flyway_schema_history'
            ORDER BY C.TABLE_NAME, C.ORDINAL_POSITION""")) {
      while (rows.next()) {
        columns.add(new String[] {rows.getString(1), rows.getString(2), rows.getString(3)});
      }
    }
    try (Statement statement = connection.createStatement()) {
      for (String[] column : columns) {
        long length = Math.min(2 * Long.parseLong(column[2]), H2_LONGEST);
        if (length <= Long.parseLong(column[2])) {
          continue;
        }
        statement.execute("ALTER TABLE \"%s\" ALTER COLUMN \"%s\" SET DATA TYPE VARCHAR(%d)"
            .formatted(column[0], column[1], length));
      }
    }
  }
}
