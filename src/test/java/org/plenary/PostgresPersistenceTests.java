package org.plenary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.plenary.contribution.ContributionDesk;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same scenarios on a real PostgreSQL, in a fresh database; skipped, visibly, when none is reachable. */
@SpringBootTest(properties = "plenary.data-dir=target/test-data/${random.uuid}")
@EnabledIfPostgres
class PostgresPersistenceTests extends PersistenceScenarios {

  private static TestPostgres.Database database;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    database = TestPostgres.freshDatabase();
    database.register(registry);
  }

  @org.springframework.beans.factory.annotation.Autowired javax.sql.DataSource dataSource;

  @Test
  void sendsTheRowsOfABatchAsOneMultiRowInsert() throws Exception {
    try (var connection = dataSource.getConnection()) {
      assertThat(connection.unwrap(org.postgresql.core.BaseConnection.class).getQueryExecutor()
          .isReWriteBatchedInsertsEnabled()).isTrue();
    }
  }

  @Test
  void twoNodesSharingTheDatabaseAllocateDistinctConsecutiveNumbers() throws Exception {
    allocateConcurrently(desk, "shared", 1, 1);
    try (ConfigurableApplicationContext secondNode = new SpringApplicationBuilder(PlenaryApplication.class)
        .run("--server.port=0", "--spring.datasource.url=" + database.url(),
            "--spring.datasource.username=" + database.user(), "--spring.datasource.password=" + database.password(),
            "--plenary.data-dir=target/test-data/second-node")) {
      ContributionDesk other = secondNode.getBean(ContributionDesk.class);
      var here = CompletableFuture.supplyAsync(() -> allocate(desk));
      var there = CompletableFuture.supplyAsync(() -> allocate(other));
      List<String> numbers = new ArrayList<>(here.get());
      numbers.addAll(there.get());
      assertThat(numbers).doesNotHaveDuplicates().hasSize(400);
      assertThat(numbers.stream().map(n -> Integer.parseInt(n.substring(n.lastIndexOf('-') + 1))).sorted())
          .containsExactlyElementsOf(IntStream.rangeClosed(2, 401).boxed().toList());
    }
  }

  @Test
  void waitsForTheSeriesLockOfAnotherNodesBatchAndThenRecordsTheBatchNumberedInOneStatement() throws Exception {
    allocateConcurrently(desk, "lastlock", 1, 1);
    try (var holder = dataSource.getConnection(); var watcher = dataSource.getConnection()) {
      // Another node's batch holds the series row's lock.
      holder.setAutoCommit(false);
      try (var lock = holder.prepareStatement("""
          SELECT last_number FROM document_series s JOIN plenary_groups g ON g.id = s.group_id
          WHERE g.slug = 'lastlock' FOR UPDATE OF s""")) {
        lock.executeQuery();
      }
      var waiting = CompletableFuture.supplyAsync(() -> allocate(desk, "lastlock", 5));
      // The allocator waits for that lock in the statement that reserves the numbers and writes the rows.
      String query = "";
      for (int i = 0; i < 300 && !query.contains("INSERT INTO contributions"); i++) {
        Thread.sleep(100);
        try (var blocked = watcher.prepareStatement("""
            SELECT COALESCE(string_agg(query, ' '), '') FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'""").executeQuery()) {
          blocked.next();
          query = blocked.getString(1);
        }
      }
      assertThat(query).contains("UPDATE document_series", "INSERT INTO contributions", "INSERT INTO contribution_events");
      assertThat(waiting).isNotDone();
      holder.rollback();
      List<String> numbers = waiting.get(60, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(numbers.stream().map(n -> Integer.parseInt(n.substring(n.lastIndexOf('-') + 1))).sorted())
          .containsExactly(2, 3, 4, 5, 6);
    }
  }

  private List<String> allocate(ContributionDesk node) {
    return allocate(node, "shared", 200);
  }

  private List<String> allocate(ContributionDesk node, String slug, int count) {
    try {
      return allocateConcurrently(node, slug, count, 20);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
