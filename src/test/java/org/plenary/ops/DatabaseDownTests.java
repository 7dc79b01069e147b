package org.plenary.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plenary.EnabledIfPostgres;
import org.plenary.TestPostgres;

/**
 * PostgreSQL stops taking connections while Plenary serves: reads and writes answer 503 with a problem
 * and Retry-After, readiness goes DOWN, and once connections are allowed again everything works
 * without a restart.
 */
@EnabledIfPostgres
class DatabaseDownTests {

  @TempDir Path dataDir;

  @Test
  void whileTheDatabaseCannotBeReachedRequestsAnswer503WithAProblemAndTheServiceRecoversByItself() throws Exception {
    TestPostgres.Database database = OpsPostgres.create();
    String name = OpsPostgres.name(database);
    try (var plenary = new RunningPlenary("--plenary.data-dir=" + dataDir, "--spring.datasource.url=" + database.url(),
        "--spring.datasource.username=" + database.user(), "--spring.datasource.password=" + database.password(),
        "--spring.datasource.hikari.connection-timeout=1000").prepare()) {
      String number = plenary.allocate();
      assertThat(plenary.get("/api/v1/contributions/" + number).statusCode()).isEqualTo(200);

      admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
      admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
      HttpResponse<String> write = plenary.post("/api/v1/groups/ops/meetings/next/contributions",
          "{\"title\":\"T\",\"source\":\"S\"}");
      assertThat(write.statusCode()).isEqualTo(503);
      HttpResponse<String> read = plenary.get("/api/v1/contributions/" + number);
      assertThat(read.statusCode()).isEqualTo(503);
      assertThat(read.headers().firstValue("Content-Type")).hasValue("application/problem+json;charset=UTF-8");
      assertThat(read.headers().firstValue("Retry-After")).hasValue("5");
      assertThat(read.body()).contains("\"status\":503", "The database cannot be reached just now");
      HttpResponse<String> inArabic = plenary.get("/api/v1/contributions/" + number, "ar");
      assertThat(inArabic.statusCode()).isEqualTo(503);
      assertThat(inArabic.body()).contains("\"status\":503", "\"title\":\"غير متاح\"", "يتعذر الوصول إلى قاعدة البيانات");
      assertThat(plenary.get("/actuator/health/readiness").statusCode()).isEqualTo(503);

      admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
      long until = System.nanoTime() + 20_000_000_000L;
      int status = 0;
      while (System.nanoTime() < until && (status = plenary.get("/api/v1/contributions/" + number).statusCode()) != 200) {
        Thread.sleep(200);
      }
      assertThat(status).isEqualTo(200);
      assertThat(plenary.allocate()).startsWith("FG-Ops");
      assertThat(plenary.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    } finally {
      admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
      OpsPostgres.drop(database);
    }
  }

  private static void admin(String sql) throws Exception {
    String url = System.getenv().getOrDefault("PLENARY_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    try (var connection = DriverManager.getConnection(url, System.getenv().getOrDefault("PLENARY_TEST_POSTGRES_USER", "postgres"),
        System.getenv().getOrDefault("PLENARY_TEST_POSTGRES_PASSWORD", "")); var statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
