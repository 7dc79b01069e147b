package org.plenary.registration;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.plenary.account.AccountId;
import org.plenary.account.OrganizationId;
import org.plenary.group.GroupId;
import org.plenary.meeting.MeetingId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of registrations and of each group's eligibility policy. */
@Repository
class Registrations {

  private static final String SELECT = """
      SELECT id, meeting_id, account_id, full_name, email, organization_id, category, country_code, function_title,
        first_time, attendance, status, registration_number, submitted_at, decided_by, decided_at, reject_reason
      FROM registrations""";

  private final JdbcClient jdbc;
  private final JdbcTemplate batches;

  Registrations(JdbcClient jdbc, JdbcTemplate batches) {
    this.jdbc = jdbc;
    this.batches = batches;
  }

  /** A registration that passed its checks, to be inserted. */
  record NewRegistration(MeetingId meeting, AccountId account, RegistrationForm form, OrganizationId organization,
      String category, Instant at) {}

  /**
   * Inserts the registrations in one batch of statements and reads them back in one query per meeting
   * (by the table's unique key, meeting and account), in the order given. A second registration of a
   * person for a meeting fails the whole batch with the unique key's violation.
   */
  List<Registration> insertAll(List<NewRegistration> rows) {
    batches.batchUpdate("""
            INSERT INTO registrations (meeting_id, account_id, full_name, email, organization_id, category, country_code,
              function_title, first_time, attendance, status, submitted_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'SUBMITTED', ?)""", rows, rows.size(), (ps, r) -> {
          ps.setLong(1, r.meeting().value());
          ps.setLong(2, r.account().value());
          ps.setString(3, r.form().getFullName().strip());
          ps.setString(4, r.form().getEmail().strip());
          ps.setObject(5, r.organization() == null ? null : r.organization().value(), java.sql.Types.BIGINT);
          ps.setString(6, r.category());
          ps.setString(7, r.form().getCountryCode());
          ps.setString(8, blankToNull(r.form().getFunction()));
          ps.setBoolean(9, r.form().isFirstTime());
          ps.setString(10, r.form().getAttendance().name());
          ps.setObject(11, utc(r.at()));
        });
    Map<MeetingId, List<Long>> accountsByMeeting = new LinkedHashMap<>();
    rows.forEach(r -> accountsByMeeting.computeIfAbsent(r.meeting(), m -> new ArrayList<>()).add(r.account().value()));
    Map<String, Registration> recorded = new HashMap<>();
    accountsByMeeting.forEach((meeting, accounts) -> jdbc.sql(SELECT + " WHERE meeting_id = :meeting AND account_id IN (:accounts)")
        .param("meeting", meeting.value()).param("accounts", accounts).query(this::registration)
        .list().forEach(r -> recorded.put(r.meetingId().value() + "/" + r.accountId().value(), r)));
    return rows.stream().map(r -> recorded.get(r.meeting().value() + "/" + r.account().value())).toList();
  }

  Optional<Registration> find(long id) {
    return jdbc.sql(SELECT + " WHERE id = ?").param(id).query(this::registration).optional();
  }

  /** The registrations with these ids, in one query; ids of no registration are left out. */
  List<Registration> findAll(List<Long> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return jdbc.sql(SELECT + " WHERE id IN (:ids) ORDER BY id").param("ids", ids).query(this::registration).list();
  }

  Optional<Registration> find(MeetingId meeting, AccountId account) {
    return jdbc.sql(SELECT + " WHERE meeting_id = ? AND account_id = ?").params(meeting.value(), account.value())
        .query(this::registration).optional();
  }

  List<Registration> ofMeeting(MeetingId meeting) {
    return jdbc.sql(SELECT + " WHERE meeting_id = ? ORDER BY full_name").param(meeting.value()).query(this::registration)
        .list();
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

  /** Takes the registration's row lock until the transaction ends: one decision at a time. */
  void lock(long id) {
    jdbc.sql("UPDATE registrations SET id = id WHERE id = ?").param(id).update();
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

  /** The next registration number of the meeting; the counter row stays locked until the transaction ends. */
  int nextNumber(MeetingId meeting) {
    jdbc.sql("UPDATE registration_counters SET last_number = last_number + 1 WHERE meeting_id = ?")
        .param(meeting.value()).update();
    return jdbc.sql("SELECT last_number FROM registration_counters WHERE meeting_id = ?").param(meeting.value())
        .query(Integer.class).single();
  }

  void decide(long id, RegistrationStatus status, String number, String by, Instant at, String reason) {
    jdbc.sql("""
            UPDATE registrations SET status = ?, registration_number = ?, decided_by = ?, decided_at = ?, reject_reason = ?
            WHERE id = ?""")
        .params(status.name(), number, by, utc(at), reason, id).update();
  }

  void setOrganization(long id, OrganizationId organization, String category) {
    jdbc.sql("UPDATE registrations SET organization_id = ?, category = ? WHERE id = ?")
        .params(organization == null ? null : organization.value(), category, id).update();
  }

  boolean individualsAllowed(GroupId group) {
    return jdbc.sql("SELECT individuals_allowed FROM registration_policies WHERE group_id = ?").param(group.value())
        .query(Boolean.class).optional().orElse(true);
  }

  void setIndividualsAllowed(GroupId group, boolean allowed) {
    jdbc.sql("DELETE FROM registration_policies WHERE group_id = ?").param(group.value()).update();
    jdbc.sql("INSERT INTO registration_policies (group_id, individuals_allowed) VALUES (?, ?)")
        .params(group.value(), allowed).update();
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
        decided == null ? null : decided.toInstant(), rs.getString("reject_reason"));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
