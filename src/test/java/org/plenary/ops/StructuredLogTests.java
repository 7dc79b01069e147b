package org.plenary.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plenary.PlenaryApplication;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code logging.structured.format.console=ecs}: Plenary, as its own process, writes one JSON object a line. */
class StructuredLogTests {

  @TempDir Path dataDir;

  @Test
  void theStructuredFormatOptionWritesEveryConsoleLineAsAJsonObject() throws Exception {
    Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
        "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), PlenaryApplication.class.getName(),
        "--server.port=0", "--plenary.ftp.port=0", "--plenary.data-dir=" + dataDir,
        "--logging.structured.format.console=ecs", "--spring.main.banner-mode=off").start();
    var lines = new ArrayList<String>();
    try (var out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      for (String line; System.nanoTime() < until && (line = out.readLine()) != null; ) {
        lines.add(line);
        if (line.contains("Started PlenaryApplication")) {
          break;
        }
      }
    } finally {
      server.destroyForcibly().waitFor();
    }
    assertThat(lines).anyMatch(line -> line.contains("Started PlenaryApplication"));
    var json = JsonMapper.builder().build();
    List<JsonNode> records = lines.stream().filter(line -> !line.isBlank()).map(json::readTree).toList();
    assertThat(records).allSatisfy(record -> {
      assertThat(record.has("@timestamp")).as(record.toString()).isTrue();
      assertThat(record.has("message")).as(record.toString()).isTrue();
    });
    assertThat(records).anyMatch(record -> record.toString().contains("FTP gateway listening"));
  }
}
