package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.plenary.shared.Languages;
import org.plenary.shared.Names;

/**
 * The last API lists read whole and cut in Java are read a page at a time by key in SQL, each from an index in its
 * order (as V125's lists):
 * <ul>
 * <li>organizations, in the reader's alphabetical order (ICU's collation, which neither database's ORDER BY has): each
 * organization stores its name's ICU sort key in each of the six languages ({@code sort_en} … {@code sort_ar},
 * {@code bytea}, compared byte by byte unsigned on both databases, which is ICU's order), computed here for the rows
 * there are and by the application for every new one; {@code sort_version} names the collations that made them, so
 * that the application makes them again when ICU changes ({@code account.Organizations});</li>
 * <li>a group's terms, in the order they always had ({@code LOWER(term)}, then id): {@code term_order} holds the
 * database's own {@code LOWER(term)}, written with the term, so an index can hold the order (H2 has no index on an
 * expression);</li>
 * </ul>
 * (A meeting's outputs, by number, are read from V089's index on meeting, series and place in the series.)
 * A Java migration because the sort keys are ICU's ({@link Names#sortKey}, the same code the application writes
 * them with: keys made by two versions of it would not compare) and H2's text columns are declared twice their
 * length (V123).
 */
public class V126__shared_keyset_orders extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws Exception {
    Connection connection = context.getConnection();
    int twice = connection.getMetaData().getDatabaseProductName().equals("H2") ? 2 : 1;
    try (Statement statement = connection.createStatement()) {
      for (Locale language : Languages.SUPPORTED) {
        statement.execute("ALTER TABLE organizations ADD COLUMN sort_" + language.getLanguage() + " BYTEA");
      }
      statement.execute("ALTER TABLE organizations ADD COLUMN sort_version VARCHAR(" + 40 * twice + ")");
      statement.execute("ALTER TABLE terms ADD COLUMN term_order VARCHAR(" + 800 * twice + ")");
      statement.execute("UPDATE terms SET term_order = LOWER(term)");
      statement.execute("ALTER TABLE terms ALTER COLUMN term_order SET NOT NULL");
      statement.execute("CREATE INDEX terms_group_order_id ON terms (group_id, term_order, id)");
    }
    sortKeys(connection);
    try (Statement statement = connection.createStatement()) {
      for (Locale language : Languages.SUPPORTED) {
        String column = "sort_" + language.getLanguage();
        statement.execute("ALTER TABLE organizations ALTER COLUMN " + column + " SET NOT NULL");
        statement.execute("CREATE INDEX organizations_" + column + "_id ON organizations (" + column + ", id)");
      }
    }
  }

  private static void sortKeys(Connection connection) throws Exception {
    var rows = new ArrayList<Object[]>();
    try (Statement statement = connection.createStatement();
        ResultSet read = statement.executeQuery("SELECT id, name FROM organizations ORDER BY id")) {
      while (read.next()) {
        rows.add(new Object[] {read.getLong(1), read.getString(2)});
      }
    }
    var set = new StringBuilder("UPDATE organizations SET sort_version = ?");
    Languages.SUPPORTED.forEach(l -> set.append(", sort_").append(l.getLanguage()).append(" = ?"));
    try (PreparedStatement update = connection.prepareStatement(set + " WHERE id = ?")) {
      for (Object[] row : rows) {
        int i = 1;
        update.setString(i++, Names.sortVersion());
        for (Locale language : Languages.SUPPORTED) {
          update.setBytes(i++, Names.sortKey((String) row[1], language));
        }
        update.setLong(i, (Long) row[0]);
        update.addBatch();
      }
      update.executeBatch();
    }
  }
}
