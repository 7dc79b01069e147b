package org.plenary.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plenary.account.AccessTokens;
import org.plenary.account.AccountDirectory;
import org.plenary.contribution.ContributionDesk;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/** Issue 16: folders published without a manifest get their first version from the start-up back-fill. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-backfill;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/backfill-${random.uuid}"})
class ManifestBackfillTests {

  static final int PORT = freePort();

  @DynamicPropertySource
  static void port(DynamicPropertyRegistry registry) {
    registry.add("server.port", () -> PORT);
    registry.add("plenary.base-url", () -> "http://127.0.0.1:" + PORT);
  }

  @Autowired ContributionDesk desk;
  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired AccountDirectory accounts;
  @Autowired AccessTokens tokens;
  @Autowired ManifestBackfill backfill;
  @Autowired JdbcClient jdbc;
  @TempDir Path dir;
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  @SuppressWarnings("unchecked")
  void aFolderPublishedWithoutAManifestGetsItsFirstVersionOnceEvenWithTwoNodesAtOnce() throws Exception {
    ArchiveFixture fixture = ArchiveFixture.create("bfill", "FG Bfill", groups, accounts, tokens).with(desk);
    ArchiveFixture.meeting(meetings, "bfill", "b1", true);
    String a = fixture.publish("b1", "Alpha", "alpha original");
    String b = fixture.publish("b1", "Bravo", "bravo original");
    fixture.revise(a, 1, "alpha revised");
    long meeting = meetings.get("bfill", "b1").id().value();
    // As before the archive existed: published files, no manifest rows.
    jdbc.sql("DELETE FROM archive_entries WHERE meeting_id = ?").param(meeting).update();
    jdbc.sql("DELETE FROM archive_manifests WHERE meeting_id = ?").param(meeting).update();
    assertThat(get("/t/fg/bfill/docs/b1/in.zip").statusCode()).isEqualTo(404);
    assertThat(get("/t/fg/bfill/docs/b1/in/MANIFEST.json").statusCode()).isEqualTo(404);

    // Two nodes starting together: both run the back-fill at once, one version is written.
    Callable<Integer> node = backfill::run;
    int written;
    try (var pool = Executors.newFixedThreadPool(2)) {
      var first = pool.submit(node);
      var second = pool.submit(node);
      written = first.get() + second.get();
    }
    assertThat(written).isEqualTo(1);
    assertThat(backfill.run()).as("idempotent").isZero();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM archive_manifests WHERE meeting_id = ?").param(meeting)
        .query(Long.class).single()).isEqualTo(1);

    HttpResponse<byte[]> manifest = get("/t/fg/bfill/docs/b1/in/MANIFEST.json");
    assertThat(manifest.statusCode()).isEqualTo(200);
    Map<String, Object> json = JsonMapper.builder().build().readValue(manifest.body(), LinkedHashMap.class);
    assertThat(json.get("version")).isEqualTo(1);
    assertThat(json.get("change")).isEqualTo(ManifestBackfill.KIND);
    assertThat(((List<Map<String, Object>>) json.get("files")).stream().map(f -> f.get("name")))
        .containsExactly(a + ".pdf", a + "r1.pdf", b + ".pdf");

    HttpResponse<byte[]> zip = get("/t/fg/bfill/docs/b1/in.zip");
    assertThat(zip.statusCode()).isEqualTo(200);
    Path file = Files.write(dir.resolve("in.zip"), zip.body());
    try (ZipFile opened = new ZipFile(file.toFile())) {
      assertThat(opened.size()).isEqualTo(4);
    }
    assertThat(verify(file.toString())).startsWith("0\n").contains("ok: 3 files");

    String c = fixture.publish("b1", "Charlie", "charlie original");
    Map<String, Object> next = JsonMapper.builder().build()
        .readValue(get("/t/fg/bfill/docs/b1/in/MANIFEST.json").body(), LinkedHashMap.class);
    assertThat(next.get("version")).as("the next publication chains onto the back-filled version").isEqualTo(2);
    assertThat(next.get("previous")).isEqualTo(ArchiveFixture.versionHash(manifest.body()));
    assertThat(((List<Map<String, Object>>) next.get("files"))).hasSize(4)
        .anySatisfy(f -> assertThat(f.get("name")).isEqualTo(c + ".pdf"));
    assertThat(verify(Files.write(dir.resolve("next.zip"), get("/t/fg/bfill/docs/b1/in.zip").body()).toString()))
        .startsWith("0\n");
  }

  private static String verify(String... args) {
    var out = new ByteArrayOutputStream();
    var print = new PrintStream(out, true, StandardCharsets.UTF_8);
    var all = new java.util.ArrayList<>(List.of(args));
    all.addAll(List.of("--site", "http://127.0.0.1:" + PORT));
    int status = Verifier.run(all.toArray(String[]::new), print, print);
    return status + "\n" + out.toString(StandardCharsets.UTF_8);
  }

  private HttpResponse<byte[]> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
