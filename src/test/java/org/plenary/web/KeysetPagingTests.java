package org.plenary.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.plenary.RowsRead;
import org.plenary.contribution.DemoApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A list read by key reads its page from the database, not the whole list: over 5,000 audit entries (and 5,000
 * account changes) a page of 10 reads at most 11 rows, counted on the real connection ({@link RowsRead}); a row added
 * between two pages comes on a later page, none is skipped or given twice; a cursor no page gave is a 400 naming
 * {@code cursor}. Over a real port, on H2 here and on PostgreSQL in {@link PostgresKeysetPagingTests}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-keyset-paging;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}", "plenary.ftp.enabled=false", "plenary.catalog.cache-time=1s"})
@ActiveProfiles("demo")
@Import(RowsRead.class)
class KeysetPagingTests {

  private static final int MANY = 5_000;

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  private final HttpClient http = HttpClient.newHttpClient();
  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void aPageOfTheAuditTrailReadsThePageAndOneMoreAndMissesNothingAddedMeanwhile() throws Exception {
    var api = new DemoApi(http, port);
    String alice = api.token("alice");
    String number = api.allocate(alice, "Five thousand actions");
    long id = jdbc.queryForObject("SELECT id FROM contributions WHERE number = ?", Long.class, number);
    IntConsumer add = i -> jdbc.update("INSERT INTO contribution_events (contribution_id, action, actor, occurred_at,"
        + " detail) VALUES (?, 'NOTE', 'alice', ?, ?)", id, Timestamp.from(Instant.now()), "entry " + i);
    jdbc.batchUpdate("INSERT INTO contribution_events (contribution_id, action, actor, occurred_at, detail)"
        + " VALUES (?, 'NOTE', 'alice', ?, ?)", IntStream.range(0, MANY)
        .mapToObj(i -> new Object[] {id, Timestamp.from(Instant.now()), "entry " + i}).toList());

    pagesReadByKey(api, alice, "/api/v1/contributions/" + number + "/audit", "contribution_events",
        "contribution_id = " + id, add, "detail");
  }

  @Test
  void aPageOfAnAccountsChangesReadsThePageAndOneMoreAndMissesNothingAddedMeanwhile() throws Exception {
    var api = new DemoApi(http, port);
    long bob = jdbc.queryForObject("SELECT id FROM accounts WHERE username = 'bob'", Long.class);
    IntConsumer add = i -> jdbc.update("INSERT INTO account_changes (account_id, field, old_value, new_value,"
        + " changed_by, changed_at) VALUES (?, 'organization', NULL, ?, 'tsb', ?)", bob, "change " + i,
        Timestamp.from(Instant.now()));
    jdbc.batchUpdate("INSERT INTO account_changes (account_id, field, old_value, new_value, changed_by, changed_at)"
        + " VALUES (?, 'organization', NULL, ?, 'tsb', ?)", IntStream.range(0, MANY)
        .mapToObj(i -> new Object[] {bob, "change " + i, Timestamp.from(Instant.now())}).toList());

    pagesReadByKey(api, api.token("tsb"), "/api/v1/accounts/bob/changes", "account_changes", "account_id = " + bob,
        add, "to");
  }

  /**
   * The milestones are in date order: one added after the first page with an earlier date than that page's is on no
   * later page (by position it shifted every row and the next page gave the first page's last one again), one with a
   * later date comes at its place; every milestone once.
   */
  @Test
  void milestonesAddedBetweenPagesAreNeitherSkippedNorGivenTwice() throws Exception {
    var api = new DemoApi(http, port);
    long cloud = jdbc.queryForObject("SELECT id FROM plenary_groups WHERE slug = 'cloud'", Long.class);
    IntConsumer add = i -> jdbc.update("INSERT INTO group_milestones (group_id, ordinal, due_on, title) VALUES (?, ?, ?, ?)",
        cloud, 1000 + i, java.sql.Date.valueOf(java.time.LocalDate.of(2040, 1, 1).plusDays(i)), "Paged step " + i);
    IntStream.range(0, 40).forEach(add);
    Thread.sleep(1_100); // past the group's cache (1 s here), which a list read from the group would answer from
    var seen = new ArrayList<String>();
    String next = "/api/v1/groups/cloud/milestones?limit=10";
    for (int pages = 0; next != null; pages++) {
      // no bound on rows read here: the group itself (GroupCatalog, cached 1 s here) still loads its milestones whole
      HttpResponse<String> page = get(api, api.token("alice"), next);
      assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
      json.readTree(page.body()).forEach(m -> seen.add(m.path("title").asString("")));
      next = page.headers().firstValue("Link").map(l -> l.replaceAll("<([^>]+)>.*", "$1")).orElse(null);
      if (pages == 3) {
        jdbc.update("INSERT INTO group_milestones (group_id, ordinal, due_on, title) VALUES (?, 2000, ?, 'Earlier')",
            cloud, java.sql.Date.valueOf("2040-01-02"));
        add.accept(45);
        Thread.sleep(1_100);
      }
    }
    assertThat(seen).doesNotHaveDuplicates().doesNotContain("Earlier").contains("Paged step 45");
    assertThat(seen.stream().filter(t -> t.startsWith("Paged step")).toList()).containsExactlyElementsOf(
        IntStream.of(IntStream.concat(IntStream.range(0, 40), IntStream.of(45)).toArray())
            .mapToObj(i -> "Paged step " + i).toList());
  }

  /**
   * The lists read whole and sliced in Java before read one page and one more by key in SQL: walked 2 at a time,
   * each page reads at most 3 rows of its table (the whole list before: each list is given 30 more rows here, meetings
   * all starting the same day; a page of milestones reads the deliverables
   * serving its milestones, not the group's 30 more); a row added after the first page comes
   * once, where its key puts it, and no row comes twice.
   */
  /**
   * The deliverables' feed shows the 50 newest changes a reader may see: it reads them a batch at a time from the
   * newest, not the group's whole history (3,000 changes here), and still skips those the reader may not see (a
   * version whose output document no reader has) without their taking a place among the 50.
   */
  @Test
  void theDeliverablesFeedReadsAboutWhatItShowsNotTheWholeHistory() throws Exception {
    long cloud = jdbc.queryForObject("SELECT id FROM plenary_groups WHERE slug = 'cloud'", Long.class);
    jdbc.update("INSERT INTO deliverables (group_id, title, kind, state, created_at) VALUES (?, 'Busy deliverable',"
        + " 'GUIDELINE', 'DRAFT', ?)", cloud, Timestamp.from(Instant.now()));
    long id = jdbc.queryForObject("SELECT MAX(id) FROM deliverables WHERE title = 'Busy deliverable'", Long.class);
    String insert = "INSERT INTO deliverable_events (deliverable_id, action, actor, occurred_at, detail) VALUES (?, ?,"
        + " 'chair', ?, ?)";
    jdbc.batchUpdate(insert, IntStream.range(0, 3_000).mapToObj(i -> new Object[] {id, "RENAMED",
        Timestamp.from(Instant.now()), "old change " + i}).toList());
    // The newest: 60 changes, between them 120 versions of output documents nobody may read.
    var newest = new ArrayList<Object[]>();
    for (int i = 0; i < 60; i++) {
      newest.add(new Object[] {id, "RENAMED", Timestamp.from(Instant.now()), "new change " + i});
      for (int hidden = 0; hidden < (i % 10 == 0 ? 20 : 0); hidden++) {
        newest.add(new Object[] {id, "VERSION", Timestamp.from(Instant.now()), "FG-Nobody-O-" + i + "-" + hidden});
      }
    }
    jdbc.batchUpdate(insert, newest);

    RowsRead.reset();
    var feed = http.send(HttpRequest.newBuilder(new DemoApi(http, port).url("/groups/cloud/deliverables.atom")).GET()
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(feed.statusCode()).isEqualTo(200);
    assertThat(RowsRead.from("deliverable_events")).as("changes read for a feed of 50").isLessThan(600);
    assertThat(feed.body()).doesNotContain("FG-Nobody-O-", "old change ");
    var shown = java.util.regex.Pattern.compile("new change (\\d+)").matcher(feed.body()).results()
        .map(m -> Integer.parseInt(m.group(1))).distinct().toList();
    assertThat(shown).as("the 50 newest changes, newest first")
        .containsExactlyElementsOf(IntStream.iterate(59, i -> i >= 10, i -> i - 1).boxed().toList());
  }

  @Test
  void everyListReadsItsPageAndOneMoreByKeyAndGivesEachRowOnce() throws Exception {
    var api = new DemoApi(http, port);
    String tsb = api.token("tsb");
    long cloud = jdbc.queryForObject("SELECT id FROM plenary_groups WHERE slug = 'cloud'", Long.class);
    IntConsumer group = i -> jdbc.update("INSERT INTO plenary_groups (slug, acronym, name, working_language,"
        + " lifetime_months) VALUES (?, ?, ?, 'English', 12)", "zz-paged-" + i, "ZZ-" + (1000 + i), "Paged " + i);
    IntConsumer deliverable = i -> jdbc.update("INSERT INTO deliverables (group_id, title, kind, state, created_at)"
        + " VALUES (?, ?, 'GUIDELINE', 'DRAFT', ?)", cloud, "Paged deliverable " + i, Timestamp.from(Instant.now()));
    IntStream.range(0, 30).forEach(group);
    IntStream.range(0, 30).forEach(deliverable);
    IntConsumer account = i -> jdbc.update("INSERT INTO accounts (username, email, email_key, display_name,"
        + " password_hash, created_at) VALUES (?, ?, ?, ?, 'x', ?)", "zz-paged-" + i, "zz" + i + "@example.org",
        "zz" + i + "@example.org", "Paged " + i, Timestamp.from(Instant.now()));
    IntStream.range(0, 30).forEach(account);
    // 30 meetings starting the same day (their ids place them), the first with 30 registrations and 30 circulars
    Timestamp deadline = Timestamp.from(Instant.parse("2040-12-01T00:00:00Z"));
    IntConsumer meeting = i -> jdbc.update("INSERT INTO meetings (group_id, code, start_date, end_date, time_zone,"
        + " venue_name, venue_code, languages, paperless, documents_public, registration_deadline, contribution_deadline,"
        + " visa_deadline) VALUES (?, ?, ?, ?, 'Europe/Zurich', 'Paged venue', 'gva', 'English', FALSE, TRUE, ?, ?, ?)",
        cloud, "zz-paged-" + i, java.sql.Date.valueOf("2041-01-07"), java.sql.Date.valueOf("2041-01-09"), deadline,
        deadline, deadline);
    IntStream.range(0, 30).forEach(meeting);
    long paged = jdbc.queryForObject("SELECT id FROM meetings WHERE code = 'zz-paged-0'", Long.class);
    IntConsumer registration = i -> jdbc.update("INSERT INTO registrations (meeting_id, account_id, full_name, email,"
        + " category, country_code, first_time, attendance, status, submitted_at) SELECT ?, id, ?, email, 'MEMBER', 'FR',"
        + " FALSE, 'IN_PERSON', 'SUBMITTED', ? FROM accounts WHERE username = ?", paged, "Paged person " + i,
        Timestamp.from(Instant.now()), "zz-paged-" + i);
    IntStream.range(0, 29).forEach(registration);
    IntConsumer circular = i -> jdbc.update("INSERT INTO meeting_circulars (meeting_id, kind, number, dated, signatory,"
        + " signatory_title, status, created_at) VALUES (?, 'CIRCULAR', ?, ?, 'Paged', 'Paged', 'DRAFT', ?)", paged,
        "ZZ/" + i, java.sql.Date.valueOf("2040-11-01"), Timestamp.from(Instant.now()));
    IntStream.range(0, 30).forEach(circular);
    try {
      assertThat(walked(api, tsb, "/api/v1/groups", "plenary_groups", "slug", () -> group.accept(99)))
          .contains("zz-paged-99");
      assertThat(walked(api, tsb, "/api/v1/groups/cloud/deliverables", "deliverables", "title",
          () -> deliverable.accept(99))).contains("Paged deliverable 99");
      assertThat(walked(api, tsb, "/api/v1/accounts", "accounts", "username", () -> account.accept(99)))
          .contains("zz-paged-99");
      RowsRead.reset();
      assertThat(get(api, tsb, "/api/v1/groups/cloud/milestones?limit=2").statusCode()).isEqualTo(200);
      assertThat(RowsRead.mostByOneStatement("deliverables")).as("deliverables read for a page of 2 milestones")
          .isLessThan(30);
      assertThat(walked(api, tsb, "/api/v1/groups/cloud/meetings", "meetings", "code", () -> meeting.accept(99)))
          .endsWith("zz-paged-99");
      String of = "/api/v1/groups/cloud/meetings/zz-paged-0/";
      assertThat(walked(api, tsb, of + "registrations", "registrations", "fullName", () -> registration.accept(29)))
          .contains("Paged person 29");
      assertThat(walked(api, tsb, of + "circulars", "meeting_circulars", "number", () -> circular.accept(99)))
          .endsWith("ZZ/99");
    } finally {
      jdbc.update("DELETE FROM meeting_circulars WHERE number LIKE 'ZZ/%'");
      jdbc.update("DELETE FROM registrations WHERE full_name LIKE 'Paged person %'");
      jdbc.update("DELETE FROM meetings WHERE code LIKE 'zz-paged-%'");
      jdbc.update("DELETE FROM deliverables WHERE title LIKE 'Paged deliverable %'");
      jdbc.update("DELETE FROM plenary_groups WHERE slug LIKE 'zz-paged-%'");
      jdbc.update("DELETE FROM accounts WHERE username LIKE 'zz-paged-%'");
    }
  }

  /**
   * The three lists read whole and cut in Java before read a page and one more by key in SQL too: organizations in
   * the reader's alphabetical order (ICU's, as the pages sort, from the sort keys stored with each: French accents,
   * Ё with Е in Russian, pinyin in Chinese, each walk exactly as {@link org.plenary.shared.Names#sorted} orders the
   * names), a meeting's outputs among as many inputs (filtered in the SQL: each page of 2 is full), the terms with
   * their {@code q}. Walked 2 at a time each page reads at most 3 rows of its table; a row added after the first page
   * comes once where its key puts it, one added before the page given on no later page.
   */
  @Test
  void organizationsOutputsAndTermsReadTheirPageAndOneMoreByKey() throws Exception {
    var api = new DemoApi(http, port);
    String tsb = api.token("tsb");
    long cloud = jdbc.queryForObject("SELECT id FROM plenary_groups WHERE slug = 'cloud'", Long.class);
    List<String> names = List.of("cote", "côte", "coté", "côtes", "Côtier", "Ēa", "Eb", "Ea", "Ёж", "Еж", "Ez", "Öl",
        "Ol", "Om", "zebra", "Zèbre", "Éclair", "Eclairs", "Ångström", "Angstroms", "ñandú", "nandus", "中国", "北京",
        "上海", "عربي", "ابجد", "Œuf", "Oeufs", "ǅemal");
    for (String name : names) {
      organization(tsb, "Keyset " + name);
    }
    Timestamp now = Timestamp.from(Instant.now());
    Timestamp deadline = Timestamp.from(Instant.parse("2040-12-01T00:00:00Z"));
    jdbc.update("INSERT INTO meetings (group_id, code, start_date, end_date, time_zone, venue_name, venue_code, languages,"
        + " paperless, documents_public, registration_deadline, contribution_deadline, visa_deadline) VALUES (?,"
        + " 'zz-outputs', ?, ?, 'Europe/Zurich', 'Paged venue', 'gva', 'English', FALSE, FALSE, ?, ?, ?)", cloud,
        java.sql.Date.valueOf("2041-01-07"), java.sql.Date.valueOf("2041-01-09"), deadline, deadline, deadline);
    long meeting = jdbc.queryForObject("SELECT id FROM meetings WHERE code = 'zz-outputs'", Long.class);
    long by = jdbc.queryForObject("SELECT id FROM accounts WHERE username = 'tsb'", Long.class);
    java.util.function.BiConsumer<String, Integer> document = (series, i) -> {
      String number = "FG-Cloud-" + series + "-9" + (100 + i);
      jdbc.update("INSERT INTO contributions (group_id, meeting_id, seq_no, number, number_key, title, source,"
          + " allocated_by, allocated_at, series) VALUES (?, ?, ?, ?, ?, ?, 'Walkers', ?, ?, ?)", cloud, meeting,
          90_000 + i, number, number.toUpperCase(java.util.Locale.ROOT), "Paged " + series + " " + i, by, now, series);
      if (series.equals("O")) {
        jdbc.update("INSERT INTO output_documents (contribution_id, output_type) SELECT id, 'MEETING_REPORT' FROM"
            + " contributions WHERE number = ?", number);
      }
    };
    for (int i = 0; i < 30; i++) {
      document.accept("I", i);
      document.accept("O", i);
    }
    IntConsumer term = i -> jdbc.update("INSERT INTO terms (group_id, term, term_order, term_key, definition, status,"
        + " version) VALUES (?, ?, LOWER(?), ?, 'A word paged through.', 'PROPOSED', 1)", cloud, "Keyset term " + i,
        "Keyset term " + i, "keyset term " + i);
    IntStream.range(10, 40).forEach(term);
    try {
      for (String language : List.of("fr", "ru", "zh")) {
        List<String> walked = walked(api, tsb, "/api/v1/organizations", language, "organizations", "name", () -> {});
        assertThat(walked).as(language).containsExactlyElementsOf(org.plenary.shared.Names.sorted(walked, s -> s,
            java.util.Locale.forLanguageTag(language)));
        assertThat(walked).as(language).containsAll(names.stream().map(n -> "Keyset " + n).toList());
      }
      List<String> outputs = walked(api, tsb, "/api/v1/groups/cloud/meetings/zz-outputs/outputs", "en",
          "contributions", "document", () -> document.accept("O", 99));
      assertThat(outputs).hasSize(31).allMatch(o -> o.contains("-O-"));
      assertThat(outputs.getLast()).contains("FG-Cloud-O-9199");
      HttpResponse<String> stranger = http.send(HttpRequest.newBuilder(
          api.url("/api/v1/groups/cloud/meetings/zz-outputs/outputs?limit=2")).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(stranger.statusCode()).as("outputs of a meeting whose documents are private, unsigned").isEqualTo(401);
      assertThat(walked(api, tsb, "/api/v1/groups/cloud/terms", "en", "terms", "term", () -> {
        jdbc.update("INSERT INTO terms (group_id, term, term_order, term_key, definition, status, version) VALUES (?,"
            + " '0 Keyset term early', '0 keyset term early', '0 keyset term early', 'Before.', 'PROPOSED', 1)", cloud);
        term.accept(99);
      })).contains("Keyset term 99").doesNotContain("0 Keyset term early");
      assertThat(walked(api, tsb, "/api/v1/groups/cloud/terms?q=keyset", "en", "terms", "term", () -> {}))
          .hasSize(32).allMatch(t -> t.contains("Keyset term"));
    } finally {
      jdbc.update("DELETE FROM output_documents WHERE contribution_id IN (SELECT id FROM contributions WHERE meeting_id = ?)",
          meeting);
      jdbc.update("DELETE FROM contributions WHERE meeting_id = ?", meeting);
      jdbc.update("DELETE FROM meetings WHERE id = ?", meeting);
      jdbc.update("DELETE FROM terms WHERE term LIKE '%Keyset term %'");
      jdbc.update("DELETE FROM organizations WHERE name LIKE 'Keyset %'");
    }
  }

  /**
   * The terms' ETag is made from the page given: the register in one page is tagged with its version (which
   * {@code If-Match} on its issue names); a part of it with its own rows, so a change of a term on the second page
   * changes that page's tag and not the first's, and no page's tag is another's.
   */
  @Test
  void theTermsETagIsMadeFromThePageGiven() throws Exception {
    var api = new DemoApi(http, port);
    String tsb = api.token("tsb");
    long cloud = jdbc.queryForObject("SELECT id FROM plenary_groups WHERE slug = 'cloud'", Long.class);
    IntConsumer term = i -> jdbc.update("INSERT INTO terms (group_id, term, term_order, term_key, definition, status,"
        + " version) VALUES (?, ?, LOWER(?), ?, 'A tagged word.', 'PROPOSED', 1)", cloud, "Aaa tagged " + i,
        "Aaa tagged " + i, "aaa tagged " + i);
    IntStream.range(0, 4).forEach(term);
    try {
      HttpResponse<String> whole = get(api, tsb, "/api/v1/groups/cloud/terms?limit=1000");
      long sum = 0;
      for (JsonNode t : json.readTree(whole.body())) {
        sum += t.path("version").asLong() + 1;
      }
      assertThat(whole.headers().firstValue("ETag")).hasValue("\"v" + sum + "\"");
      HttpResponse<String> first = get(api, tsb, "/api/v1/groups/cloud/terms?limit=2");
      String second = first.headers().firstValue("Link").orElseThrow().replaceAll("<([^>]+)>.*", "$1");
      String firstTag = first.headers().firstValue("ETag").orElseThrow();
      String secondTag = get(api, tsb, second).headers().firstValue("ETag").orElseThrow();
      assertThat(firstTag).matches("\"v\\d+-p[0-9a-f]{12}\"").isNotEqualTo(secondTag);
      assertThat(secondTag).matches("\"v\\d+-p[0-9a-f]{12}\"");
      jdbc.update("UPDATE terms SET version = version + 1 WHERE term = 'Aaa tagged 2'");
      assertThat(get(api, tsb, "/api/v1/groups/cloud/terms?limit=2").headers().firstValue("ETag")).hasValue(firstTag);
      assertThat(get(api, tsb, second).headers().firstValue("ETag").orElseThrow()).isNotEqualTo(secondTag);
      HttpResponse<String> issued = http.send(HttpRequest.newBuilder(api.url("/api/v1/groups/cloud/terms/issue?meeting=x"))
          .header("Authorization", "Bearer " + tsb).header("If-Match", firstTag)
          .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(issued.statusCode()).as("an issue on a page's tag: " + issued.body()).isEqualTo(412);
    } finally {
      jdbc.update("DELETE FROM terms WHERE term LIKE 'Aaa tagged %'");
    }
  }

  private void organization(String token, String name) throws Exception {
    HttpResponse<String> made = http.send(HttpRequest.newBuilder(new DemoApi(http, port).url("/api/v1/organizations"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(java.util.Map.of("name", name,
            "category", "SECTOR_MEMBER", "countryCode", "CH")))).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(made.statusCode()).as(name + ": " + made.body()).isEqualTo(201);
  }

  /**
   * A cursor forged by someone who knows its shape but not the installation's key (the row's key signed with an
   * unkeyed SHA-256, as cursors were) is refused naming {@code cursor}, on every list read by key.
   */
  @Test
  void aCursorForgedWithoutTheInstallationsKeyIsRefused() throws Exception {
    var api = new DemoApi(http, port);
    String tsb = api.token("tsb");
    long bob = jdbc.queryForObject("SELECT id FROM accounts WHERE username = 'bob'", Long.class);
    String forgedAccount = forged(bob + ":bob");
    String forgedId = forged("1");
    for (String path : List.of("/api/v1/accounts?cursor=" + forgedAccount, "/api/v1/groups/cloud/deliverables?cursor="
        + forgedId, "/api/v1/accounts/bob/changes?cursor=" + forgedId, "/api/v1/organizations?cursor=" + forged("1:en"),
        "/api/v1/groups/cloud/terms?cursor=" + forged("1:keyset"), "/api/v1/groups/cloud/meetings/"
        + api.upcoming() + "/outputs?cursor=" + forged("1:1"))) {
      HttpResponse<String> refused = get(api, tsb, path);
      assertThat(refused.statusCode()).as(path + ": " + refused.body()).isEqualTo(400);
      assertThat(refused.body()).contains("\"cursor\"");
    }
  }

  private static String forged(String key) throws Exception {
    byte[] payload = key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] sum = java.security.MessageDigest.getInstance("SHA-256").digest(payload);
    byte[] all = new byte[6 + payload.length];
    System.arraycopy(sum, 0, all, 0, 6);
    System.arraycopy(payload, 0, all, 6, payload.length);
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(all);
  }

  /**
   * Walks {@code path} 2 at a time: each page reads at most 3 rows of {@code table} in one statement, the list has more than 3 rows
   * (or the bound would show nothing), {@code add} runs after the first page, no row (named by {@code field}) twice.
   */
  private List<String> walked(DemoApi api, String token, String path, String table, String field, Runnable add)
      throws Exception {
    return walked(api, token, path, "en", table, field, add);
  }

  /** {@link #walked} in {@code language} ({@code Accept-Language}). */
  private List<String> walked(DemoApi api, String token, String path, String language, String table, String field,
      Runnable add) throws Exception {
    var seen = new ArrayList<String>();
    String next = path + (path.contains("?") ? "&" : "?") + "limit=2";
    for (int pages = 0; next != null; pages++) {
      RowsRead.reset();
      HttpResponse<String> page = http.send(HttpRequest.newBuilder(api.url(next)).header("Authorization", "Bearer "
          + token).header("Accept-Language", language).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).as(next + ": " + page.body()).isEqualTo(200);
      assertThat(RowsRead.mostByOneStatement(table)).as("rows of %s read for %s", table, next).isLessThanOrEqualTo(3);
      JsonNode rows = json.readTree(page.body());
      if (page.headers().firstValue("Link").isPresent()) {
        assertThat(rows.size()).as("rows of %s, which names a next page", next).isEqualTo(2);
      }
      rows.forEach(r -> seen.add(r.path(field).isString() ? r.path(field).asString() : r.path(field).toString()));
      next = page.headers().firstValue("Link").map(l -> l.replaceAll("<([^>]+)>.*", "$1")).orElse(null);
      if (pages == 0) {
        add.run();
      }
    }
    assertThat(seen).as(path).hasSizeGreaterThan(3).doesNotHaveDuplicates();
    return seen;
  }

  /**
   * Pages {@code path} 10 at a time, then 1,000: each page reads at most one row more than it gives of {@code table}; a row added after the first
   * page ({@code add}) comes last; every entry (named by {@code field}) once, in the order they were added.
   */
  private void pagesReadByKey(DemoApi api, String token, String path, String table, String ofList, IntConsumer add,
      String field) throws Exception {
    long before = jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE " + ofList, Long.class);
    String firstCursor = null;
    var seen = new ArrayList<String>();
    String next = path + "?limit=10";
    int pages = 0;
    while (next != null) {
      RowsRead.reset();
      HttpResponse<String> page = get(api, token, next);
      assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
      int limit = Integer.parseInt(next.replaceAll(".*limit=(\\d+).*", "$1"));
      assertThat(RowsRead.from(table)).as("rows of %s read for %s", table, next).isLessThanOrEqualTo(limit + 1);
      JsonNode rows = json.readTree(page.body());
      assertThat(rows.size()).as(next).isBetween(1, limit);
      rows.forEach(r -> seen.add(r.path(field).asString("")));
      next = page.headers().firstValue("Link").map(l -> l.replaceAll("<([^>]+)>.*", "$1")).orElse(null);
      if (++pages == 1) {
        firstCursor = next.replaceAll(".*cursor=([^&]*).*", "$1");
        add.accept(MANY);
      }
      if (pages == 3) {
        // the rest in one page: the walk's end, still bounded by what it asks for
        next = next.replace("limit=10", "limit=1000");
      }
    }
    assertThat(pages).isGreaterThan(5);
    List<String> added = seen.stream().filter(s -> s.matches("(entry|change) \\d+")).toList();
    assertThat(added).hasSize(MANY + 1).doesNotHaveDuplicates();
    assertThat(added).containsExactlyElementsOf(IntStream.rangeClosed(0, MANY)
        .mapToObj(i -> added.getFirst().replaceAll("\\d+", "") + i).toList());
    assertThat(seen).hasSize((int) before + 1);

    String changed = (firstCursor.charAt(0) == 'A' ? "B" : "A") + firstCursor.substring(1);
    assertThat(get(api, token, path + "?limit=10&cursor=" + firstCursor).statusCode()).isEqualTo(200);
    for (String tampered : List.of("zz", "MTIzNDU2Nzg5MA", "1.2", changed)) {
      HttpResponse<String> refused = get(api, token, path + "?limit=10&cursor=" + tampered);
      assertThat(refused.statusCode()).as(tampered + ": " + refused.body()).isEqualTo(400);
      assertThat(refused.body()).contains("\"cursor\"");
    }
  }

  private HttpResponse<String> get(DemoApi api, String token, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(api.url(path)).header("Authorization", "Bearer " + token).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
