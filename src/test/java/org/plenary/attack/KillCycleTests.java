package org.plenary.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plenary.PlenaryApplication;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plenary as its own process (the built classes), started with a umask of 000, killed with SIGKILL
 * at random moments while four clients upload (each upload over HTTP or FTP at random) and a fifth
 * registers people for the meeting and has their focal point approve them, and started again on the
 * same data folder.
 * After each restart every acknowledged registration is there once, and every acknowledged approval
 * with its number. Afterwards every acknowledged upload is in the register with the SHA-256 the
 * client computed, and on disk with those bytes; no file lies in the store that the register does
 * not know; every number whose upload was not acknowledged can be uploaded again; and the data
 * folder, database and documents are the service user's alone. {@code -Dplenary.killcycle.cycles=20}
 * runs more cycles ({@code bench/killcycle.sh}); {@code -Dplenary.killcycle.port-base=P} takes the
 * server's ports from P to P+499 (HTTP and FTP from P to P+399, passive from P+400) instead of any free ones.
 */
class KillCycleTests {

  private static final int CYCLES = Integer.getInteger("plenary.killcycle.cycles", 3);
  private static final int UPLOADERS = 4;
  private static final String INCOMING = "t/fg/kill/docs/incoming/";
  private static final int PORT_BASE = Integer.getInteger("plenary.killcycle.port-base", 0);

  @TempDir Path dataDir;
  @TempDir Path logs;
  Process server;
  int port;
  int ftpPort;
  String token;
  String focalToken;
  long organization;
  int starts;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final JsonMapper json = JsonMapper.builder().build();

  @AfterEach
  void stop() throws InterruptedException {
    if (server != null) {
      server.destroyForcibly().waitFor();
    }
  }

  @Test
  void killingTheServerAtRandomMomentsOfConcurrentUploadsLosesNoAcknowledgedUploadAndStrandsNoNumber() throws Exception {
    start();
    prepare();
    Map<String, String> acknowledged = new ConcurrentHashMap<>();
    Set<String> allocated = ConcurrentHashMap.newKeySet();
    Map<String, Long> registered = new ConcurrentHashMap<>();
    Map<Long, String> approved = new ConcurrentHashMap<>();
    for (int cycle = 1; cycle <= CYCLES; cycle++) {
      if (cycle > 1) {
        start();
        assertRegistrationsKept(registered, approved, cycle - 1);
      }
      var running = new AtomicBoolean(true);
      var uploaders = new ArrayList<Thread>();
      for (int i = 0; i < UPLOADERS; i++) {
        var uploader = new Thread(() -> upload(running, allocated, acknowledged), "uploader-" + i);
        uploader.start();
        uploaders.add(uploader);
      }
      var registrar = new Thread(() -> register(running, registered, approved), "registrar");
      registrar.start();
      uploaders.add(registrar);
      // The kill falls at a random moment once the clients are at work: on a loaded machine the first
      // answers of a fresh server can take longer than the whole window.
      awaitProgress(acknowledged, registered);
      Thread.sleep(ThreadLocalRandom.current().nextLong(400, 2500));
      server.destroyForcibly().waitFor();
      running.set(false);
      for (Thread uploader : uploaders) {
        uploader.join(30_000);
      }
    }
    start();
    assertRegistrationsKept(registered, approved, CYCLES);

    Map<String, String> listed = incoming();
    assertThat(acknowledged).as("some uploads were acknowledged").isNotEmpty();
    assertThat(registered).as("some registrations were acknowledged").isNotEmpty();
    acknowledged.forEach((number, sha256) -> {
      assertThat(listed.get(number + ".pdf")).as("acknowledged " + number + " is registered").isEqualTo(sha256);
    });
    Path store = dataDir.resolve("documents");
    // Each version at a store path of its own: its name, a mark of the version (IncomingPaths), the extension.
    List<String> stored = filesUnder(store.resolve("t"));
    assertThat(stored).as("no file the register does not know").hasSize(listed.size());
    for (var file : listed.entrySet()) {
      String base = file.getKey().substring(0, file.getKey().length() - ".pdf".length());
      String path = stored.stream().filter(p -> p.matches(java.util.regex.Pattern.quote(INCOMING + base) + "~[0-9a-f]{24}\\.pdf"))
          .findFirst().orElseThrow(() -> new AssertionError(file.getKey() + " is not in the store: " + stored));
      assertThat(sha256(Files.readAllBytes(store.resolve(path)))).as(file.getKey()).isEqualTo(file.getValue());
    }
    assertThat(filesUnder(store.resolve("staging"))).isEmpty();
    assertThat(filesUnder(store.resolve(".journal"))).isEmpty();
    for (String number : allocated) {
      if (!acknowledged.containsKey(number)) {
        HttpResponse<String> again = upload(number, randomBytes(2000));
        assertThat(again.statusCode()).as(number + " can be uploaded again: " + again.body()).isEqualTo(201);
      }
    }
    assertThat(registeredNumbers()).as("numbers in the register are distinct and consecutive from 1")
        .isEqualTo(java.util.stream.IntStream.rangeClosed(1, registeredNumbers().size()).boxed().toList());
    assertOnlyTheServiceUserCanRead();
    System.out.printf("kill-cycle: %d cycles, %d uploads acknowledged and intact, %d unacknowledged numbers uploaded again, "
        + "%d registrations and %d approvals acknowledged and kept%n",
        CYCLES, acknowledged.size(), allocated.size() - acknowledged.size(), registered.size(), approved.size());
  }

  @Test
  void aRestartUndoesAMoveWhoseTransactionNeverCommittedAndMovesUnknownFilesAside() throws Exception {
    start();
    prepare();
    String replaced = allocate();
    String stranded = allocate();
    String unknown = allocate();
    byte[] first = randomBytes(40_000);
    byte[] kept = randomBytes(50_000);
    assertThat(upload(replaced, first).statusCode()).isEqualTo(201);
    assertThat(upload(replaced, kept).statusCode()).isEqualTo(201);
    server.destroyForcibly().waitFor();

    // Every version lies at a store path of its own (IncomingPaths), the replaced one now in the history.
    Path store = dataDir.resolve("documents");
    Path incoming = store.resolve(INCOMING);
    String keptPath = single(filesUnder(store).stream().filter(path -> path.startsWith(INCOMING)).toList());
    String history = single(filesUnder(store).stream().filter(path -> path.startsWith("history/")).toList());
    // What a kill leaves between a replacement's commit and its move of the replaced version to the
    // history, which follows the commit: that version still at its incoming path, the journal of the move.
    String replacedPath = INCOMING + replaced + "~000000000000000000000001.pdf";
    Files.move(store.resolve(history), store.resolve(replacedPath));
    Files.createDirectories(store.resolve(".journal"));
    Files.writeString(store.resolve(".journal/zero"), replacedPath + "\t" + history + "\n");
    // ... and between the moves of a replacing upload and its commit: the new version at its own path and
    // the journal of both moves (the one to the history not made: it waits for the commit).
    String uncommitted = INCOMING + replaced + "~000000000000000000000002.pdf";
    Files.write(store.resolve(uncommitted), randomBytes(50_000));
    Files.writeString(store.resolve(".journal/one"), keptPath + "\thistory/kill/999-" + replaced + ".pdf\n"
        + "staging/a\t" + uncommitted + "\n");
    // ... and between the move of a first upload and its commit; and a file from elsewhere.
    String strandedPath = INCOMING + stranded + "~000000000000000000000003.pdf";
    Files.write(store.resolve(strandedPath), randomBytes(1000));
    Files.writeString(store.resolve(".journal/two"), "staging/b\t" + strandedPath + "\n");
    Files.write(incoming.resolve(unknown + ".pdf"), randomBytes(1000));
    Files.createDirectories(store.resolve("staging"));
    Files.write(store.resolve("staging/c"), randomBytes(1000));

    start();
    assertThat(incoming()).containsOnlyKeys(replaced + ".pdf").containsEntry(replaced + ".pdf", sha256(kept));
    assertThat(download("/t/fg/kill/docs/incoming/" + replaced + ".pdf")).isEqualTo(kept);
    assertThat(Files.readAllBytes(store.resolve(history))).as("the committed move finished").isEqualTo(first);
    assertThat(filesUnder(store)).containsExactlyInAnyOrder(keptPath, history);
    assertThat(filesUnder(dataDir.resolve("orphans"))).anyMatch(path -> path.endsWith("/" + INCOMING + unknown + ".pdf"));
    assertThat(filesUnder(dataDir.resolve("orphans"))).noneMatch(path -> path.contains(replaced));
    for (String number : List.of(stranded, unknown, replaced)) {
      assertThat(upload(number, randomBytes(3000)).statusCode()).as(number).isEqualTo(201);
    }
    assertOnlyTheServiceUserCanRead();
  }

  /** Folders 0700 and files without group or other bits, although the server ran with umask 000. */
  private void assertOnlyTheServiceUserCanRead() throws IOException {
    assertThat(mode(dataDir)).isEqualTo("rwx------");
    assertThat(mode(dataDir.resolve("db"))).isEqualTo("rwx------");
    assertThat(mode(dataDir.resolve("db/plenary.mv.db"))).as("H2's database file, set at start").isEqualTo("rw-------");
    for (Path top : List.of(dataDir.resolve("documents"), dataDir.resolve("orphans"))) {
      if (!Files.exists(top)) {
        continue;
      }
      try (Stream<Path> paths = Files.walk(top)) {
        for (Path path : paths.toList()) {
          assertThat(mode(path)).as(path.toString()).isIn("rwx------", "rw-------", "r--------");
          assertThat(Files.isDirectory(path) ? mode(path) : "rwx------").as(path.toString()).isEqualTo("rwx------");
        }
      }
    }
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  /** One client: asks for a number, uploads a file of random size, notes the number if acknowledged. */
  private void upload(AtomicBoolean running, Set<String> allocated, Map<String, String> acknowledged) {
    while (running.get()) {
      try {
        String number = allocate();
        allocated.add(number);
        int size = ThreadLocalRandom.current().nextInt(10) == 0 ? 9 << 20 : ThreadLocalRandom.current().nextInt(1, 600_000);
        byte[] bytes = randomBytes(size);
        boolean stored = ThreadLocalRandom.current().nextBoolean() ? upload(number, bytes).statusCode() == 201
            : ftpUpload(number, bytes);
        if (stored) {
          acknowledged.put(number, sha256(bytes));
        }
      } catch (Exception killed) {
        sleepQuietly();
      } catch (AssertionError killed) {
        sleepQuietly();
      }
    }
  }

  /**
   * One client: the administrator opens an account of the organization, the person registers for the
   * meeting, the organization's focal point approves; notes what was acknowledged (201, 200).
   */
  private void register(AtomicBoolean running, Map<String, Long> registered, Map<Long, String> approved) {
    while (running.get()) {
      try {
        String person = "kp" + System.nanoTime();
        post("/api/v1/accounts", token, "{\"username\":\"" + person + "\",\"email\":\"" + person + "@kill.example\","
            + "\"displayName\":\"Delegate " + person + "\",\"organizationId\":" + organization + ",\"countryCode\":\"FR\","
            + "\"password\":\"kill-cycle-person\",\"oneTimePassword\":false}");
        String personToken = field(post("/api/v1/tokens", null, "{\"username\":\"" + person
            + "\",\"password\":\"kill-cycle-person\"}"), "token");
        JsonNode registration = json.readTree(post("/api/v1/groups/kill/meetings/next/registrations", personToken,
            "{\"fullName\":\"Delegate " + person + "\",\"email\":\"" + person + "@kill.example\",\"organizationId\":"
                + organization + ",\"countryCode\":\"FR\",\"attendance\":\"IN_PERSON\"}"));
        long id = registration.get("id").asLong();
        registered.put(person + "@kill.example", id);
        JsonNode decided = json.readTree(post("/api/v1/registrations/" + id + "/approve", focalToken, ""));
        approved.put(id, decided.get("registrationNumber").asString());
      } catch (Exception killed) {
        sleepQuietly();
      } catch (AssertionError killed) {
        sleepQuietly();
      }
    }
  }

  /** Waits (at most a minute) until one more upload or registration has been acknowledged. */
  private static void awaitProgress(Map<String, String> acknowledged, Map<String, Long> registered)
      throws InterruptedException {
    int before = acknowledged.size() + registered.size();
    Instant until = Instant.now().plus(Duration.ofMinutes(1));
    while (acknowledged.size() + registered.size() == before && Instant.now().isBefore(until)) {
      Thread.sleep(20);
    }
  }

  /** Every acknowledged registration is in the meeting's list once, every acknowledged approval with its number. */
  private void assertRegistrationsKept(Map<String, Long> registered, Map<Long, String> approved, int cycle)
      throws Exception {
    HttpResponse<String> list = http.send(HttpRequest.newBuilder(url("/api/v1/groups/kill/meetings/next/registrations"))
        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(list.statusCode()).isEqualTo(200);
    var byEmail = new HashMap<String, List<JsonNode>>();
    var numbers = new ArrayList<String>();
    for (JsonNode registration : json.readTree(list.body())) {
      byEmail.computeIfAbsent(registration.get("email").asString(), e -> new ArrayList<>()).add(registration);
      if (registration.get("status").asString().equals("APPROVED")) {
        numbers.add(registration.get("registrationNumber").asString());
      }
    }
    registered.forEach((email, id) -> {
      assertThat(byEmail.get(email)).as("after kill " + cycle + ": acknowledged registration " + email + " once").hasSize(1);
      assertThat(byEmail.get(email).get(0).get("id").asLong()).isEqualTo(id);
    });
    var byId = new HashMap<Long, JsonNode>();
    byEmail.values().forEach(same -> same.forEach(r -> byId.put(r.get("id").asLong(), r)));
    approved.forEach((id, number) -> {
      assertThat(byId.get(id)).as("after kill " + cycle + ": approved registration " + id).isNotNull();
      assertThat(byId.get(id).get("status").asString()).isEqualTo("APPROVED");
      assertThat(byId.get(id).get("registrationNumber").asString()).isEqualTo(number);
    });
    assertThat(numbers).as("after kill " + cycle + ": registration numbers are distinct").doesNotHaveDuplicates();
  }

  /** STOR over FTP; true when the server acknowledged it (226). */
  private boolean ftpUpload(String number, byte[] bytes) throws IOException {
    var ftp = new org.apache.commons.net.ftp.FTPClient();
    ftp.setDefaultTimeout(20_000);
    ftp.setDataTimeout(Duration.ofSeconds(20));
    try {
      ftp.connect("127.0.0.1", ftpPort);
      if (!ftp.login("admin", "kill-cycle-admin")) {
        return false;
      }
      ftp.enterLocalPassiveMode();
      ftp.setFileType(org.apache.commons.net.ftp.FTP.BINARY_FILE_TYPE);
      return ftp.storeFile("/" + INCOMING + number + ".pdf", new java.io.ByteArrayInputStream(bytes));
    } finally {
      if (ftp.isConnected()) {
        ftp.disconnect();
      }
    }
  }

  private static void sleepQuietly() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void prepare() throws Exception {
    token = field(post("/api/v1/tokens", null, "{\"username\":\"admin\",\"password\":\"kill-cycle-admin\"}"), "token");
    post("/api/v1/groups", token, "{\"slug\":\"kill\",\"acronym\":\"FG Kill\",\"name\":\"Focus Group on Killing\","
        + "\"workingLanguage\":\"English\",\"lifetimeMonths\":12}");
    post("/api/v1/groups/kill/meetings", token, "{\"code\":\"next\",\"startDate\":\"" + java.time.LocalDate.now().plusDays(20)
        + "\",\"endDate\":\"" + java.time.LocalDate.now().plusDays(21) + "\",\"venueName\":\"Geneva\",\"venueCode\":\"gva\","
        + "\"timeZone\":\"Europe/Zurich\",\"languages\":\"English\",\"latePolicy\":\"FLAG\"}");
    organization = json.readTree(post("/api/v1/organizations", token,
        "{\"name\":\"Kill Telecom\",\"category\":\"SECTOR_MEMBER\",\"countryCode\":\"FR\"}")).get("id").asLong();
    post("/api/v1/accounts", token, "{\"username\":\"killfocal\",\"email\":\"focal@kill.example\",\"displayName\":\"Focal\","
        + "\"organizationId\":" + organization + ",\"countryCode\":\"FR\",\"password\":\"kill-cycle-focal\","
        + "\"oneTimePassword\":false}");
    post("/api/v1/organizations/" + organization + "/focal-points/killfocal", token, "");
    focalToken = field(post("/api/v1/tokens", null, "{\"username\":\"killfocal\",\"password\":\"kill-cycle-focal\"}"), "token");
  }

  private String allocate() throws Exception {
    return field(post("/api/v1/groups/kill/meetings/next/contributions", token, "{\"title\":\"T\",\"source\":\"S\"}"), "number");
  }

  /** The sequence numbers of the meeting's register, in order. */
  private List<Integer> registeredNumbers() throws Exception {
    HttpResponse<String> register = http.send(HttpRequest.newBuilder(url("/api/v1/groups/kill/meetings/next/contributions"))
        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(register.statusCode()).isEqualTo(200);
    var numbers = new ArrayList<Integer>();
    for (JsonNode contribution : json.readTree(register.body())) {
      numbers.add(Integer.parseInt(contribution.get("number").asString().replaceAll(".*-", "")));
    }
    numbers.sort(null);
    return numbers;
  }

  /** The incoming folder as the register lists it: file name to SHA-256. */
  private Map<String, String> incoming() throws Exception {
    HttpResponse<String> listing = http.send(HttpRequest.newBuilder(url("/t/fg/kill/docs/incoming/"))
        .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(listing.statusCode()).isEqualTo(200);
    var files = new HashMap<String, String>();
    for (JsonNode entry : json.readTree(listing.body()).get("entries")) {
      files.put(entry.get("name").asString(), entry.get("sha256").asString());
    }
    return files;
  }

  private byte[] download(String path) throws Exception {
    HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(url(path)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private static String single(List<String> paths) {
    assertThat(paths).hasSize(1);
    return paths.get(0);
  }

  private List<String> filesUnder(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return List.of();
    }
    Path root = folder.getFileName().toString().equals("documents") ? folder : folder.getParent();
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).map(file -> root.relativize(file).toString()).toList();
    }
  }

  private void start() throws Exception {
    if (PORT_BASE > 0) {
      // A new pair for each start: a killed server's ports may still be held by connections closing.
      port = PORT_BASE + 2 * (starts++ % 200);
      ftpPort = port + 1;
    } else {
      try (ServerSocket free = new ServerSocket(0); ServerSocket freeFtp = new ServerSocket(0)) {
        port = free.getLocalPort();
        ftpPort = freeFtp.getLocalPort();
      }
    }
    var command = new ArrayList<>(List.of("/bin/sh", "-c", "umask 000 && exec \"$@\"", "sh",
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), PlenaryApplication.class.getName(),
        "--server.port=" + port, "--plenary.ftp.port=" + ftpPort, "--plenary.data-dir=" + dataDir,
        "--plenary.admin-password=kill-cycle-admin", "--logging.level.root=WARN"));
    if (PORT_BASE > 0) {
      command.add("--plenary.ftp.passive-ports=" + (PORT_BASE + 400) + "-" + (PORT_BASE + 499));
    }
    Path log = logs.resolve("server-" + port + ".log");
    server = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    // Generous: under a hundred cycles on a shared two-core machine a start has taken over 90 s.
    Instant until = Instant.now().plus(Duration.ofSeconds(240));
    while (Instant.now().isBefore(until) && server.isAlive()) {
      try {
        if (http.send(HttpRequest.newBuilder(url("/actuator/health")).build(), HttpResponse.BodyHandlers.discarding())
            .statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    throw new AssertionError("Plenary did not start within 240 s (start " + starts + "): " + Files.readString(log));
  }

  private String post(String path, String bearer, String body) throws Exception {
    var request = HttpRequest.newBuilder(url(path)).header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + " " + response.body()).isBetween(200, 204);
    return response.body();
  }

  private HttpResponse<String> upload(String number, byte[] bytes) throws Exception {
    byte[] head = ("--kill\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + number
        + ".pdf\"\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] tail = "\r\n--kill--\r\n".getBytes(StandardCharsets.US_ASCII);
    byte[] body = new byte[head.length + bytes.length + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(bytes, 0, body, head.length, bytes.length);
    System.arraycopy(tail, 0, body, head.length + bytes.length, tail.length);
    return http.send(HttpRequest.newBuilder(url("/api/v1/contributions/" + number + "/files"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=kill")
        // A version may wait already (acknowledged, or committed before a kill took the answer): replace whichever.
        .header("If-Match", "*")
        .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String field(String body, String name) {
    return body.replaceAll("(?s).*\"" + name + "\":\"([^\"]+)\".*", "$1");
  }

  private static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    ThreadLocalRandom.current().nextBytes(bytes);
    return bytes;
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }
}
