package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recomposes (NFC) the text people typed that was stored before every typed text was composed on its way in (stop 38,
 * {@code web.StoredText}): a title, a name or a reason sent decomposed ({@code e} + U+0301, as macOS and some
 * keyboards send) was kept so, and then neither matched its composed twin in a search nor sorted beside it. Only
 * typed text: not passwords, hashes, keys, codes, usernames and e-mail addresses (their own folded keys were composed
 * when they were made, V091), file names and paths (they name files in the store), nor mails and PDFs already sent.
 * Where a composed value would take a unique key another row holds ({@code organizations.name}: "Société" typed both
 * ways), both rows are left as they are and the collision is logged at WARN with the table, column and the
 * value, for an administrator to merge: neither row is another's to overwrite. A column a database lacks is skipped.
 * H2 and PostgreSQL alike: each change in a savepoint, so a refused one leaves the migration's transaction usable.
 */
public class V124__composed_typed_text extends BaseJavaMigration {

  private static final Logger LOG = LoggerFactory.getLogger(V124__composed_typed_text.class);

  /** Each table and its typed text columns. */
  static final List<List<String>> COLUMNS = List.of(
      List.of("organizations", "name"),
      List.of("accounts", "display_name"),
      List.of("access_tokens", "name"),
      List.of("plenary_groups", "name", "established_by", "working_language"),
      List.of("group_sections", "heading", "body"),
      List.of("group_leaders", "person_name", "organization"),
      List.of("group_milestones", "title"),
      List.of("group_name_translations", "name"),
      List.of("group_section_translations", "heading", "body"),
      List.of("meetings", "venue_name", "venue_address", "desk_place", "fee", "practical_info"),
      List.of("meeting_translations", "practical_info"),
      List.of("agenda_items", "title", "description"),
      List.of("meeting_agenda_items", "title", "description"),
      List.of("meeting_agenda_item_translations", "title"),
      List.of("meeting_collocations", "name"),
      List.of("meeting_hotels", "name", "address"),
      List.of("meeting_hotel_offers", "name", "address"),
      List.of("meeting_circulars", "signatory", "signatory_title", "paragraphs"),
      List.of("contributions", "title", "source", "contact"),
      List.of("contribution_files", "reject_reason"),
      List.of("archive_entries", "decision_reason"),
      List.of("registrations", "full_name", "function_title", "reject_reason"),
      List.of("visa_requests", "full_name", "function_title", "mission"),
      List.of("visa_reissue_requests", "reason", "details", "answer", "full_name"),
      List.of("deliverables", "title", "milestone", "editors", "decision", "objections"),
      List.of("terms", "term", "definition", "source", "note", "related"),
      List.of("term_translations", "term", "definition"),
      List.of("living_list_history", "organization", "body_group", "topics", "contact", "liaisons"),
      List.of("progress_report_notes", "body"),
      List.of("lifetime_extensions", "decided_by"));

  @Override
  public void migrate(Context context) throws Exception {
    Connection connection = context.getConnection();
    for (List<String> table : COLUMNS) {
      for (String column : table.subList(1, table.size())) {
        if (exists(connection, table.get(0), column)) {
          compose(connection, table.get(0), column);
        }
      }
    }
  }

  /** Rewrites each distinct value of {@code column} that is not composed; logs and leaves one that collides. */
  private static void compose(Connection connection, String table, String column) throws SQLException {
    var decomposed = new ArrayList<String>();
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT DISTINCT %s FROM %s WHERE %s IS NOT NULL".formatted(column, table, column));
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        String value = rows.getString(1);
        if (!Normalizer.isNormalized(value, Normalizer.Form.NFC)) {
          decomposed.add(value);
        }
      }
    }
    try (PreparedStatement update = connection.prepareStatement(
        "UPDATE %s SET %s = ? WHERE %s = ?".formatted(table, column, column))) {
      for (String value : decomposed) {
        String composed = Normalizer.normalize(value, Normalizer.Form.NFC);
        Savepoint before = connection.setSavepoint();
        try {
          update.setString(1, composed);
          update.setString(2, value);
          int changed = update.executeUpdate();
          connection.releaseSavepoint(before);
          LOG.info("{}.{}: {} row(s) recomposed (NFC)", table, column, changed);
        } catch (SQLException refused) {
          connection.rollback(before);
          if (!"23505".equals(refused.getSQLState())) {
            throw refused;
          }
          LOG.warn("{}.{}: \"{}\" left decomposed: composed, it is a value another row holds under a unique key ({});"
              + " merge the two by hand", table, column, composed, refused.getMessage());
        }
      }
    }
  }

  private static boolean exists(Connection connection, String table, String column) throws SQLException {
    var meta = connection.getMetaData();
    for (String name : new String[] {table, table.toUpperCase(Locale.ROOT)}) {
      try (ResultSet found = meta.getColumns(connection.getCatalog(), null, name, null)) {
        while (found.next()) {
          if (found.getString("COLUMN_NAME").equalsIgnoreCase(column)) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
