package org.plenary.meeting;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.plenary.group.GroupId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The SQL of meetings, their agendas, collocated meetings and hotels. */
@Repository
class Meetings {

  private static final String SELECT = """
      SELECT id, group_id, code, start_date, end_date, time_zone, venue_name, venue_address, venue_code,
        opening_time, desk_opens_at, desk_place, fee, languages, paperless, documents_public, practical_info,
        registration_deadline, contribution_deadline, visa_deadline, late_policy
      FROM meetings""";

  private final JdbcClient jdbc;
  private final MeetingTranslations translations;

  Meetings(JdbcClient jdbc, MeetingTranslations translations) {
    this.jdbc = jdbc;
    this.translations = translations;
  }

  /** The meeting's columns, resolved: the time zone checked, deadlines as instants. */
  record Details(MeetingDraft draft, String code, ZoneId zone, Instant registration, Instant contributions,
      Instant visa) {}

  MeetingId insert(GroupId group, Details d) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql("""
            INSERT INTO meetings (group_id, code, start_date, end_date, time_zone, venue_name, venue_address,
              venue_code, opening_time, desk_opens_at, desk_place, fee, languages, paperless, documents_public,
              practical_info, registration_deadline, contribution_deadline, visa_deadline, late_policy)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(group.value(), d.code(), d.draft().startDate(), d.draft().endDate(), d.zone().getId(),
            d.draft().venueName(), d.draft().venueAddress(), d.draft().venueCode(), time(d.draft().openingTime()),
            time(d.draft().deskOpensAt()), d.draft().deskPlace(), d.draft().fee(), d.draft().languages(),
            d.draft().paperless(), d.draft().documentsPublic(), d.draft().practicalInfo(), utc(d.registration()),
            utc(d.contributions()), utc(d.visa()), d.draft().latePolicy().name())
        .update(keys, "id");
    MeetingId id = new MeetingId(keys.getKey().longValue());
    replaceVenueLists(id, d.draft());
    return id;
  }

  void update(MeetingId id, Details d) {
    jdbc.sql("""
            UPDATE meetings SET code = ?, start_date = ?, end_date = ?, time_zone = ?, venue_name = ?,
              venue_address = ?, venue_code = ?, opening_time = ?, desk_opens_at = ?, desk_place = ?, fee = ?,
              languages = ?, paperless = ?, documents_public = ?, practical_info = ?, registration_deadline = ?,
              contribution_deadline = ?, visa_deadline = ?, late_policy = ?
            WHERE id = ?""")
        .params(d.code(), d.draft().startDate(), d.draft().endDate(), d.zone().getId(), d.draft().venueName(),
            d.draft().venueAddress(), d.draft().venueCode(), time(d.draft().openingTime()),
            time(d.draft().deskOpensAt()), d.draft().deskPlace(), d.draft().fee(), d.draft().languages(),
            d.draft().paperless(), d.draft().documentsPublic(), d.draft().practicalInfo(), utc(d.registration()),
            utc(d.contributions()), utc(d.visa()), d.draft().latePolicy().name(), id.value())
        .update();
    replaceVenueLists(id, d.draft());
  }

  /** Takes the meeting's row lock until the transaction ends: one agenda edit at a time per meeting. */
  void lock(MeetingId id) {
    jdbc.sql("SELECT id FROM meetings WHERE id = ? FOR UPDATE").param(id.value()).query(Long.class).list();
  }

  /** The ids of the meeting's agenda items, in order. */
  List<Long> agendaItemIds(MeetingId id) {
    return jdbc.sql("SELECT id FROM meeting_agenda_items WHERE meeting_id = ? ORDER BY ordinal").param(id.value())
        .query(Long.class).list();
  }

  /**
   * Makes the agenda {@code agenda}, in that order: items with an id are updated in place (they keep
   * their id), items without one are added, and the meeting's other items are removed.
   */
  List<Long> replaceAgenda(MeetingId id, List<AgendaItem> agenda) {
    var kept = agenda.stream().map(AgendaItem::id).filter(Objects::nonNull).toList();
    for (Long old : agendaItemIds(id)) {
      if (!kept.contains(old)) {
        jdbc.sql("DELETE FROM meeting_agenda_items WHERE id = ? AND meeting_id = ?").params(old, id.value()).update();
      }
    }
    var ids = new java.util.ArrayList<Long>();
    for (int i = 0; i < agenda.size(); i++) {
      AgendaItem item = agenda.get(i);
      if (item.id() == null) {
        var key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO meeting_agenda_items (meeting_id, ordinal, title, description) VALUES (?, ?, ?, ?)")
            .params(id.value(), i, item.title(), item.description()).update(key, "id");
        ids.add(key.getKey().longValue());
      } else {
        jdbc.sql("UPDATE meeting_agenda_items SET ordinal = ?, title = ?, description = ? WHERE id = ? AND meeting_id = ?")
            .params(i, item.title(), item.description(), item.id(), id.value()).update();
        ids.add(item.id());
      }
    }
    return ids;
  }

  /** Records that the meeting changed (scheduled, edited, its agenda replaced). */
  void touch(MeetingId id, Instant at) {
    jdbc.sql("UPDATE meetings SET changed_at = ?, edit_version = edit_version + 1 WHERE id = ?")
        .params(utc(at), id.value()).update();
  }

  /** The meeting's version: one more at every change ({@link #touch}). */
  Optional<Long> version(MeetingId id) {
    return jdbc.sql("SELECT edit_version FROM meetings WHERE id = ?").param(id.value()).query(Long.class).optional();
  }

  Optional<Instant> changedAt(MeetingId id) {
    return jdbc.sql("SELECT changed_at FROM meetings WHERE id = ?").param(id.value())
        .query((rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant()).optional();
  }

  Optional<Meeting> find(GroupId group, String code) {
    return jdbc.sql(SELECT + " WHERE group_id = ? AND code = ?").params(group.value(), code)
        .query(this::meeting).optional().map(this::withLists);
  }

  Optional<Meeting> find(MeetingId id) {
    return jdbc.sql(SELECT + " WHERE id = ?").param(id.value()).query(this::meeting).optional().map(this::withLists);
  }

  /** What the group's meetings are at: each one's id, version and last change, in id order (one short read). */
  List<String> versionsOfGroup(GroupId group) {
    return jdbc.sql("SELECT id, edit_version, changed_at FROM meetings WHERE group_id = ? ORDER BY id")
        .param(group.value()).query((rs, n) -> rs.getLong(1) + ":" + rs.getLong(2) + ":" + rs.getString(3)).list();
  }

  List<Meeting> ofGroup(GroupId group) {
    return jdbc.sql(SELECT + " WHERE group_id = ? ORDER BY start_date").param(group.value()).query(this::meeting).list().stream().map(this::withLists).toList();
  }

  /**
   * One page of the group's meetings read by key, in (start date, id) order: the page and one more after the key
   * (served by the index on group, start date and id), each with its lists.
   */
  org.plenary.shared.Paged<Meeting> ofGroup(GroupId group, org.plenary.shared.Paged.Asked asked) {
    var after = asked.after();
    var query = after == null
        ? jdbc.sql(SELECT + " WHERE group_id = ? ORDER BY start_date, id LIMIT ?").params(group.value(), asked.read())
        : jdbc.sql(SELECT + " WHERE group_id = ? AND (start_date > ? OR (start_date = ? AND id > ?))"
                + " ORDER BY start_date, id LIMIT ?")
            .params(group.value(), after.sortAs(LocalDate::parse), after.sortAs(LocalDate::parse), after.id(), asked.read());
    return asked.keyset(query.query((rs, n) -> {
      Meeting meeting = meeting(rs, n);
      return new org.plenary.shared.Paged.Keyed<>(
          new org.plenary.shared.Paged.Key(meeting.startDate().toString(), meeting.id().value()), meeting);
    }).list()).map(this::withLists);
  }

  /** Meetings not yet over on {@code today} (an upper bound; callers compare in each meeting's zone). */
  List<Meeting> endingOnOrAfter(LocalDate today) {
    return jdbc.sql(SELECT + " WHERE end_date >= ? ORDER BY start_date").param(today).query(this::meeting).list().stream().map(this::withLists).toList();
  }

  boolean codeTaken(GroupId group, String code, MeetingId except) {
    return jdbc.sql("SELECT COUNT(*) FROM meetings WHERE group_id = ? AND code = ? AND id <> ?")
        .params(group.value(), code, except == null ? -1 : except.value()).query(Long.class).single() > 0;
  }

  Optional<LocalDate> firstStart(GroupId group) {
    return jdbc.sql("SELECT MIN(start_date) FROM meetings WHERE group_id = ?").param(group.value())
        .query((rs, n) -> rs.getObject(1, LocalDate.class)).optional();
  }

  private void replaceVenueLists(MeetingId id, MeetingDraft draft) {
    jdbc.sql("DELETE FROM meeting_collocations WHERE meeting_id = ?").param(id.value()).update();
    for (int i = 0; i < draft.collocated().size(); i++) {
      jdbc.sql("INSERT INTO meeting_collocations (meeting_id, ordinal, name) VALUES (?, ?, ?)")
          .params(id.value(), i, draft.collocated().get(i)).update();
    }
    replaceHotels(id, draft.hotels());
  }

  /**
   * Hotels with an id of this meeting keep it (edited and moved in place); the others are new, and
   * hotels left out are removed. An id of another meeting's hotel never touches that hotel.
   */
  private void replaceHotels(MeetingId id, List<Hotel> hotels) {
    var kept = new java.util.ArrayList<Long>();
    for (int i = 0; i < hotels.size(); i++) {
      Hotel h = hotels.get(i);
      int updated = h.id() == null ? 0 : jdbc.sql("""
              UPDATE meeting_hotel_offers SET ordinal = ?, name = ?, address = ?, phone = ?, email = ?, single_rate = ?,
              double_rate = ? WHERE id = ? AND meeting_id = ?""")
          .params(i, h.name(), h.address(), h.phone(), h.email(), h.singleRate(), h.doubleRate(), h.id(), id.value())
          .update();
      if (updated == 1) {
        kept.add(h.id());
        continue;
      }
      var key = new org.springframework.jdbc.support.GeneratedKeyHolder();
      jdbc.sql("""
              INSERT INTO meeting_hotel_offers (meeting_id, ordinal, name, address, phone, email, single_rate, double_rate)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
          .params(id.value(), i, h.name(), h.address(), h.phone(), h.email(), h.singleRate(), h.doubleRate())
          .update(key, "id");
      kept.add(key.getKey().longValue());
    }
    jdbc.sql("SELECT id FROM meeting_hotel_offers WHERE meeting_id = ?").param(id.value()).query(Long.class).list()
        .stream().filter(old -> !kept.contains(old))
        .forEach(old -> jdbc.sql("DELETE FROM meeting_hotel_offers WHERE id = ?").param(old).update());
  }

  private Meeting meeting(ResultSet rs, int row) throws SQLException {
    return new Meeting(new MeetingId(rs.getLong("id")), new GroupId(rs.getLong("group_id")), rs.getString("code"),
        rs.getObject("start_date", LocalDate.class), rs.getObject("end_date", LocalDate.class),
        ZoneId.of(rs.getString("time_zone")), rs.getString("venue_name"), rs.getString("venue_address"),
        rs.getString("venue_code"), localTime(rs, "opening_time"), localTime(rs, "desk_opens_at"),
        rs.getString("desk_place"), rs.getString("fee"), rs.getString("languages"), rs.getBoolean("paperless"),
        rs.getBoolean("documents_public"), rs.getString("practical_info"), instant(rs, "registration_deadline"),
        instant(rs, "contribution_deadline"), instant(rs, "visa_deadline"),
        LatePolicy.valueOf(rs.getString("late_policy")), List.of(), List.of(), List.of(), java.util.Map.of());
  }

  /**
   * The meeting with its collocations, hotels and agenda, read after the meeting's own row: a query
   * inside a row mapper would need a second connection while the first is held.
   */
  private Meeting withLists(Meeting m) {
    long id = m.id().value();
    var titles = translations.agendaTitles(m.id());
    return new Meeting(m.id(), m.groupId(), m.code(), m.startDate(), m.endDate(), m.timeZone(), m.venueName(),
        m.venueAddress(), m.venueCode(), m.openingTime(), m.deskOpensAt(), m.deskPlace(), m.fee(), m.languages(),
        m.paperless(), m.documentsPublic(), m.practicalInfo(), m.registrationDeadline(), m.contributionDeadline(),
        m.visaDeadline(), m.latePolicy(),
        jdbc.sql("SELECT name FROM meeting_collocations WHERE meeting_id = ? ORDER BY ordinal").param(id)
            .query(String.class).list(),
        jdbc.sql("""
                SELECT id, name, address, phone, email, single_rate, double_rate FROM meeting_hotel_offers
                WHERE meeting_id = ? ORDER BY ordinal""").param(id)
            .query((h, n) -> new Hotel(h.getLong(1), h.getString(2), h.getString(3), h.getString(4), h.getString(5),
                h.getString(6), h.getString(7))).list(),
        jdbc.sql("SELECT id, title, description FROM meeting_agenda_items WHERE meeting_id = ? ORDER BY ordinal")
            .param(id).query((a, n) -> new AgendaItem(a.getLong(1), a.getString(2), a.getString(3),
                titles.getOrDefault(a.getLong(1), java.util.Map.of()))).list(),
        translations.of(m.id()));
  }

  private static Time time(LocalTime time) {
    return time == null ? null : Time.valueOf(time);
  }

  private static LocalTime localTime(ResultSet rs, String column) throws SQLException {
    Time time = rs.getTime(column);
    return time == null ? null : time.toLocalTime();
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
