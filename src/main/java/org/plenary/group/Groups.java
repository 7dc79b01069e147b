package org.plenary.group;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The SQL of groups and their sections, leaders and milestones. */
@Repository
class Groups {

  private static final String SELECT = """
      SELECT g.id, g.slug, g.acronym, g.name, p.slug AS parent_slug, g.established_by, g.working_language,
        g.lifetime_months, g.contact_email, g.mailing_list, g.first_meeting_on
      FROM plenary_groups g LEFT JOIN plenary_groups p ON p.id = g.parent_id""";

  private final JdbcClient jdbc;

  Groups(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A leader row as stored: the account by id, resolved to a username by the caller. */
  record LeaderRow(LeaderRole role, String personName, String organization, String countryCode, Long accountId) {}

  record GroupRow(GroupId id, String slug, String acronym, String name, String parentSlug, String establishedBy,
      String workingLanguage, int lifetimeMonths, String contactEmail, String mailingList, LocalDate firstMeetingOn) {}

  List<GroupRow> all() {
    return jdbc.sql(SELECT + " ORDER BY g.acronym").query(this::row).list();
  }

  /**
   * One page of the groups read by key, in (acronym, id) order (the index on both serves it): the page and one more
   * after the key.
   */
  org.plenary.shared.Paged<GroupRow> page(org.plenary.shared.Paged.Asked asked) {
    var after = asked.after();
    var query = after == null
        ? jdbc.sql(SELECT + " ORDER BY g.acronym, g.id LIMIT ?").param(asked.read())
        : jdbc.sql(SELECT + " WHERE g.acronym > ? OR (g.acronym = ? AND g.id > ?) ORDER BY g.acronym, g.id LIMIT ?")
            .params(after.sort(), after.sort(), after.id(), asked.read());
    return asked.keyset(query.query((rs, n) -> {
      GroupRow row = row(rs, n);
      return new org.plenary.shared.Paged.Keyed<>(new org.plenary.shared.Paged.Key(row.acronym(), row.id().value()), row);
    }).list());
  }

  Optional<GroupRow> find(String slug) {
    return jdbc.sql(SELECT + " WHERE g.slug = ?").param(slug).query(this::row).optional();
  }

  Optional<GroupRow> find(GroupId id) {
    return jdbc.sql(SELECT + " WHERE g.id = ?").param(id.value()).query(this::row).optional();
  }

  Optional<GroupId> idOf(String slug) {
    return jdbc.sql("SELECT id FROM plenary_groups WHERE slug = ?").param(slug)
        .query((rs, n) -> new GroupId(rs.getLong(1))).optional();
  }

  GroupId insert(GroupDraft draft, GroupId parent) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql("""
            INSERT INTO plenary_groups (slug, acronym, name, parent_id, established_by, working_language,
              lifetime_months, contact_email, mailing_list)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(draft.slug(), draft.acronym(), draft.name(), parent == null ? null : parent.value(),
            draft.establishedBy(), draft.workingLanguage(), draft.lifetimeMonths(), draft.contactEmail(),
            draft.mailingList())
        .update(keys, "id");
    return new GroupId(keys.getKey().longValue());
  }

  void update(GroupId id, GroupDraft draft, GroupId parent) {
    jdbc.sql("""
            UPDATE plenary_groups SET acronym = ?, name = ?, parent_id = ?, established_by = ?,
              working_language = ?, lifetime_months = ?, contact_email = ?, mailing_list = ?,
              edit_version = edit_version + 1
            WHERE id = ?""")
        .params(draft.acronym(), draft.name(), parent == null ? null : parent.value(), draft.establishedBy(),
            draft.workingLanguage(), draft.lifetimeMonths(), draft.contactEmail(), draft.mailingList(), id.value())
        .update();
  }

  /** Holds the group's row until the transaction ends: edits of one group are made one after the other. */
  void lock(GroupId id) {
    jdbc.sql("SELECT id FROM plenary_groups WHERE id = ? FOR UPDATE").param(id.value()).query(Long.class).list();
  }

  /** The group's version: one more at every edit of its details, terms of reference, leaders, milestones or translations. */
  java.util.Optional<Long> version(GroupId id) {
    return jdbc.sql("SELECT edit_version FROM plenary_groups WHERE id = ?").param(id.value()).query(Long.class).optional();
  }

  /**
   * The start of the group's first meeting, which starts its lifetime: a new one is a new version of the group as
   * shown (its ETag), so that a reader who kept the group is not told by a 304 that its lifetime still runs as it did.
   */
  void setFirstMeeting(GroupId id, LocalDate firstMeetingOn) {
    Date on = firstMeetingOn == null ? null : Date.valueOf(firstMeetingOn);
    jdbc.sql("""
            UPDATE plenary_groups SET first_meeting_on = ?, edit_version = edit_version + 1
            WHERE id = ? AND first_meeting_on IS DISTINCT FROM CAST(? AS DATE)""")
        .params(on, id.value(), on).update();
  }

  void replaceChildren(GroupId id, List<Section> sections, List<LeaderRow> leaders, List<Milestone> milestones) {
    for (String table : List.of("group_sections", "group_leaders", "group_milestones")) {
      jdbc.sql("DELETE FROM " + table + " WHERE group_id = ?").param(id.value()).update();
    }
    for (int i = 0; i < sections.size(); i++) {
      jdbc.sql("INSERT INTO group_sections (group_id, ordinal, heading, body) VALUES (?, ?, ?, ?)")
          .params(id.value(), i, sections.get(i).heading(), sections.get(i).body()).update();
    }
    for (int i = 0; i < leaders.size(); i++) {
      LeaderRow leader = leaders.get(i);
      jdbc.sql("""
              INSERT INTO group_leaders (group_id, ordinal, role, person_name, organization, country_code, account_id)
              VALUES (?, ?, ?, ?, ?, ?, ?)""")
          .params(id.value(), i, leader.role().name(), leader.personName(), leader.organization(),
              leader.countryCode(), leader.accountId())
          .update();
    }
    for (int i = 0; i < milestones.size(); i++) {
      jdbc.sql("INSERT INTO group_milestones (group_id, ordinal, due_on, title) VALUES (?, ?, ?, ?)")
          .params(id.value(), i, Date.valueOf(milestones.get(i).dueOn()), milestones.get(i).title()).update();
    }
  }

  List<Section> sections(GroupId id) {
    return jdbc.sql("SELECT heading, body FROM group_sections WHERE group_id = ? ORDER BY ordinal")
        .param(id.value()).query((rs, n) -> new Section(rs.getString(1), rs.getString(2))).list();
  }

  List<LeaderRow> leaders(GroupId id) {
    return jdbc.sql("""
            SELECT role, person_name, organization, country_code, account_id FROM group_leaders
            WHERE group_id = ? ORDER BY ordinal""")
        .param(id.value())
        .query((rs, n) -> new LeaderRow(LeaderRole.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3),
            rs.getString(4), rs.getObject(5) == null ? null : rs.getLong(5)))
        .list();
  }

  List<Milestone> milestones(GroupId id) {
    return jdbc.sql("SELECT due_on, title FROM group_milestones WHERE group_id = ? ORDER BY ordinal")
        .param(id.value())
        .query((rs, n) -> new Milestone(rs.getObject(1, LocalDate.class), rs.getString(2))).list();
  }

  /**
   * One page of the group's milestones read by key, in (due date, title) order: the key's sort is the date and the
   * title ({@code 2010-12-31 First draft}), its id the milestone's place in the form (ties of the same date and title).
   */
  org.plenary.shared.Paged<Milestone> milestones(GroupId id, org.plenary.shared.Paged.Asked asked) {
    var after = asked.after();
    String select = "SELECT ordinal, due_on, title FROM group_milestones WHERE group_id = ?";
    String order = " ORDER BY due_on, title, ordinal LIMIT ?";
    var query = after == null
        ? jdbc.sql(select + order).params(id.value(), asked.read())
        : jdbc.sql(select + " AND (due_on > ? OR (due_on = ? AND title > ?) OR (due_on = ? AND title = ? AND ordinal > ?))"
            + order).params(id.value(), afterDay(after), afterDay(after), afterTitle(after), afterDay(after),
            afterTitle(after), after.id(), asked.read());
    return asked.keyset(query.query((rs, n) -> {
      var milestone = new Milestone(rs.getObject(2, LocalDate.class), rs.getString(3));
      return new org.plenary.shared.Paged.Keyed<>(
          new org.plenary.shared.Paged.Key(milestone.dueOn() + " " + milestone.title(), rs.getInt(1)), milestone);
    }).list());
  }

  /** The due date a milestone's key names; a key of another shape is a cursor no page of milestones gave. */
  private static Date afterDay(org.plenary.shared.Paged.Key key) {
    try {
      return Date.valueOf(LocalDate.parse(key.sort().substring(0, 10)));
    } catch (RuntimeException e) {
      throw org.plenary.shared.InvalidInputException.of("cursor", "common", "common.page.cursor", "");
    }
  }

  private static String afterTitle(org.plenary.shared.Paged.Key key) {
    afterDay(key);
    return key.sort().length() > 11 ? key.sort().substring(11) : "";
  }

  private GroupRow row(ResultSet rs, int n) throws SQLException {
    return new GroupRow(new GroupId(rs.getLong("id")), rs.getString("slug"), rs.getString("acronym"),
        rs.getString("name"), rs.getString("parent_slug"), rs.getString("established_by"),
        rs.getString("working_language"), rs.getInt("lifetime_months"), rs.getString("contact_email"),
        rs.getString("mailing_list"), rs.getObject("first_meeting_on", LocalDate.class));
  }

}
