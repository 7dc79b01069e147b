package org.plenary.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class PagedTests {

  record Row(long id, String name) {}

  /** The list as a collection gives it: in its own order (by name here), not by id. */
  private static List<Row> byName(List<Row> rows) {
    return rows.stream().sorted(Comparator.comparing(Row::name)).toList();
  }

  private List<String> walk(int limit, Runnable betweenFirstAndSecond) {
    var seen = new ArrayList<String>();
    String cursor = null;
    int pages = 0;
    do {
      Paged<Row> page = Paged.asked(limit, cursor).of(byName(table), Row::id);
      page.rows().forEach(r -> seen.add(r.name()));
      cursor = page.next();
      if (++pages == 1) {
        betweenFirstAndSecond.run();
      }
    } while (cursor != null);
    return seen;
  }

  private final List<Row> table = new ArrayList<>(List.of(new Row(1, "delta"), new Row(2, "bravo"),
      new Row(3, "foxtrot"), new Row(4, "charlie"), new Row(5, "echo")));

  @Test
  void walksTheListInItsOwnOrderEachRowOnce() {
    assertThat(walk(2, () -> { })).containsExactly("bravo", "charlie", "delta", "echo", "foxtrot");
  }

  @Test
  void aRowAddedBetweenPagesComesOnALaterPageAndNoneIsSkippedOrGivenTwice() {
    // "alpha" sorts before every row the first page gave: by position or by name alone it would be skipped, and an
    // offset would give "charlie" twice.
    assertThat(walk(2, () -> table.add(new Row(6, "alpha"))))
        .containsExactly("bravo", "charlie", "delta", "echo", "foxtrot", "alpha");
  }

  @Test
  void aRowRemovedAfterItsPageIsNotMissedByTheRest() {
    assertThat(walk(2, () -> table.removeIf(r -> r.name().equals("bravo"))))
        .containsExactly("bravo", "charlie", "delta", "echo", "foxtrot");
  }

  @Test
  void aCursorWhoseLastRowWasRemovedOrThatNoPageGaveIsRefusedNamingIt() {
    String next = Paged.asked(2, null).of(byName(table), Row::id).next();
    table.removeIf(r -> r.name().equals("charlie"));
    for (String cursor : List.of(next, "zz", "1.2.3", "-1", "99999999999999999999")) {
      assertThatThrownBy(() -> Paged.asked(2, cursor).of(byName(table), Row::id))
          .isInstanceOfSatisfying(InvalidInputException.class,
              e -> assertThat(e.violations()).extracting(Violation::field).containsExactly("cursor"));
    }
  }

  @Test
  void aLimitOutsideOneToAThousandIsRefusedNamingItAndNoneMeansTheDefault() {
    for (int limit : List.of(0, -1, 1001)) {
      assertThatThrownBy(() -> Paged.asked(limit, null))
          .isInstanceOfSatisfying(InvalidInputException.class,
              e -> assertThat(e.violations()).extracting(Violation::field).containsExactly("limit"));
    }
    var many = new ArrayList<Row>();
    for (int i = 1; i <= 150; i++) {
      many.add(new Row(i, "r" + i));
    }
    Paged<Row> page = Paged.asked(null, null).of(many, Row::id);
    assertThat(page.rows()).hasSize(Paged.DEFAULT_LIMIT);
    assertThat(Paged.asked(null, page.next()).of(many, Row::id).rows()).hasSize(50);
    assertThat(Paged.asked(1000, null).of(many, Row::id).next()).isNull();
  }

  /** What a collection reading by key answers: at most {@code read} rows after {@code after}, in (sort, id) order. */
  private List<Paged.Keyed<Row>> readByKey(Paged.Key after, int read) {
    Comparator<Paged.Key> order = Comparator.comparing(Paged.Key::sort).thenComparingLong(Paged.Key::id);
    return table.stream().map(r -> new Paged.Keyed<>(new Paged.Key(r.name(), r.id()), r))
        .filter(k -> after == null || order.compare(k.key(), after) > 0).sorted(Comparator.comparing(Paged.Keyed::key, order))
        .limit(read).toList();
  }

  @Test
  void aListReadByKeyGivesThePageFromTheRowsAfterTheCursorsKeyAndRefusesACursorNoPageGave() {
    Paged.Asked first = Paged.asked(2, null);
    Paged<Row> page = first.keyset(readByKey(first.after(), first.read()));
    assertThat(page.rows()).extracting(Row::name).containsExactly("bravo", "charlie");
    table.add(new Row(6, "alpha"));
    table.add(new Row(7, "delta"));
    table.removeIf(r -> r.name().equals("charlie"));
    var seen = new ArrayList<String>();
    for (String cursor = page.next(); cursor != null; cursor = page.next()) {
      Paged.Asked asked = Paged.asked(2, cursor);
      page = asked.keyset(readByKey(asked.after(), asked.read()));
      page.rows().forEach(r -> seen.add(r.name()));
    }
    // alpha sorts before the page given: a client that started before it was added does not get it; the second delta
    // (a later id) comes after the first, and no row is given twice
    assertThat(seen).containsExactly("delta", "delta", "echo", "foxtrot");
    String next = Paged.asked(2, null).keyset(readByKey(null, 3)).next();
    String tampered = (next.charAt(0) == 'A' ? "B" : "A") + next.substring(1);
    for (String cursor : List.of(tampered, "zz", "-1", "MTIzNDU2Nzg5MA", "1.2")) {
      assertThatThrownBy(() -> Paged.asked(2, cursor).after())
          .isInstanceOfSatisfying(InvalidInputException.class,
              e -> assertThat(e.violations()).extracting(Violation::field).containsExactly("cursor"));
    }
    assertThatThrownBy(() -> Paged.asked(2, next).of(table, Row::id)).isInstanceOf(InvalidInputException.class);
  }

  /**
   * A cursor is signed with the installation's key: one forged by anyone who knows the cursor's shape (the check sum
   * of an id, computed as the cursor's unkeyed SHA-256 was) is refused, and so is a cursor another installation gave.
   */
  @Test
  void aCursorForgedWithoutTheInstallationsKeyIsRefused() throws Exception {
    Paged.keyCursorsWith("the installation's key, 32 bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String given = Paged.asked(2, null).keyset(readByKey(null, 3)).next();
    assertThat(Paged.asked(2, given).after()).isEqualTo(new Paged.Key("charlie", 4));
    byte[] payload = "4:charlie".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(payload);
    for (int sum : List.of(6, 16)) {
      byte[] forged = new byte[sum + payload.length];
      System.arraycopy(digest, 0, forged, 0, sum);
      System.arraycopy(payload, 0, forged, sum, payload.length);
      String cursor = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(forged);
      assertThatThrownBy(() -> Paged.asked(2, cursor).after()).as("forged with a %d-byte sum", sum)
          .isInstanceOfSatisfying(InvalidInputException.class,
              e -> assertThat(e.violations()).extracting(Violation::field).containsExactly("cursor"));
    }
    Paged.keyCursorsWith("another installation's key, 32 b".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThatThrownBy(() -> Paged.asked(2, given).after()).isInstanceOf(InvalidInputException.class);
  }
}
