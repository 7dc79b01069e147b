package org.plenary.contribution;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.plenary.group.GroupId;
import org.plenary.meeting.MeetingId;
import org.plenary.shared.InLists;
import org.plenary.shared.JdbcUrls;
import org.plenary.shared.RowLocks;
import org.plenary.store.StoredFile;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The SQL of number series, contributions, their files, co-authors and audit trail. Usernames are
 * read from the account module's table by join, as reference data, so lists cost no extra query.
 */
@Repository
class Contributions {

  private static final String SELECT = """
      SELECT c.id, c.group_id, c.meeting_id, c.number, c.title, c.source, c.contact,
        a.username AS allocated_by, c.allocated_at, c.late_exception, c.withdrawn_at
      FROM contributions c JOIN accounts a ON a.id = c.allocated_by""";

  private static final String FILES = """
      SELECT f.id, f.contribution_id, f.revision, f.file_name, f.store_path, f.size_bytes, f.sha256,
        a.username AS uploaded_by, f.uploaded_at, f.late, f.state, f.published_at, f.reject_reason,
        f.crc32
      FROM contribution_files f JOIN accounts a ON a.id = f.uploaded_by""";

  /** A contribution to record: its place in the series, its number and what the author said of it. */
  record NewContribution(MeetingId meeting, String title, String source, String contact, long accountId, String actor,
      Instant at) {}

  /** One line of the audit trail. */
  record Audit(long contribution, String action, String actor, Instant at, String fileName, String sha256,
      String detail) {}

  /** Bound to a transaction whose numbering statement incremented the version already (PostgreSQL). */
  private static final Object VERSION_CHANGED = new Object();

  /** Registered once with each transaction that writes the register; stateless, so one serves them all. */
  private final TransactionSynchronization versionChange = new TransactionSynchronization() {
    @Override
    public void beforeCommit(boolean readOnly) {
      if (!TransactionSynchronizationManager.hasResource(VERSION_CHANGED)) {
        incrementVersion();
      }
    }

    @Override
    public void afterCompletion(int status) {
      TransactionSynchronizationManager.unbindResourceIfPossible(VERSION_CHANGED);
      if (knownVersion != null) {
        knownVersion.changed();
      }
    }
  };

  private final JdbcClient jdbc;
  private final JdbcTemplate batches;
  private final RowLocks locks;
  private final SharedRead sharedVersion = new SharedRead(this::versionNow);
  /** The version kept between changes, when only this process writes the database; otherwise null. */
  private final KnownVersion knownVersion;
  /** Whether the database is PostgreSQL, whose UPDATE can return the row it changed. */
  private final boolean postgres;

  Contributions(JdbcClient jdbc, JdbcTemplate batches, RowLocks locks, @Value("${spring.datasource.url:}") String url) {
    this.jdbc = jdbc;
    this.batches = batches;
    this.locks = locks;
    this.postgres = JdbcUrls.postgres(url);
    this.knownVersion = KnownVersion.appliesTo(url) ? new KnownVersion(sharedVersion::get) : null;
  }

  /**
   * A number that grows with every committed change to any contribution or file, in commit order:
   * each change writes an audit event, and {@link #auditAll} has its transaction increment the
   * version row just before it commits. Folder listings are cached against it, on every node sharing
   * the database.
   */
  long version() {
    // Inside a transaction, its own connection (and snapshot); otherwise one read shared by the
    // requests asking at once, none of them answered from a read that started before it asked, and
    // on the embedded database the read kept until the next change.
    if (TransactionSynchronizationManager.isActualTransactionActive()) {
      return versionNow();
    }
    return knownVersion != null ? knownVersion.get() : sharedVersion.get();
  }

  private long versionNow() {
    return jdbc.sql("SELECT version FROM contribution_register_version WHERE id = 1").query(Long.class).single();
  }

  /**
   * Increments the version once per transaction, as its last statement: the row's lock, held only
   * from there to the commit, orders the commits of writers, so a later commit always has a greater
   * version, whatever the ids of its rows. Outside a transaction, at once.
   */
  private void changeVersionAtCommit() {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      incrementVersion();
      if (knownVersion != null) {
        knownVersion.changed();
      }
    } else if (!TransactionSynchronizationManager.getSynchronizations().contains(versionChange)) {
      // Synchronizations belong to one transaction (suspended with it): an inner new transaction registers its own.
      TransactionSynchronizationManager.registerSynchronization(versionChange);
    }
  }

  private void incrementVersion() {
    jdbc.sql("UPDATE contribution_register_version SET version = version + 1 WHERE id = 1").update();
  }

  /** The table holding a series' counter: inputs in document_series, outputs in output_series. */
  private static String seriesTable(DocumentSeries series) {
    return series == DocumentSeries.OUTPUT ? "output_series" : "document_series";
  }

  /** Whether the group's series exists; created, outside the allocation's transaction, by {@link #createSeries}. */
  boolean seriesExists(GroupId group, DocumentSeries series) {
    return jdbc.sql("SELECT COUNT(*) FROM " + seriesTable(series) + " WHERE group_id = ?").param(group.value())
        .query(Long.class).single() > 0;
  }

  /**
   * Another group whose series of this kind has the prefix, whatever its case: numbers are unique
   * whatever their case, so a second series with it would only make numbers already taken.
   */
  Optional<GroupId> prefixHolder(GroupId group, DocumentSeries series, String prefix) {
    return jdbc.sql("SELECT group_id FROM " + seriesTable(series) + " WHERE UPPER(prefix) = ? AND group_id <> ?")
        .params(prefix.toUpperCase(java.util.Locale.ROOT), group.value()).query(Long.class).list().stream()
        .findFirst().map(GroupId::new);
  }

  /** Starts the group's series at zero; a caller that loses the race to create it finds it made. */
  void createSeries(GroupId group, DocumentSeries series, String prefix) {
    try {
      jdbc.sql("INSERT INTO " + seriesTable(series) + " (group_id, prefix, last_number) VALUES (?, ?, 0)")
          .params(group.value(), prefix).update();
    } catch (DuplicateKeyException anotherCallerCreatedIt) {
      // The series exists, which is all that was wanted.
    }
  }

  /** What a reservation took: the last of its numbers, and the series' prefix. */
  record Reserved(int last, String prefix) {}

  /**
   * Reserves the next {@code count} numbers of the group's series. The UPDATE takes the series row's
   * lock until the transaction ends, so concurrent callers, on this node or another sharing the
   * database, queue and each reads its own range: consecutive, never reused.
   */
  Reserved reserve(GroupId group, DocumentSeries series, int count) {
    String table = seriesTable(series);
    jdbc.sql("UPDATE " + table + " SET last_number = last_number + ? WHERE group_id = ?")
        .params(count, group.value()).update();
    return jdbc.sql("SELECT last_number, prefix FROM " + table + " WHERE group_id = ?").param(group.value())
        .query((rs, row) -> new Reserved(rs.getInt(1), rs.getString(2))).single();
  }

  /** A document number: the series' prefix, its letter and the sequence number on at least four digits. */
  static String number(String prefix, DocumentSeries series, int sequence) {
    return "%s-%c-%04d".formatted(prefix, series.letter(), sequence);
  }

  /** What {@link #insertNumbered} recorded: the rows' ids and numbers, in the order of the rows. */
  record Numbered(List<Long> ids, List<String> numbers) {}

  /**
   * Records contributions of one group's series with the next numbers of the series, in the order of
   * {@code rows}, each with its audit line (allocated by {@code actor}, the title as detail). This takes
   * the series row's lock, which two nodes' batches queue on and which is held until the transaction
   * ends: the numbers are consecutive, never reused, and a batch rolled back rolls its reservation back
   * with it (no gap). On PostgreSQL one statement does it all, one round trip; the rows are written
   * once, numbered (an unnumbered insert followed by an update wrote each row and its seven index
   * entries twice, and checked its three foreign keys twice: PostgreSQL checks them again on an
   * update of a row its own transaction inserted, even with the keys unchanged).
   * {@code last}: no other series is numbered after this one in the transaction; on PostgreSQL the
   * same statement then increments the register's version too (which the commit would otherwise ask
   * for, one more round trip while the lock is held), the version's lock taken after the series'.
   */
  Numbered insertNumbered(GroupId group, DocumentSeries series, List<NewContribution> rows, boolean last) {
    if (postgres) {
      return insertNumberedAtOnce(group, series, rows, last);
    }
    int n = rows.size();
    Reserved reserved = reserve(group, series, n);
    int first = reserved.last() - n + 1;
    var numbers = new String[n];
    Arrays.setAll(numbers, i -> number(reserved.prefix(), series, first + i));
    batches.batchUpdate("""
            INSERT INTO contributions (group_id, meeting_id, seq_no, number, number_key, title, source,
              contact, allocated_by, allocated_at, series)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", java.util.stream.IntStream.range(0, n).boxed().toList(), n,
        (ps, i) -> {
          NewContribution r = rows.get(i);
          ps.setLong(1, group.value());
          ps.setLong(2, r.meeting().value());
          ps.setInt(3, first + i);
          ps.setString(4, numbers[i]);
          ps.setString(5, numbers[i].toUpperCase(java.util.Locale.ROOT));
          ps.setString(6, r.title());
          ps.setString(7, r.source());
          ps.setString(8, r.contact());
          ps.setLong(9, r.accountId());
          ps.setObject(10, utc(r.at()));
          ps.setString(11, String.valueOf(series.letter()));
        });
    var ids = new Long[n];
    jdbc.sql("SELECT seq_no, id FROM contributions WHERE group_id = ? AND series = ? AND seq_no BETWEEN ? AND ?")
        .params(group.value(), String.valueOf(series.letter()), first, reserved.last())
        .query(rs -> {
          ids[rs.getInt(1) - first] = rs.getLong(2);
        });
    var audit = new ArrayList<Audit>(n);
    for (int i = 0; i < n; i++) {
      NewContribution r = rows.get(i);
      audit.add(new Audit(ids[i], "ALLOCATED", r.actor(), r.at(), null, null, r.title()));
    }
    auditAll(audit);
    return numbered(group, series, ids, numbers);
  }

  /** {@link #insertNumbered} on PostgreSQL: the reservation, the rows, their audit lines and the version in one statement. */
  private Numbered insertNumberedAtOnce(GroupId group, DocumentSeries series, List<NewContribution> rows,
      boolean last) {
    int n = rows.size();
    var meetings = new Long[n];
    var titles = new String[n];
    var sources = new String[n];
    var contacts = new String[n];
    var accounts = new Long[n];
    var times = new String[n];
    var actors = new String[n];
    for (int i = 0; i < n; i++) {
      NewContribution r = rows.get(i);
      meetings[i] = r.meeting().value();
      titles[i] = r.title();
      sources[i] = r.source();
      contacts[i] = r.contact();
      accounts[i] = r.accountId();
      times[i] = r.at().toString();
      actors[i] = r.actor();
    }
    boolean version = last && TransactionSynchronizationManager.isSynchronizationActive();
    var ids = new Long[n];
    var numbers = new String[n];
    String letter = String.valueOf(series.letter());
    jdbc.sql("""
            WITH r AS (UPDATE %s SET last_number = last_number + ? WHERE group_id = ? RETURNING last_number, prefix),
            v AS (UPDATE contribution_register_version SET version = version + 1 WHERE id = 1 AND ?),
            n AS (SELECT t.*, (r.last_number - ? + t.k)::int AS seq, r.prefix FROM r,
              unnest(?::bigint[], ?::varchar[], ?::varchar[], ?::varchar[], ?::bigint[], ?::timestamptz[], ?::varchar[])
                WITH ORDINALITY AS t (meeting, title, source, contact, account, at, actor, k)),
            f AS (SELECT n.*, prefix || '-' || ? || '-'
              || CASE WHEN seq < 10000 THEN lpad(seq::text, 4, '0') ELSE seq::text END AS number FROM n),
            c AS (INSERT INTO contributions (group_id, meeting_id, seq_no, number, number_key, title, source,
                contact, allocated_by, allocated_at, series)
              SELECT ?, meeting, seq, number, upper(number), title, source, contact, account, at, ? FROM f
              RETURNING id, seq_no, number),
            e AS (INSERT INTO contribution_events (contribution_id, action, actor, occurred_at, detail)
              SELECT c.id, 'ALLOCATED', f.actor, f.at, f.title FROM c JOIN f ON f.seq = c.seq_no)
            SELECT c.seq_no - (SELECT last_number FROM r) + ? AS k, c.id, c.number FROM c""".formatted(seriesTable(series)))
        .params(n, group.value(), version, n, meetings, titles, sources, contacts, accounts, times, actors, letter,
            group.value(), letter, n)
        .query(rs -> {
          int k = rs.getInt(1) - 1;
          ids[k] = rs.getLong(2);
          numbers[k] = rs.getString(3);
        });
    changeVersionAtCommit();
    if (version) {
      TransactionSynchronizationManager.bindResource(VERSION_CHANGED, Boolean.TRUE);
    }
    return numbered(group, series, ids, numbers);
  }

  private static Numbered numbered(GroupId group, DocumentSeries series, Long[] ids, String[] numbers) {
    if (Arrays.asList(ids).contains(null) || Arrays.asList(numbers).contains(null)) {
      throw new IllegalStateException("The " + series + " series of group " + group.value() + " could not number "
          + ids.length + " contributions.");
    }
    return new Numbered(Arrays.asList(ids), Arrays.asList(numbers));
  }

  /** An output document's type and the input numbers it answers. */
  record OutputRow(long contribution, OutputType type, List<String> answers) {}

  /** Records the type and answered inputs of output documents, in two batches. */
  void addOutputs(List<OutputRow> rows) {
    if (rows.isEmpty()) {
      return;
    }
    batches.batchUpdate("INSERT INTO output_documents (contribution_id, output_type) VALUES (?, ?)", rows, rows.size(),
        (ps, r) -> {
          ps.setLong(1, r.contribution());
          ps.setString(2, r.type().name());
        });
    var answers = new ArrayList<Object[]>();
    rows.forEach(r -> {
      for (int i = 0; i < r.answers().size(); i++) {
        answers.add(new Object[] {r.contribution(), i, r.answers().get(i)});
      }
    });
    if (!answers.isEmpty()) {
      batches.batchUpdate("INSERT INTO output_answers (contribution_id, ordinal, input_number) VALUES (?, ?, ?)", answers);
    }
  }

  /** The type and answered inputs of the output documents among these contribution ids. */
  Map<Long, OutputRow> outputs(java.util.Collection<Long> ids) {
    Map<Long, OutputRow> rows = new HashMap<>();
    if (ids.isEmpty()) {
      return rows;
    }
    Map<Long, List<String>> answers = new HashMap<>();
    jdbc.sql("SELECT contribution_id, input_number FROM output_answers WHERE contribution_id IN (:ids) ORDER BY ordinal")
        .param("ids", ids)
        .query((rs, n) -> answers.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2))).list();
    jdbc.sql("SELECT contribution_id, output_type FROM output_documents WHERE contribution_id IN (:ids)").param("ids", ids)
        .query((rs, n) -> rows.put(rs.getLong(1), new OutputRow(rs.getLong(1), OutputType.valueOf(rs.getString(2)),
            answers.getOrDefault(rs.getLong(1), List.of()))))
        .list();
    return rows;
  }

  /** Co-authors as (contribution id, account id) pairs, in one batch. */
  void addCoauthors(List<long[]> pairs) {
    if (!pairs.isEmpty()) {
      batches.batchUpdate("INSERT INTO contribution_coauthors (contribution_id, account_id) VALUES (?, ?)", pairs,
          pairs.size(), (ps, pair) -> {
            ps.setLong(1, pair[0]);
            ps.setLong(2, pair[1]);
          });
    }
  }

  /**
   * Files contributions under agenda items, as (contribution id, agenda item id) pairs, in one batch.
   * An item removed since the allocation checked it is skipped rather than failing the whole batch.
   */
  void addAgendaItems(List<long[]> pairs) {
    if (!pairs.isEmpty()) {
      batches.batchUpdate("""
              INSERT INTO contribution_agenda_items (contribution_id, agenda_item_id)
              SELECT ?, id FROM meeting_agenda_items WHERE id = ?""", pairs, pairs.size(), (ps, pair) -> {
            ps.setLong(1, pair[0]);
            ps.setLong(2, pair[1]);
          });
    }
  }

  /** The numbers of the contributions filed under each of these agenda items. */
  Map<Long, List<String>> numbersOnAgendaItems(java.util.Collection<Long> agendaItemIds) {
    Map<Long, List<String>> numbers = new HashMap<>();
    if (!agendaItemIds.isEmpty()) {
      jdbc.sql("""
              SELECT x.agenda_item_id, c.number FROM contribution_agenda_items x
              JOIN contributions c ON c.id = x.contribution_id WHERE x.agenda_item_id IN (:items) ORDER BY c.seq_no""")
          .param("items", agendaItemIds)
          .query((rs, n) -> numbers.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2)))
          .list();
    }
    return numbers;
  }

  /**
   * One contribution by number (any case), in one statement: a row per file, the co-authors and agenda
   * items each gathered into an array. A document's cycle reads its contribution three times (the upload
   * as it opens and as it is registered, the publication), and the four statements of {@link #select}
   * each time were a third of the cycle's statements; the answer is the same as {@link #findByNumbers}'s.
   */
  Optional<Contribution> findByNumber(String number) {
    var files = new ArrayList<ContributionFile>();
    var rows = new ArrayList<Contribution>(1);
    jdbc.sql(ONE).param(number.toUpperCase(java.util.Locale.ROOT)).query(rs -> {
      if (rows.isEmpty()) {
        rows.add(contribution(rs, files, strings(rs.getArray("coauthor_names")), longs(rs.getArray("agenda_item_ids"))));
      }
      if (rs.getObject("file_id") != null) {
        files.add(new ContributionFile(rs.getLong("file_id"), rs.getInt("revision"), rs.getString("file_name"),
            rs.getString("store_path"), rs.getLong("size_bytes"), rs.getString("sha256"), rs.getString("uploaded_by"),
            instant(rs, "uploaded_at"), rs.getBoolean("late"), FileState.valueOf(rs.getString("state")),
            instant(rs, "published_at"), rs.getString("reject_reason"), rs.getObject("crc32", Long.class)));
      }
    });
    // The record holds the list the rows fill, as select's do.
    return rows.stream().findFirst();
  }

  /** {@link #findByNumber}'s statement: the contribution, each of its files (none: one row), in file order. */
  private static final String ONE = """
      SELECT c.id, c.group_id, c.meeting_id, c.number, c.title, c.source, c.contact,
        a.username AS allocated_by, c.allocated_at, c.late_exception, c.withdrawn_at,
        (SELECT ARRAY_AGG(ca.username ORDER BY ca.username) FROM contribution_coauthors x
          JOIN accounts ca ON ca.id = x.account_id WHERE x.contribution_id = c.id) AS coauthor_names,
        (SELECT ARRAY_AGG(x.agenda_item_id ORDER BY ai.ordinal) FROM contribution_agenda_items x
          JOIN meeting_agenda_items ai ON ai.id = x.agenda_item_id WHERE x.contribution_id = c.id) AS agenda_item_ids,
        f.id AS file_id, f.revision, f.file_name, f.store_path, f.size_bytes, f.sha256, fa.username AS uploaded_by,
        f.uploaded_at, f.late, f.state, f.published_at, f.reject_reason, f.crc32
      FROM contributions c JOIN accounts a ON a.id = c.allocated_by
      LEFT JOIN contribution_files f ON f.contribution_id = c.id
      LEFT JOIN accounts fa ON fa.id = f.uploaded_by
      WHERE c.number_key = ?
      ORDER BY f.id""";

  private static List<String> strings(java.sql.Array array) throws SQLException {
    return array == null ? List.of() : Arrays.stream((Object[]) array.getArray()).map(String.class::cast).toList();
  }

  private static List<Long> longs(java.sql.Array array) throws SQLException {
    return array == null ? List.of() : Arrays.stream((Object[]) array.getArray()).map(o -> ((Number) o).longValue()).toList();
  }

  /**
   * Several contributions by number, in one read (four queries). On PostgreSQL the numbers go as one
   * array: one statement text whatever their count, and a generic plan that still looks each number up
   * in the index, where the plan cached for an IN list of 128 keys turned to a sequential scan of
   * {@code contributions} as the table grew.
   */
  List<Contribution> findByNumbers(List<String> numbers) {
    if (numbers.isEmpty()) {
      return List.of();
    }
    List<String> keys = numbers.stream().map(n -> n.toUpperCase(java.util.Locale.ROOT)).toList();
    return postgres ? select("c.number_key = ANY(:p)", keys.toArray(String[]::new))
        : select("c.number_key IN (:p)", InLists.padded(keys));
  }

  /** Whether any number was allocated to the meeting. */
  boolean anyOfMeeting(MeetingId meeting) {
    return jdbc.sql("SELECT COUNT(*) FROM contributions WHERE meeting_id = ?").param(meeting.value())
        .query(Long.class).single() > 0;
  }

  List<Contribution> ofMeeting(MeetingId meeting) {
    return select("c.meeting_id = :p", meeting.value());
  }

  /**
   * One page of the meeting's output documents, by number (their place in the group's output series, unique: V089's
   * index on meeting, series and place serves it), read by key: the ids of the page and one more, then those
   * contributions whole. Only rows with their output details count, as {@link #outputs} reads them.
   */
  org.plenary.shared.Paged<Contribution> outputsOfMeeting(MeetingId meeting, org.plenary.shared.Paged.Asked asked) {
    var after = asked.after();
    String sql = """
        SELECT c.id, c.seq_no FROM contributions c JOIN output_documents o ON o.contribution_id = c.id
        WHERE c.meeting_id = :meeting AND c.series = 'O'""" + (after == null ? ""
        : " AND c.seq_no > :seq") + " ORDER BY c.seq_no LIMIT :read";
    var query = jdbc.sql(sql).param("meeting", meeting.value()).param("read", asked.read());
    if (after != null) {
      query = query.param("seq", after.sortAs(Long::parseLong));
    }
    var keys = query.query((rs, n) -> new org.plenary.shared.Paged.Key(Long.toString(rs.getLong(2)), rs.getLong(1)))
        .list();
    Map<Long, Contribution> read = new HashMap<>();
    if (!keys.isEmpty()) {
      List<Long> ids = keys.stream().map(org.plenary.shared.Paged.Key::id).toList();
      select(postgres ? "c.id = ANY(:p)" : "c.id IN (:p)", postgres ? ids.toArray(Long[]::new) : InLists.padded(ids))
          .forEach(c -> read.put(c.id(), c));
    }
    return asked.keyset(keys.stream().filter(k -> read.containsKey(k.id()))
        .map(k -> new org.plenary.shared.Paged.Keyed<>(k, read.get(k.id()))).toList());
  }

  /**
   * How far a reader who has read the meeting's register up to and including the number has read each
   * series: {input, output} sequence numbers (0: none of it); empty if the number is not the meeting's.
   * In register order (number, then row) the other series' rows before it are those read.
   */
  Optional<long[]> registerPosition(MeetingId meeting, String number) {
    return jdbc.sql("SELECT seq_no, id, series FROM contributions WHERE number_key = ? AND meeting_id = ?")
        .params(number.toUpperCase(java.util.Locale.ROOT), meeting.value())
        .query((rs, n) -> new Object[] {rs.getLong(1), rs.getLong(2), rs.getString(3)}).optional().map(row -> {
          long seq = (Long) row[0];
          boolean input = !"O".equals(row[2]);
          long other = jdbc.sql("""
                  SELECT COALESCE(MAX(seq_no), 0) FROM contributions WHERE meeting_id = ? AND series = ?
                    AND (seq_no < ? OR (seq_no = ? AND id < ?))""")
              .params(meeting.value(), input ? "O" : "I", seq, seq, row[1]).query(Long.class).single();
          return input ? new long[] {seq, other} : new long[] {other, seq};
        });
  }

  /** A contribution of a register page with its place in its series. */
  record Placed(Contribution contribution, long seq) {}

  /**
   * At most {@code limit} contributions of the meeting not yet read by a reader who has read its input
   * series up to {@code input} and its output series up to {@code output}, in register order (number,
   * then row). Each series is numbered in commit order (its lock is held until the commit), so a row
   * committed later is always past its own series' position, even when its number is lower than the
   * other series' (an output numbered O-0003 after the reader passed I-0040): one position for both
   * series skipped it. Each series is a range of the (meeting, series, number) index: a page costs its rows.
   */
  List<Placed> pageOfMeeting(MeetingId meeting, long input, long output, int limit) {
    String range = "SELECT id, seq_no FROM contributions WHERE meeting_id = ? AND series = ? AND seq_no > ?"
        + " ORDER BY seq_no FETCH FIRST " + limit + " ROWS ONLY";
    List<long[]> rows = new ArrayList<>();
    for (Object[] series : new Object[][] {{"I", input}, {"O", output}}) {
      rows.addAll(jdbc.sql(range).params(meeting.value(), series[0], series[1])
          .query((rs, n) -> new long[] {rs.getLong(2), rs.getLong(1)}).list());
    }
    rows.sort(java.util.Comparator.<long[]>comparingLong(r -> r[0]).thenComparingLong(r -> r[1]));
    List<long[]> page = rows.subList(0, Math.min(limit, rows.size()));
    if (page.isEmpty()) {
      return List.of();
    }
    Map<Long, Contribution> byId = new HashMap<>();
    select("c.id IN (:p)", page.stream().map(r -> r[1]).toList()).forEach(c -> byId.put(c.id(), c));
    return page.stream().map(r -> new Placed(byId.get(r[1]), r[0])).toList();
  }

  /** The group's documents of one series, in number order. */
  List<Contribution> ofGroup(GroupId group, DocumentSeries series) {
    return select("c.group_id = :p AND c.series = '" + series.letter() + "'", group.value());
  }

  /** Contributions of the group with a version waiting in the incoming folder. */
  List<Contribution> incoming(GroupId group) {
    return select("c.group_id = :p AND EXISTS (SELECT 1 FROM contribution_files w WHERE w.contribution_id = c.id"
        + " AND w.state = 'INCOMING')", group.value());
  }

  /** A version waiting in a group's incoming folder, with what its listing line shows. */
  record Waiting(long meeting, String number, String title, String source, String fileName, String storePath,
      long size, String sha256, Instant uploadedAt, boolean late) {}

  /**
   * The versions waiting in the group's incoming folder, one row at a time: for each contribution its
   * first waiting version by id, as {@link Contribution#incoming()} chooses. A listing of thousands
   * reads only its lines' columns and never holds the contributions with all their files at once.
   */
  void eachWaiting(GroupId group, java.util.function.Consumer<Waiting> each) {
    long[] previous = {-1};
    jdbc.sql("""
            SELECT c.id, c.meeting_id, c.number, c.title, c.source, f.file_name, f.store_path, f.size_bytes, f.sha256,
              f.uploaded_at, f.late
            FROM contribution_files f JOIN contributions c ON c.id = f.contribution_id
            WHERE c.group_id = ? AND f.state = 'INCOMING' ORDER BY c.id, f.id""").param(group.value())
        .query(rs -> {
          long contribution = rs.getLong(1);
          if (contribution != previous[0]) {
            previous[0] = contribution;
            each.accept(new Waiting(rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getLong(8), rs.getString(9), instant(rs, "uploaded_at"), rs.getBoolean(11)));
          }
        });
  }

  /**
   * How many input numbers the account holds for the meeting with no file ever uploaded, counted up
   * to {@code atMost}: one range of {@code contributions_allocated_by}, at most {@code atMost} of its
   * unused rows read, however many numbers the account asked for.
   */
  int unusedNumbers(long accountId, MeetingId meeting, int atMost) {
    return jdbc.sql("""
            SELECT COUNT(*) FROM (SELECT 1 FROM contributions c
              WHERE c.allocated_by = :account AND c.meeting_id = :meeting AND c.series = 'I' AND c.withdrawn_at IS NULL
                AND NOT EXISTS (SELECT 1 FROM contribution_files f WHERE f.contribution_id = c.id)
              FETCH FIRST""" + " " + atMost + " ROWS ONLY) unused")
        .param("account", accountId).param("meeting", meeting.value())
        .query(Integer.class).single();
  }

  /**
   * How many input numbers each of the accounts holds for each of the group's meetings with no file
   * ever uploaded, keyed by {@link #holder}; pairs that hold none are absent. One grouped read of
   * {@code contributions_allocated_by}.
   */
  Map<String, Integer> unusedNumbers(GroupId group, List<Long> accounts, List<Long> meetings) {
    var held = new HashMap<String, Integer>();
    jdbc.sql("""
            SELECT c.allocated_by, c.meeting_id, COUNT(*) FROM contributions c
            WHERE c.allocated_by IN (:accounts) AND c.meeting_id IN (:meetings) AND c.group_id = :group
              AND c.series = 'I' AND c.withdrawn_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM contribution_files f WHERE f.contribution_id = c.id)
            GROUP BY c.allocated_by, c.meeting_id""")
        .param("accounts", InLists.padded(accounts)).param("meetings", InLists.padded(meetings))
        .param("group", group.value())
        .query(rs -> {
          held.put(holder(rs.getLong(1), rs.getLong(2)), rs.getInt(3));
        });
    return held;
  }

  /** The key of an account's numbers of a meeting in {@link #unusedNumbers(GroupId, List, List)}. */
  static String holder(long account, long meeting) {
    return account + ":" + meeting;
  }

  /** A contribution with a version waiting in the incoming folder, with what decides whether it may be replaced. */
  record WaitingOwner(String number, long meeting, boolean lateException) {}

  /**
   * The contributions of the group whose waiting version the account sent itself: those its own STOR may
   * overwrite. Unless {@code staff}, only those it still asked for or co-authors.
   */
  List<WaitingOwner> waitingOf(GroupId group, long accountId, boolean staff) {
    String whose = staff ? "" : """
         AND (c.allocated_by = :p OR EXISTS (SELECT 1 FROM contribution_coauthors y
          WHERE y.contribution_id = c.id AND y.account_id = :p))""";
    return jdbc.sql("""
            SELECT c.number, c.meeting_id, c.late_exception FROM contributions c
            WHERE c.group_id = :g AND c.withdrawn_at IS NULL
             AND EXISTS (SELECT 1 FROM contribution_files f WHERE f.contribution_id = c.id AND f.state = 'INCOMING'
              AND f.uploaded_by = :p)"""
        + whose).param("g", group.value()).param("p", accountId)
        .query((rs, n) -> new WaitingOwner(rs.getString(1), rs.getLong(2), rs.getBoolean(3))).list();
  }

  /** Contributions the account asked for or co-authors. */
  List<Contribution> ofPerson(long accountId) {
    return select("(c.allocated_by = :p OR EXISTS (SELECT 1 FROM contribution_coauthors y"
        + " WHERE y.contribution_id = c.id AND y.account_id = :p))", accountId);
  }

  /** How many contributions of each group have a version waiting in the incoming folder, by group id. */
  Map<Long, Long> incomingCounts() {
    Map<Long, Long> counts = new HashMap<>();
    jdbc.sql("""
            SELECT c.group_id, COUNT(DISTINCT c.id) FROM contributions c
            JOIN contribution_files f ON f.contribution_id = c.id WHERE f.state = 'INCOMING' GROUP BY c.group_id""")
        .query((rs, n) -> counts.put(rs.getLong(1), rs.getLong(2))).list();
    return counts;
  }

  /** Every number, in allocation order (the search index is rebuilt from them). */
  List<String> allNumbers() {
    return jdbc.sql("SELECT number FROM contributions ORDER BY id").query(String.class).list();
  }

  /** Beyond this many ids missing among those seen, the look reads every action of its window and leaves out the seen ones itself. */
  private static final int MAX_HOLES = 10_000;

  /**
   * The actions of the audit trail at or after {@code since} whose ids {@code seen} (ascending) does not
   * hold, each with its number, in id order. The database leaves the seen ones out: a look every few
   * seconds over a window of half a minute met each action some seven times, and read it, joined it
   * to its contribution and sent it each time, some 35,000 rows a look at a thousand numbers a second.
   * What it cannot have seen is above the highest id seen, below the lowest, or one of the ids missing
   * in between (a transaction that committed after the last look, or rolled back).
   */
  List<RegisterChanges.Action> changedSince(Instant since, long[] seen) {
    String select = """
        SELECT e.id, c.number, e.action, e.occurred_at FROM contribution_events e
        JOIN contributions c ON c.id = e.contribution_id WHERE e.occurred_at >= ?""";
    RowMapper<RegisterChanges.Action> action = (rs, n) -> new RegisterChanges.Action(rs.getLong(1), rs.getString(2),
        "ALLOCATED".equals(rs.getString(3)), instant(rs, "occurred_at"));
    long[] holes = seen.length == 0 ? null : holes(seen);
    if (holes == null) {
      return jdbc.sql(select + " ORDER BY e.id").param(utc(since)).query(action).stream()
          .filter(a -> Arrays.binarySearch(seen, a.id()) < 0).toList();
    }
    return jdbc.sql(select + " AND (e.id > ? OR e.id < ? OR e.id = ANY(?)) ORDER BY e.id")
        .params(utc(since), seen[seen.length - 1], seen[0], Arrays.stream(holes).boxed().toArray(Long[]::new))
        .query(action).list();
  }

  /** The ids between the lowest and the highest of {@code seen} (ascending) that it does not hold; null if there are too many. */
  private static long[] holes(long[] seen) {
    var holes = new java.util.ArrayList<Long>();
    for (int i = 1; i < seen.length; i++) {
      for (long id = seen[i - 1] + 1; id < seen[i]; id++) {
        if (holes.size() == MAX_HOLES) {
          return null;
        }
        holes.add(id);
      }
    }
    return holes.stream().mapToLong(Long::longValue).toArray();
  }

  /**
   * Contributions matching {@code where} (on alias {@code c}), in number order, each with its files,
   * co-authors and agenda items: four queries whatever the count, so a folder of thousands lists quickly.
   */
  /** {@code where} names its one parameter {@code :p}; a collection there expands to a list. */
  private List<Contribution> select(String where, Object parameter) {
    // Joins, not "IN (SELECT …)": H2 turns a subquery of more than its in-memory row limit into an
    // external sorted result and fails (ArrayIndexOutOfBoundsException) on a register that large.
    String of = " JOIN contributions c ON c.id = x.contribution_id WHERE " + where;
    Map<Long, List<ContributionFile>> files = new HashMap<>();
    String filesOf = FILES.replace("FROM contribution_files f",
        "FROM contribution_files f JOIN contributions c ON c.id = f.contribution_id");
    jdbc.sql(filesOf + " WHERE " + where + " ORDER BY f.id").param("p", parameter)
        .query((rs, n) -> files.computeIfAbsent(rs.getLong("contribution_id"), k -> new ArrayList<>()).add(file(rs)))
        .list();
    Map<Long, List<String>> coauthors = new HashMap<>();
    jdbc.sql("""
            SELECT x.contribution_id, a.username FROM contribution_coauthors x JOIN accounts a ON a.id = x.account_id"""
            + of + " ORDER BY a.username").param("p", parameter)
        .query((rs, n) -> coauthors.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2)))
        .list();
    Map<Long, List<Long>> agendaItems = new HashMap<>();
    jdbc.sql("""
            SELECT x.contribution_id, x.agenda_item_id FROM contribution_agenda_items x
            JOIN meeting_agenda_items a ON a.id = x.agenda_item_id""" + of + " ORDER BY a.ordinal").param("p", parameter)
        .query((rs, n) -> agendaItems.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2)))
        .list();
    return jdbc.sql(SELECT + " WHERE " + where + " ORDER BY c.seq_no").param("p", parameter)
        .query((rs, n) -> contribution(rs, files.getOrDefault(rs.getLong("id"), List.of()),
            coauthors.getOrDefault(rs.getLong("id"), List.of()), agendaItems.getOrDefault(rs.getLong("id"), List.of())))
        .list();
  }

  /** The number of the contribution whose file in {@code state} lies at {@code storePath}. */
  Optional<String> numberAt(String storePath, FileState state) {
    return jdbc.sql("""
            SELECT c.number FROM contribution_files f JOIN contributions c ON c.id = f.contribution_id
            WHERE f.store_path = ? AND f.state = ?""")
        .params(storePath, state.name()).query(String.class).optional();
  }

  long insertFile(long contribution, int revision, String fileName, String storePath, StoredFile stored,
      long accountId, Instant at, boolean late) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql("""
            INSERT INTO contribution_files (contribution_id, revision, file_name, store_path, size_bytes, sha256,
              uploaded_by, uploaded_at, late, state, crc32)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'INCOMING', ?)""")
        .params(contribution, revision, fileName, storePath, stored.size(), stored.sha256(), accountId, utc(at), late,
            stored.crc32() < 0 ? null : stored.crc32())
        .update(keys, "id");
    return keys.getKey().longValue();
  }

  void moveFile(long fileId, FileState state, String storePath, Instant publishedAt, String reason) {
    jdbc.sql("""
            UPDATE contribution_files SET state = ?, store_path = ?, published_at = COALESCE(?, published_at),
              reject_reason = COALESCE(?, reject_reason)
            WHERE id = ?""")
        .params(state.name(), storePath, publishedAt == null ? null : utc(publishedAt), reason, fileId).update();
  }

  /**
   * Takes the contribution's row lock until the transaction ends: one change at a time per document.
   * (A SELECT FOR UPDATE: an UPDATE of the row, even to the same value, made H2 rewrite every index
   * entry of it, which was the largest cost of registering an upload.)
   */
  /** Where every file the register knows lies in the store, whatever its state. */
  java.util.Set<String> storePaths() {
    return new java.util.HashSet<>(jdbc.sql("SELECT store_path FROM contribution_files").query(String.class).list());
  }

  /** Whether a file of the register lies at this store path. */
  boolean knows(String storePath) {
    return jdbc.sql("SELECT COUNT(*) FROM contribution_files WHERE store_path = ?").param(storePath)
        .query(Long.class).single() > 0;
  }

  void lock(long contribution) {
    locks.lock("SELECT id FROM contributions WHERE id = ? FOR UPDATE", contribution);
  }

  /** Locks the contribution of this number (any case) as {@link #lock} does; false when there is none. */
  boolean lockNumber(String number) {
    return locks.lock("SELECT id FROM contributions WHERE number_key = ? FOR UPDATE",
        number.toUpperCase(java.util.Locale.ROOT)).isPresent();
  }

  /**
   * Flags again, against {@code deadline}, every file of the meeting's input documents: late when it arrived
   * after it. Listings and the register follow (the register's version changes) when a flag does.
   */
  int flagLate(org.plenary.meeting.MeetingId meeting, Instant deadline) {
    int changed = jdbc.sql("""
            UPDATE contribution_files SET late = (uploaded_at > ?)
            WHERE late <> (uploaded_at > ?)
              AND contribution_id IN (SELECT id FROM contributions WHERE meeting_id = ? AND series = 'I')""")
        .params(utc(deadline), utc(deadline), meeting.value()).update();
    if (changed > 0) {
      changeVersionAtCommit();
    }
    return changed;
  }

  void grantLateException(long contribution) {
    jdbc.sql("UPDATE contributions SET late_exception = TRUE WHERE id = ?").param(contribution).update();
  }

  void withdraw(long contribution, Instant at) {
    jdbc.sql("UPDATE contributions SET withdrawn_at = ? WHERE id = ?").params(utc(at), contribution).update();
  }

  /** Where the version {@code fileName} of {@code number} with these bytes is now (the history once withdrawn). */
  Optional<String> storePathOf(String number, String fileName, String sha256) {
    return jdbc.sql("""
            SELECT f.store_path FROM contribution_files f JOIN contributions c ON c.id = f.contribution_id
            WHERE c.number = ? AND f.file_name = ? AND f.sha256 = ? ORDER BY f.id""")
        .params(number, fileName, sha256).query(String.class).list().stream().findFirst();
  }

  void audit(long contribution, String action, String actor, Instant at, String fileName, String sha256, String detail) {
    auditAll(List.of(new Audit(contribution, action, actor, at, fileName, sha256, detail)));
  }

  /**
   * Several lines of the audit trail in one batch. Every change to the register writes its audit
   * lines here, which is why the register's version changes here.
   */
  void auditAll(List<Audit> lines) {
    changeVersionAtCommit();
    batches.batchUpdate("""
            INSERT INTO contribution_events (contribution_id, action, actor, occurred_at, file_name, sha256, detail)
            VALUES (?, ?, ?, ?, ?, ?, ?)""", lines, lines.size(), (ps, a) -> {
          ps.setLong(1, a.contribution());
          ps.setString(2, a.action());
          ps.setString(3, a.actor());
          ps.setObject(4, utc(a.at()));
          ps.setString(5, a.fileName());
          ps.setString(6, a.sha256());
          ps.setString(7, a.detail());
        });
  }

  List<AuditEvent> auditTrail(long contribution) {
    return jdbc.sql("""
            SELECT action, actor, occurred_at, file_name, sha256, detail FROM contribution_events
            WHERE contribution_id = ? ORDER BY id""")
        .param(contribution)
        .query((rs, n) -> new AuditEvent(rs.getString(1), rs.getString(2), instant(rs, "occurred_at"),
            rs.getString(4), rs.getString(5), rs.getString(6)))
        .list();
  }

  /** One page of the trail, read by key: the actions after {@code asked}'s, in the order they were taken. */
  org.plenary.shared.Paged<AuditEvent> auditTrail(long contribution, org.plenary.shared.Paged.Asked asked) {
    return asked.keyset(jdbc.sql("""
            SELECT id, action, actor, occurred_at, file_name, sha256, detail FROM contribution_events
            WHERE contribution_id = ? AND id > ? ORDER BY id LIMIT ?""")
        .params(contribution, asked.afterId(), asked.read())
        .query((rs, n) -> new org.plenary.shared.Paged.Keyed<>(org.plenary.shared.Paged.Key.of(rs.getLong("id")),
            new AuditEvent(rs.getString("action"), rs.getString("actor"), instant(rs, "occurred_at"),
                rs.getString("file_name"), rs.getString("sha256"), rs.getString("detail"))))
        .list());
  }

  private Contribution contribution(ResultSet rs, List<ContributionFile> files, List<String> coauthors,
      List<Long> agendaItemIds) throws SQLException {
    return new Contribution(rs.getLong("id"), new GroupId(rs.getLong("group_id")),
        new MeetingId(rs.getLong("meeting_id")), rs.getString("number"), rs.getString("title"), rs.getString("source"),
        agendaItemIds, rs.getString("contact"), rs.getString("allocated_by"), instant(rs, "allocated_at"), coauthors,
        rs.getBoolean("late_exception"), instant(rs, "withdrawn_at"), files);
  }

  private ContributionFile file(ResultSet rs) throws SQLException {
    return new ContributionFile(rs.getLong("id"), rs.getInt("revision"), rs.getString("file_name"),
        rs.getString("store_path"), rs.getLong("size_bytes"), rs.getString("sha256"), rs.getString("uploaded_by"),
        instant(rs, "uploaded_at"), rs.getBoolean("late"), FileState.valueOf(rs.getString("state")),
        instant(rs, "published_at"), rs.getString("reject_reason"), rs.getObject("crc32", Long.class));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
