package org.plenary.registration;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.plenary.account.AccountId;
import org.plenary.account.OrganizationId;
import org.plenary.group.GroupId;
import org.plenary.meeting.MeetingId;
import org.plenary.shared.InLists;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The SQL of registrations and of each group's eligibility policy. */
@Repository
class Registrations {

  private static final String SELECT = """
      SELECT id, meeting_id, account_id, full_name, email, organization_id, category, country_code, function_title,
        first_time, attendance, status, registration_number, submitted_at, decided_by, decided_at, reject_reason,
        edit_version
      FROM registrations""";

  private final JdbcClient jdbc;
  private final JdbcTemplate batches;

  Registrations(JdbcClient jdbc, JdbcTemplate batches) {
    this.jdbc = jdbc;
    this.batches = batches;
  }

  /** A registration that passed its checks, to be inserted. */
  record NewRegistration(MeetingId meeting, AccountId account, String email, RegistrationForm form,
      OrganizationId organization, String category, Instant at) {}

  /**
   * Inserts the registrations in one batch of statements and returns them as recorded, in the order
   * given, with the ids the database gave them (the batch's generated keys: no query reads them back).
   * A second registration of a person for a meeting fails the whole batch with the unique key's violation.
   */
  List<Registration> insertAll(List<NewRegistration> rows) {
    var keys = new GeneratedKeyHolder();
    batches.batchUpdate(connection -> connection.prepareStatement("""
            INSERT INTO registrations (meeting_id, account_id, full_name, email, organization_id, category, country_code,
              function_title, first_time, attendance, status, submitted_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'SUBMITTED', ?)""", new String[] {"id"}),
        new BatchPreparedStatementSetter() {
          @Override
          public void setValues(PreparedStatement ps, int i) throws SQLException {
            Registration r = submitted(0, rows.get(i));
            ps.setLong(1, r.meetingId().value());
            ps.setLong(2, r.accountId().value());
            ps.setString(3, r.fullName());
            ps.setString(4, r.email());
            ps.setObject(5, r.organizationId() == null ? null : r.organizationId().value(), java.sql.Types.BIGINT);
            ps.setString(6, r.category());
            ps.setString(7, r.countryCode());
            ps.setString(8, r.function());
            ps.setBoolean(9, r.firstTime());
            ps.setString(10, r.attendance().name());
            ps.setObject(11, utc(r.submittedAt()));
          }

          @Override
          public int getBatchSize() {
            return rows.size();
          }
        }, keys);
    List<Map<String, Object>> ids = keys.getKeyList();
    if (ids.size() != rows.size()) {
      throw new IllegalStateException("Recorded " + rows.size() + " registrations but the database gave " + ids.size() + " ids");
    }
    var recorded = new ArrayList<Registration>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      recorded.add(submitted(((Number) ids.get(i).get(keyColumn(ids.get(i)))).longValue(), rows.get(i)));
    }
    return recorded;
  }

  /**
   * The registration as the table holds it once inserted with this id, as {@link #registration} reads it back
   * (the time to the microsecond, the columns' precision on H2 and PostgreSQL).
   */
  private static Registration submitted(long id, NewRegistration r) {
    return new Registration(id, r.meeting(), r.account(), r.form().getFullName().strip(), r.email(),
        r.organization(), r.category(), r.form().getCountryCode(), blankToNull(r.form().getFunction()),
        r.form().isFirstTime(), r.form().getAttendance(), RegistrationStatus.SUBMITTED, null,
        r.at().truncatedTo(ChronoUnit.MICROS), null, null, null, 0);
  }

  /** The generated key's column: {@code id} on PostgreSQL, {@code ID} on H2. */
  private static String keyColumn(Map<String, Object> row) {
    return row.containsKey("id") ? "id" : row.keySet().stream().filter("id"::equalsIgnoreCase).findFirst()
        .orElseThrow(() -> new IllegalStateException("No id among the generated keys " + row.keySet()));
  }

  Optional<Registration> find(long id) {
    return jdbc.sql(SELECT + " WHERE id = ?").param(id).query(this::registration).optional();
  }

  /** The registrations with these ids, in one query; ids of no registration are left out. */
  List<Registration> findAll(List<Long> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return jdbc.sql(SELECT + " WHERE id IN (:ids) ORDER BY id").param("ids", InLists.padded(ids)).query(this::registration)
        .list();
  }

  /**
   * The registrations these accounts already have for the meeting, by account, in one query (a batch's
   * check of once per person and meeting, instead of a query per request).
   */
  Map<AccountId, Registration> ofAccounts(MeetingId meeting, List<AccountId> accounts) {
    var found = new java.util.HashMap<AccountId, Registration>();
    if (!accounts.isEmpty()) {
      jdbc.sql(SELECT + " WHERE meeting_id = :meeting AND account_id IN (:accounts)").param("meeting", meeting.value())
          .param("accounts", InLists.padded(accounts.stream().map(AccountId::value).toList()))
          .query(this::registration).list().forEach(r -> found.put(r.accountId(), r));
    }
    return found;
  }

  Optional<Registration> find(MeetingId meeting, AccountId account) {
    return jdbc.sql(SELECT + " WHERE meeting_id = ? AND account_id = ?").params(meeting.value(), account.value())
        .query(this::registration).optional();
  }

  List<Registration> ofMeeting(MeetingId meeting) {
    return jdbc.sql(SELECT + " WHERE meeting_id = ? ORDER BY full_name").param(meeting.value()).query(this::registration)
        .list();
  }

  /**
   * One page of the meeting's registrations read by key, in (full name, id) order (the index on meeting, name and id
   * serves it): all of them, or ({@code account} not null) only that account's and those of {@code organizations}.
   */
  org.plenary.shared.Paged<Registration> ofMeeting(MeetingId meeting, AccountId account,
      List<OrganizationId> organizations, org.plenary.shared.Paged.Asked asked) {
    var after = asked.after();
    var sql = new StringBuilder(SELECT + " WHERE meeting_id = :meeting");
    var params = new java.util.HashMap<String, Object>(java.util.Map.of("meeting", meeting.value(), "read", asked.read()));
    if (account != null) {
      sql.append(organizations.isEmpty() ? " AND account_id = :account"
          : " AND (account_id = :account OR organization_id IN (:organizations))");
      params.put("account", account.value());
      if (!organizations.isEmpty()) {
        params.put("organizations", org.plenary.shared.InLists.padded(organizations.stream().map(OrganizationId::value).toList()));
      }
    }
    if (after != null) {
      sql.append(" AND (full_name > :name OR (full_name = :name AND id > :id))");
      params.put("name", after.sort());
      params.put("id", after.id());
    }
    sql.append(" ORDER BY full_name, id LIMIT :read");
    return asked.keyset(jdbc.sql(sql.toString()).params(params).query((rs, n) -> {
      Registration registration = registration(rs, n);
      return new org.plenary.shared.Paged.Keyed<>(
          new org.plenary.shared.Paged.Key(registration.fullName(), registration.id()), registration);
    }).list());
  }

  List<Registration> submitted() {
    return jdbc.sql(SELECT + " WHERE status = 'SUBMITTED' ORDER BY submitted_at").query(this::registration).list();
  }

  List<Registration> ofAccount(AccountId account) {
    return jdbc.sql(SELECT + " WHERE account_id = ? ORDER BY submitted_at DESC").param(account.value())
        .query(this::registration).list();
  }

  List<Registration> ofOrganizations(List<OrganizationId> organizations) {
    if (organizations.isEmpty()) {
      return List.of();
    }
    return jdbc.sql(SELECT + " WHERE organization_id IN (:ids) ORDER BY submitted_at DESC")
        .param("ids", organizations.stream().map(OrganizationId::value).toList()).query(this::registration).list();
  }

  long countSubmitted(List<OrganizationId> organizations, boolean all) {
    if (all) {
      return jdbc.sql("SELECT COUNT(*) FROM registrations WHERE status = 'SUBMITTED'").query(Long.class).single();
    }
    if (organizations.isEmpty()) {
      return 0;
    }
    return jdbc.sql("SELECT COUNT(*) FROM registrations WHERE status = 'SUBMITTED' AND organization_id IN (:ids)")
        .param("ids", organizations.stream().map(OrganizationId::value).toList()).query(Long.class).single();
  }

  /**
   * Takes the registration's row lock until the transaction ends (one change at a time) and reads it as it
   * stands under the lock; empty when there is no such registration.
   */
  Optional<Registration> lock(long id) {
    jdbc.sql("UPDATE registrations SET id = id WHERE id = ?").param(id).update();
    return find(id);
  }

  /** Starts the meeting's counter; a caller that loses the race to create it finds it made. */
  void createCounter(MeetingId meeting) {
    if (jdbc.sql("SELECT COUNT(*) FROM registration_counters WHERE meeting_id = ?").param(meeting.value())
        .query(Long.class).single() > 0) {
      return;
    }
    try {
      jdbc.sql("INSERT INTO registration_counters (meeting_id, last_number) VALUES (?, 0)").param(meeting.value()).update();
    } catch (org.springframework.dao.DuplicateKeyException madeByAnother) {
      // It exists, which is all that was wanted.
    }
  }

  /** Whether any registration of the meeting was given a number (which prints its code). */
  boolean anyNumbered(MeetingId meeting) {
    return !jdbc.sql("SELECT id FROM registrations WHERE meeting_id = ? AND registration_number IS NOT NULL FETCH FIRST 1 ROWS ONLY")
        .param(meeting.value()).query(Long.class).list().isEmpty();
  }

  /** The next registration number of the meeting; the counter row stays locked until the transaction ends. */
  int nextNumber(MeetingId meeting) {
    jdbc.sql("UPDATE registration_counters SET last_number = last_number + 1 WHERE meeting_id = ?")
        .param(meeting.value()).update();
    return jdbc.sql("SELECT last_number FROM registration_counters WHERE meeting_id = ?").param(meeting.value())
        .query(Integer.class).single();
  }

  void decide(long id, RegistrationStatus status, String number, String by, Instant at, String reason) {
    jdbc.sql("""
            UPDATE registrations SET status = ?, registration_number = ?, decided_by = ?, decided_at = ?, reject_reason = ?,
              edit_version = edit_version + 1
            WHERE id = ?""")
        .params(status.name(), number, by, utc(at), reason, id).update();
  }

  void setOrganization(long id, OrganizationId organization, String category) {
    jdbc.sql("UPDATE registrations SET organization_id = ?, category = ?, edit_version = edit_version + 1 WHERE id = ?")
        .params(organization == null ? null : organization.value(), category, id).update();
  }

  boolean individualsAllowed(GroupId group) {
    return jdbc.sql("SELECT individuals_allowed FROM registration_policies WHERE group_id = ?").param(group.value())
        .query(Boolean.class).optional().orElse(true);
  }

  void setIndividualsAllowed(GroupId group, boolean allowed) {
    if (jdbc.sql("UPDATE registration_policies SET individuals_allowed = ?, edit_version = edit_version + 1 WHERE group_id = ?")
        .params(allowed, group.value()).update() == 0) {
      jdbc.sql("INSERT INTO registration_policies (group_id, individuals_allowed, edit_version) VALUES (?, ?, 1)")
          .params(group.value(), allowed).update();
    }
  }

  /** The version of the group's registration policy: one more at every save, 0 before the first. */
  long policyVersion(GroupId group) {
    return jdbc.sql("SELECT edit_version FROM registration_policies WHERE group_id = ?").param(group.value())
        .query(Long.class).optional().orElse(0L);
  }

  private Registration registration(ResultSet rs, int row) throws SQLException {
    long organization = rs.getLong("organization_id");
    OrganizationId organizationId = rs.wasNull() ? null : new OrganizationId(organization);
    OffsetDateTime decided = rs.getObject("decided_at", OffsetDateTime.class);
    return new Registration(rs.getLong("id"), new MeetingId(rs.getLong("meeting_id")),
        new AccountId(rs.getLong("account_id")), rs.getString("full_name"), rs.getString("email"), organizationId,
        rs.getString("category"), rs.getString("country_code"), rs.getString("function_title"),
        rs.getBoolean("first_time"), Attendance.valueOf(rs.getString("attendance")),
        RegistrationStatus.valueOf(rs.getString("status")), rs.getString("registration_number"),
        rs.getObject("submitted_at", OffsetDateTime.class).toInstant(), rs.getString("decided_by"),
        decided == null ? null : decided.toInstant(), rs.getString("reject_reason"), rs.getLong("edit_version"));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
