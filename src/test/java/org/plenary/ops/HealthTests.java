package org.plenary.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The liveness and readiness groups: what they check, what strangers see, and disk space below the threshold. */
class HealthTests {

  @TempDir Path dataDir;

  @Test
  void livenessAndReadinessAreUpWithoutDetailsForStrangersAndWithTheirChecksForAnAdministrator() throws Exception {
    try (var plenary = new RunningPlenary("--plenary.data-dir=" + dataDir).prepare()) {
      for (String group : new String[] {"liveness", "readiness"}) {
        HttpResponse<String> health = plenary.http.send(HttpRequest.newBuilder(plenary.url("/actuator/health/" + group))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
      }
      HttpResponse<String> detailed = plenary.http.send(HttpRequest.newBuilder(plenary.url("/actuator/health/readiness"))
          .header("Authorization", "Bearer " + plenary.token).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(detailed.body()).contains("\"readinessState\"", "\"db\"", "\"documentsFolder\"", "\"free\"")
          .doesNotContain("livenessState");
    }
  }

  @Test
  void readinessIsDownWhenTheDocumentsFolderHasLessFreeSpaceThanTheThreshold() throws Exception {
    try (var plenary = new RunningPlenary("--plenary.data-dir=" + dataDir, "--plenary.health.min-free-space=1000000TB")) {
      HttpResponse<String> readiness = plenary.get("/actuator/health/readiness");
      assertThat(readiness.statusCode()).isEqualTo(503);
      assertThat(readiness.body()).contains("DOWN");
      assertThat(plenary.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    }
  }
}
