package org.plenary.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Random;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded H2 file database with {@code WRITE_DELAY=0} (as Plenary runs it): many small commits that
 * update the same rows leave chunks partly dead. Without housekeeping their number and the file grow;
 * with it they stay bounded, and every commit is still on disk when it returns.
 */
class H2HousekeepingTests {

  private static final int COMMITS = 4000;
  @TempDir Path folder;

  @Test
  void withoutHousekeepingPartlyDeadChunksPileUp() throws Exception {
    Figures figures = churn(source("off"), null);
    System.out.println("H2 housekeeping off: " + figures);
    assertThat(figures.chunks()).isGreaterThan(300);
    assertThat(figures.chunksFillRate()).isLessThan(50);
  }

  @Test
  void housekeepingKeepsChunksAndTheFileBounded() throws Exception {
    JdbcDataSource off = source("off");
    Figures without = churn(off, null);
    JdbcDataSource on = source("on");
    var housekeeping = new H2Housekeeping(on, Duration.ofMillis(20), Duration.ofMillis(50));
    Figures with = churn(on, housekeeping);
    System.out.println("H2 housekeeping off: " + without + "; on: " + with);
    assertThat(with.chunks()).isLessThan(without.chunks() / 5);
    assertThat(with.chunksFillRate()).isGreaterThan(without.chunksFillRate() + 20);
    assertThat(with.fileBytes()).isLessThan(without.fileBytes() * 2 / 3);
  }

  @Test
  void letsH2ReuseDeadChunksAfterItsOwnRetentionTime() throws Exception {
    // H2's own retention time (45 s) keeps every chunk of the churn, however dead: one a commit.
    var source = new JdbcDataSource();
    source.setURL("jdbc:h2:file:" + folder.resolve("retained") + ";WRITE_DELAY=0");
    var housekeeping = new H2Housekeeping(source, Duration.ofMillis(20), Duration.ofMillis(100));
    Figures figures = churn(source, housekeeping);
    System.out.println("H2 housekeeping with a retention time of 100 ms: " + figures);
    assertThat(figures.chunks()).isLessThan(COMMITS / 10);
    // The same churn under H2's own 45 s left ~83 MB (5,061 chunks); 100 ms leaves 5–9 MB, by the machine's pace.
    assertThat(figures.fileBytes()).isLessThan(24L << 20);
  }

  @Test
  void refusesARetentionTimeShorterThanTwoRounds() {
    var source = new JdbcDataSource();
    assertThatThrownBy(() -> new H2Housekeeping(source, Duration.ofSeconds(2), Duration.ofSeconds(3)))
        .hasMessageStartingWith("plenary.h2.retention-time (PT3S) must be at least twice plenary.h2.housekeeping-interval (PT2S)");
    new H2Housekeeping(source, Duration.ZERO, Duration.ofSeconds(1)); // off: H2 keeps its own retention time
  }

  @Test
  void everyCommitIsOnDiskWhileHousekeepingRuns() throws Exception {
    JdbcDataSource on = source("kept");
    var housekeeping = new H2Housekeeping(on, Duration.ofMillis(5), Duration.ofMillis(50));
    Path copy = folder.resolve("copy");
    Files.createDirectories(copy);
    // Copied while still open, as a killed process leaves it: the last commit's value is in the file.
    churn(on, housekeeping, () -> copyFile(folder.resolve("kept.mv.db"), copy.resolve("kept.mv.db")));
    var reopened = new JdbcDataSource();
    reopened.setURL("jdbc:h2:file:" + copy.resolve("kept") + ";WRITE_DELAY=0");
    try (Connection c = reopened.getConnection(); var rs = c.createStatement().executeQuery("select v from hot where id = 1")) {
      rs.next();
      assertThat(rs.getString(1)).startsWith((COMMITS - 1) + ":");
      c.createStatement().execute("shutdown");
    }
  }

  @Test
  void isOffForAnInMemoryDatabase() throws Exception {
    var memory = new JdbcDataSource();
    memory.setURL("jdbc:h2:mem:housekeeping;DB_CLOSE_DELAY=-1");
    var housekeeping = new H2Housekeeping(memory, Duration.ofMillis(5), Duration.ofMillis(50));
    housekeeping.start();
    assertThat(housekeeping.isRunning()).isFalse();
    assertThat(housekeeping.runOnce()).isFalse();
    try (Connection c = memory.getConnection()) {
      c.createStatement().execute("shutdown");
    }
  }

  @Test
  void stopsOnlyWhenAskedAndNoRoundRunsAfter() throws Exception {
    JdbcDataSource on = source("stop");
    var housekeeping = new H2Housekeeping(on, Duration.ofMillis(5), Duration.ofMillis(50));
    housekeeping.start();
    assertThat(housekeeping.isRunning()).isTrue();
    housekeeping.stop();
    assertThat(housekeeping.isRunning()).isFalse();
    try (Connection c = on.getConnection()) {
      c.createStatement().execute("shutdown");
    }
  }

  private JdbcDataSource source(String name) {
    var source = new JdbcDataSource();
    // A short retention time so that chunks become rewritable within the test (H2's default is 45 s).
    source.setURL("jdbc:h2:file:" + folder.resolve(name) + ";WRITE_DELAY=0;RETENTION_TIME=50");
    return source;
  }

  /** Many small commits on a hot row and on random rows of a larger table, one connection held open. */
  private Figures churn(JdbcDataSource source, H2Housekeeping housekeeping) throws SQLException, InterruptedException {
    return churn(source, housekeeping, () -> {});
  }

  private Figures churn(JdbcDataSource source, H2Housekeeping housekeeping, Runnable whileOpen)
      throws SQLException, InterruptedException {
    var random = new Random(7);
    try (Connection c = source.getConnection()) {
      c.createStatement().execute("create table hot(id int primary key, v varchar(2000))");
      c.createStatement().execute("create table cold(id int primary key, v varchar(300))");
      c.createStatement().execute("insert into hot values (1, '')");
      c.createStatement().execute("insert into cold select x, repeat('c', 200) from system_range(1, 3000)");
      if (housekeeping != null) {
        housekeeping.start();
      }
      var hot = c.prepareStatement("update hot set v = ? where id = 1");
      var cold = c.prepareStatement("update cold set v = ? where id = ?");
      for (int i = 0; i < COMMITS; i++) {
        hot.setString(1, i + ":" + "h".repeat(1500));
        hot.executeUpdate();
        if (i % 4 == 0) {
          cold.setString(1, i + ":" + "c".repeat(200));
          cold.setInt(2, 1 + random.nextInt(3000));
          cold.executeUpdate();
        }
        if (i % 200 == 0) {
          Thread.sleep(60); // lets the retention time pass for older chunks
        }
      }
      Thread.sleep(200);
      if (housekeeping != null) {
        for (int round = 0; round < 20; round++) {
          housekeeping.runOnce();
          c.createStatement().execute("update hot set v = v where id = 1");
        }
        housekeeping.stop();
      }
      Figures figures = new Figures(info(c, "info.CHUNK_COUNT"), info(c, "info.CHUNKS_FILL_RATE"), 0);
      whileOpen.run();
      c.createStatement().execute("checkpoint");
      return new Figures(figures.chunks(), figures.chunksFillRate(), fileBytes(source));
    }
  }

  private static void copyFile(Path from, Path to) {
    try {
      Files.copy(from, to);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long fileBytes(JdbcDataSource source) {
    try {
      return Files.size(Path.of(source.getURL().substring("jdbc:h2:file:".length()).split(";")[0] + ".mv.db"));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long info(Connection c, String name) throws SQLException {
    try (var rs = c.createStatement().executeQuery(
        "select setting_value from information_schema.settings where setting_name = '" + name + "'")) {
      rs.next();
      return Long.parseLong(rs.getString(1));
    }
  }

  record Figures(long chunks, long chunksFillRate, long fileBytes) {}
}
