package db.migration;

import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Gives every visa request an unguessable verification code (80 bits from SecureRandom), the part
 * of a letter's reference that makes the verification page useless for listing applicants. A Java
 * migration because the codes of existing rows must come from a cryptographic random source, which
 * H2 and PostgreSQL do not spell the same way in SQL. The code is 16 characters of Crockford's
 * base32, as {@code org.plenary.visa.VerificationCode} makes them (copied here: a migration must not
 * change when the application does).
 */
public class V022__visa_verification_codes extends BaseJavaMigration {

  private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  private final SecureRandom random = new SecureRandom();

  @Override
  public void migrate(Context context) throws Exception {
    var connection = context.getConnection();
    try (Statement statement = connection.createStatement()) {
      statement.execute("ALTER TABLE visa_requests ADD COLUMN verification_code VARCHAR(16)");
      var ids = new ArrayList<Long>();
      try (ResultSet rows = statement.executeQuery("SELECT id FROM visa_requests")) {
        while (rows.next()) {
          ids.add(rows.getLong(1));
        }
      }
      try (PreparedStatement update = connection.prepareStatement(
          "UPDATE visa_requests SET verification_code = ? WHERE id = ?")) {
        for (long id : ids) {
          update.setString(1, code());
          update.setLong(2, id);
          update.executeUpdate();
        }
      }
      statement.execute("ALTER TABLE visa_requests ALTER COLUMN verification_code SET NOT NULL");
      statement.execute("CREATE UNIQUE INDEX visa_requests_by_code ON visa_requests (verification_code)");
    }
  }

  private String code() {
    var code = new StringBuilder(16);
    for (int i = 0; i < 16; i++) {
      code.append(ALPHABET.charAt(random.nextInt(32)));
    }
    return code.toString();
  }
}
