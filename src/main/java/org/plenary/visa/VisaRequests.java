package org.plenary.visa;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.plenary.meeting.MeetingId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The SQL of visa-support requests and of the log of passport reads. */
@Repository
class VisaRequests {

  private static final String SELECT = """
      SELECT id, registration_id, meeting_id, full_name, function_title, mission, status, reference, verification_code,
        requested_at, decided_by, decided_at, purged_at, decision_reason, edit_version FROM visa_requests""";

  private final JdbcClient jdbc;

  VisaRequests(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long insert(long registration, MeetingId meeting, String fullName, String function, String mission,
      String encryptedPassport, Instant at) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql("""
            INSERT INTO visa_requests (registration_id, meeting_id, full_name, function_title, mission, passport, status,
              requested_at, verification_code)
            VALUES (?, ?, ?, ?, ?, ?, 'REQUESTED', ?, ?)""")
        .params(registration, meeting.value(), fullName, function, mission, encryptedPassport, utc(at),
            VerificationCode.generate())
        .update(keys, "id");
    return keys.getKey().longValue();
  }

  Optional<VisaRequest> find(long id) {
    return jdbc.sql(SELECT + " WHERE id = ?").param(id).query(this::request).optional();
  }

  /** The request with this verification code (80 random bits, unique), with its public reference. */
  Optional<VisaRequest> byCode(String code) {
    return jdbc.sql(SELECT + " WHERE verification_code = ?").param(code).query(this::request).optional();
  }

  /** Whether any request for the meeting was given a reference (which prints its code). */
  boolean anyReferenced(MeetingId meeting) {
    return !jdbc.sql("SELECT id FROM visa_requests WHERE meeting_id = ? AND reference IS NOT NULL FETCH FIRST 1 ROWS ONLY")
        .param(meeting.value()).query(Long.class).list().isEmpty();
  }

  /** The public part of a request's reference, as stored (set at approval). */
  Optional<String> publicReference(long id) {
    return jdbc.sql("SELECT reference FROM visa_requests WHERE id = ?").param(id).query(String.class).optional();
  }

  Optional<VisaRequest> ofRegistration(long registration) {
    return jdbc.sql(SELECT + " WHERE registration_id = ?").param(registration).query(this::request).optional();
  }

  List<VisaRequest> waiting() {
    return jdbc.sql(SELECT + " WHERE status = 'REQUESTED' ORDER BY requested_at").query(this::request).list();
  }

  Optional<String> encryptedPassport(long id) {
    return jdbc.sql("SELECT passport FROM visa_requests WHERE id = ?").param(id).query(String.class).optional();
  }

  /** Holds the request's row until the transaction ends: decisions on one request are made one after the other. */
  void lock(long id) {
    jdbc.sql("SELECT id FROM visa_requests WHERE id = ? FOR UPDATE").param(id).query(Long.class).list();
  }

  void decide(long id, VisaStatus status, String reference, String by, Instant at) {
    jdbc.sql("UPDATE visa_requests SET status = ?, reference = ?, decided_by = ?, decided_at = ?, edit_version = edit_version + 1 WHERE id = ?")
        .params(status.name(), reference, by, utc(at), id).update();
  }

  /** Fixes what the approved letter states of its meeting (its venue and days as they are now). */
  void fixLetter(long id, LetterFacts facts) {
    jdbc.sql("UPDATE visa_requests SET letter_venue = ?, letter_starts = ?, letter_ends = ?, letter_facts_unknown = FALSE WHERE id = ?")
        .params(facts.venue(), facts.starts(), facts.ends(), id).update();
  }

  /** The approved requests of the meeting, each with what its letter states (those approved before it was kept left out). */
  java.util.Map<VisaRequest, LetterFacts> approvedLetters(MeetingId meeting) {
    var letters = new java.util.LinkedHashMap<VisaRequest, LetterFacts>();
    for (VisaRequest request : jdbc.sql(SELECT + " WHERE meeting_id = ? AND status = 'APPROVED' AND purged_at IS NULL ORDER BY id")
        .param(meeting.value()).query(this::request).list()) {
      letterFacts(request.id()).ifPresent(facts -> letters.put(request, facts));
    }
    return letters;
  }

  /** What the approved letter states of its meeting; empty for a letter approved before this was kept. */
  Optional<LetterFacts> letterFacts(long id) {
    return jdbc.sql("SELECT letter_venue, letter_starts, letter_ends FROM visa_requests WHERE id = ? AND letter_starts IS NOT NULL")
        .param(id).query((rs, n) -> new LetterFacts(rs.getString(1), rs.getObject(2, java.time.LocalDate.class),
            rs.getObject(3, java.time.LocalDate.class))).optional();
  }

  /** Whether the request's letter was approved before what letters state was kept (V121): whether it moved is not known. */
  boolean factsUnknown(long id) {
    return jdbc.sql("SELECT letter_facts_unknown FROM visa_requests WHERE id = ?").param(id).query(Boolean.class)
        .optional().orElse(false);
  }

  /** An approved letter and what it states of its meeting. */
  record StatedLetter(long id, MeetingId meeting, LetterFacts facts) {}

  /** Every approved letter, not purged, whose stated venue and days are kept, in one read, by id. */
  List<StatedLetter> approvedLetterFacts() {
    return jdbc.sql("""
            SELECT id, meeting_id, letter_venue, letter_starts, letter_ends FROM visa_requests
            WHERE status = 'APPROVED' AND purged_at IS NULL AND letter_starts IS NOT NULL ORDER BY id""")
        .query((rs, n) -> new StatedLetter(rs.getLong(1), new MeetingId(rs.getLong(2)), new LetterFacts(rs.getString(3),
            rs.getObject(4, java.time.LocalDate.class), rs.getObject(5, java.time.LocalDate.class)))).list();
  }

  /** The ids of {@link #lettersOfUnknownFacts}. */
  List<Long> idsOfUnknownFacts() {
    return jdbc.sql("SELECT id FROM visa_requests WHERE status = 'APPROVED' AND purged_at IS NULL AND letter_facts_unknown = TRUE")
        .query(Long.class).list();
  }

  /** The approved letters, not purged, that were approved before what letters state was kept (V121). */
  List<VisaRequest> lettersOfUnknownFacts() {
    return jdbc.sql(SELECT + " WHERE status = 'APPROVED' AND purged_at IS NULL AND letter_facts_unknown = TRUE ORDER BY id")
        .query(this::request).list();
  }

  /** The details a re-issue corrected: the name, function and mission the letter prints, and the sealed passport. */
  void correct(long id, String fullName, String function, String mission, String encryptedPassport) {
    jdbc.sql("UPDATE visa_requests SET full_name = ?, function_title = ?, mission = ?, passport = ? WHERE id = ?")
        .params(fullName, function, mission, encryptedPassport, id).update();
  }

  /** One more version of the request: a re-issue was asked or withdrawn, which a decision read must have seen. */
  void touch(long id) {
    jdbc.sql("UPDATE visa_requests SET edit_version = edit_version + 1 WHERE id = ?").param(id).update();
  }

  /**
   * Keeps the letter the request holds now (its reference, code, the venue and days it states, the day it was
   * approved) as superseded by the code the request is given next, and returns how many letters of the request
   * were superseded so far, this one included.
   */
  int supersede(long id, String nextCode, Instant at) {
    jdbc.sql("""
            INSERT INTO visa_superseded_letters (request_id, reference, verification_code, letter_venue, letter_starts,
              letter_ends, approved_at, superseded_at, superseded_by_code, full_name)
            SELECT id, reference, verification_code, letter_venue, letter_starts, letter_ends, decided_at, ?, ?, full_name
            FROM visa_requests WHERE id = ?""")
        .params(utc(at), nextCode, id).update();
    return jdbc.sql("SELECT COUNT(*) FROM visa_superseded_letters WHERE request_id = ?").param(id).query(Long.class)
        .single().intValue();
  }

  /** The request's letter issued anew: its new reference and code, dated and signed by this re-issue. */
  void reissue(long id, String reference, String code, String by, Instant at) {
    jdbc.sql("UPDATE visa_requests SET reference = ?, verification_code = ?, decided_by = ?, decided_at = ?, edit_version = edit_version + 1 WHERE id = ?")
        .params(reference, code, by, utc(at), id).update();
  }

  /** A letter superseded by a re-issue, as its check shows it. */
  record SupersededRow(long request, String reference, String code, LetterFacts facts, Instant supersededAt,
      String supersededByCode, String fullName) {}

  /** The superseded letter with this verification code. */
  Optional<SupersededRow> supersededByCode(String code) {
    return jdbc.sql("""
            SELECT request_id, reference, verification_code, letter_venue, letter_starts, letter_ends, superseded_at,
              superseded_by_code, full_name FROM visa_superseded_letters WHERE verification_code = ?""")
        .param(code).query((rs, n) -> new SupersededRow(rs.getLong(1), rs.getString(2), rs.getString(3),
            rs.getObject(5) == null ? null : new LetterFacts(rs.getString(4), rs.getObject(5, java.time.LocalDate.class),
                rs.getObject(6, java.time.LocalDate.class)), instant(rs, "superseded_at"), rs.getString(8), rs.getString(9)))
        .optional();
  }

  /** The printed reference of the letter (current or superseded) that has this verification code. */
  Optional<String> printedByCode(String code) {
    return jdbc.sql("""
            SELECT reference FROM visa_requests WHERE verification_code = ?
            UNION ALL SELECT reference FROM visa_superseded_letters WHERE verification_code = ?""")
        .params(code, code).query(String.class).list().stream().findFirst().map(reference -> printed(reference, code));
  }

  /** The meetings that have approved letters whose passport details are kept (letters that may be re-issued). */
  List<MeetingId> meetingsWithApprovedLetters() {
    return jdbc.sql("SELECT DISTINCT meeting_id FROM visa_requests WHERE status = 'APPROVED' AND purged_at IS NULL")
        .query((rs, n) -> new MeetingId(rs.getLong(1))).list();
  }

  /** The printed references of the letters the request held before its current one, oldest first. */
  List<String> supersededReferences(long id) {
    return jdbc.sql("SELECT reference, verification_code FROM visa_superseded_letters WHERE request_id = ? ORDER BY superseded_at")
        .param(id).query((rs, n) -> printed(rs.getString(1), rs.getString(2))).list();
  }

  /** Records a refusal or a return for correction, with its reason. */
  void decideWithReason(long id, VisaStatus status, String reason, String by, Instant at) {
    jdbc.sql("UPDATE visa_requests SET status = ?, decision_reason = ?, decided_by = ?, decided_at = ?, edit_version = edit_version + 1 WHERE id = ?")
        .params(status.name(), reason, by, utc(at), id).update();
  }

  /** A returned request, corrected and sent again: waiting for the secretariat once more. */
  /** Sends a returned request again; false when it is no longer returned (sent again meanwhile, by another tab). */
  boolean resubmit(long id, String fullName, String function, String mission, String encryptedPassport, Instant at) {
    return jdbc.sql("""
            UPDATE visa_requests SET full_name = ?, function_title = ?, mission = ?, passport = ?, status = 'REQUESTED',
              requested_at = ?, edit_version = edit_version + 1 WHERE id = ? AND status = 'RETURNED'""")
        .params(fullName, function, mission, encryptedPassport, utc(at), id).update() > 0;
  }

  List<VisaRequest> ofRegistrations(List<Long> registrations) {
    return registrations.isEmpty() ? List.of()
        : jdbc.sql(SELECT + " WHERE registration_id IN (:ids) ORDER BY requested_at DESC").param("ids", registrations)
            .query(this::request).list();
  }

  long countWaiting() {
    return jdbc.sql("SELECT COUNT(*) FROM visa_requests WHERE status = 'REQUESTED'").query(Long.class).single();
  }

  /** Who read the passport details of the request, and when, oldest first. */
  List<VisaDesk.PassportRead> readLog(long id) {
    return jdbc.sql("SELECT actor, read_at, purpose FROM visa_reads WHERE request_id = ? ORDER BY id").param(id)
        .query((rs, n) -> new VisaDesk.PassportRead(rs.getString("actor"), instant(rs, "read_at"),
            rs.getString("purpose"))).list();
  }

  void logRead(long id, String actor, String purpose, Instant at) {
    jdbc.sql("INSERT INTO visa_reads (request_id, actor, read_at, purpose) VALUES (?, ?, ?, ?)")
        .params(id, actor, utc(at), purpose).update();
  }

  List<String> reads(long id) {
    return jdbc.sql("SELECT actor || ' ' || purpose FROM visa_reads WHERE request_id = ? ORDER BY id").param(id)
        .query(String.class).list();
  }

  List<MeetingId> meetingsWithPassports() {
    return jdbc.sql("SELECT DISTINCT meeting_id FROM visa_requests WHERE purged_at IS NULL")
        .query((rs, n) -> new MeetingId(rs.getLong(1))).list();
  }

  /** Removes the passport data of requests whose meeting is in {@code meetings}; returns how many. */
  int purge(List<MeetingId> meetings, Instant at) {
    int purged = 0;
    for (MeetingId meeting : meetings) {
      purged += jdbc.sql("UPDATE visa_requests SET passport = NULL, purged_at = ?, edit_version = edit_version + 1 WHERE meeting_id = ? AND purged_at IS NULL")
          .params(utc(at), meeting.value()).update();
      // The corrections asked with a re-issue go with the request's own details, on the same day.
      jdbc.sql("""
              UPDATE visa_reissue_requests SET details = NULL
              WHERE details IS NOT NULL AND request_id IN (SELECT id FROM visa_requests WHERE meeting_id = ?)""")
          .param(meeting.value()).update();
    }
    return purged;
  }

  private VisaRequest request(ResultSet rs, int row) throws SQLException {
    return new VisaRequest(rs.getLong("id"), rs.getLong("registration_id"), new MeetingId(rs.getLong("meeting_id")),
        rs.getString("full_name"), rs.getString("function_title"), rs.getString("mission"),
        VisaStatus.valueOf(rs.getString("status")), printed(rs.getString("reference"), rs.getString("verification_code")),
        instant(rs, "requested_at"),
        rs.getString("decided_by"), instant(rs, "decided_at"), instant(rs, "purged_at"), rs.getString("decision_reason"),
        rs.getLong("edit_version"));
  }

  /** The reference as the letter prints it: the public part, then the verification code in groups. */
  private static String printed(String reference, String code) {
    return reference == null ? null : reference + "-" + VerificationCode.grouped(code);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
