package org.plenary.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenary.account.AccessTokens;
import org.plenary.account.AccountDirectory;
import org.plenary.account.NewAccount;
import org.plenary.account.PlenaryUser;
import org.plenary.account.Role;
import org.plenary.contribution.Allocation;
import org.plenary.contribution.Contribution;
import org.plenary.contribution.ContributionDesk;
import org.plenary.group.GroupCatalog;
import org.plenary.group.GroupDraft;
import org.plenary.meeting.LatePolicy;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.meeting.MeetingDraft;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 10, item 12: once a document is published, a revision waiting in incoming is its own
 * version in every representation of the register. A client that downloads any {@code url} and
 * checks the SHA-256 (and size, and name) printed beside it always gets a match.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-attack-access;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/attack-access-${random.uuid}"})
class RevisionIntegrityTests {

  private static final Pattern SHA = Pattern.compile("SHA-256 ([0-9a-f]{64})");
  private static final Pattern LINK = Pattern.compile("<a\\s+class=\"(published-file|incoming-file)\"\\s+href=\"([^\"]+)\">([^<]+)</a>");

  static String number;

  @LocalServerPort int port;
  @Autowired ContributionDesk desk;
  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired AccountDirectory accounts;
  @Autowired AccessTokens tokens;

  private final HttpClient http = HttpClient.newHttpClient();
  private final JsonMapper json = JsonMapper.builder().build();

  @BeforeEach
  void setUp() {
    if (groups.find("rev").isEmpty()) {
      groups.create(new GroupDraft("rev", "FG Rev", "Focus Group on Revisions", null, null, "English", 12, null, null,
          List.of(), List.of(), List.of()));
      meetings.schedule("rev", new MeetingDraft("m1", LocalDate.now().plusDays(40), LocalDate.now().plusDays(41),
          "Europe/Zurich", "Geneva", null, "gva", null, null, null, null, "English", false, true, null, null,
          LocalDateTime.now().plusDays(30), null, LatePolicy.FLAG, List.of(), List.of()));
      accounts.create(new NewAccount("rv-author", "author@rev.example", "Author", null, null, Set.of()), "author-pass-26",
          false);
      accounts.create(new NewAccount("rv-clerk", "clerk@rev.example", "Clerk", null, null, Set.of(Role.SECRETARIAT)),
          "clerk-pass-26", false);
      PlenaryUser author = user("rv-author");
      Contribution c = desk.allocate("rev", "m1", new Allocation("Two versions", "Revco", List.of(), null, List.of()), author);
      desk.upload(c.number(), c.number() + ".pdf", new ByteArrayInputStream(bytes("the published original")), author);
      desk.publish(c.number(), user("rv-clerk"));
      desk.upload(c.number(), c.number() + "r1.pdf",
          new ByteArrayInputStream(bytes("revision r1, longer than the original and still waiting")), author);
      number = c.number();
    }
  }

  @Test
  void everyUrlOfTheJsonResourceAndRegisterServesTheNameSizeAndSha256BesideIt() throws Exception {
    for (String path : List.of("/api/v1/contributions/" + number, "/api/v1/groups/rev/meetings/m1/contributions")) {
      var checked = new ArrayList<String>();
      checkJson(json.readTree(get(path).body()), checked);
      assertThat(checked).as(path + ": the published file and the waiting revision, each with its own url")
          .contains("/t/fg/rev/docs/m1/in/" + number + ".pdf", "/t/fg/rev/docs/incoming/" + number + "r1.pdf");
    }
    JsonNode one = json.readTree(get("/api/v1/contributions/" + number).body());
    assertThat(one.get("fileName").asString()).as("the top-level fields describe the published file").isEqualTo(number + ".pdf");
    assertThat(one.get("sha256").asString()).isEqualTo(sha256("the published original"));
    assertThat(one.get("revision").asInt()).isZero();
    assertThat(one.get("incoming").get("fileName").asString()).isEqualTo(number + "r1.pdf");
    assertThat(one.get("incoming").get("revision").asInt()).isEqualTo(1);
  }

  @Test
  void everyUrlOfTheCsvServesTheNameSizeAndSha256BesideIt() throws Exception {
    List<List<String>> rows = csv(get("/groups/rev/meetings/m1/documents.csv").body());
    List<String> header = rows.get(0);
    List<String> row = rows.stream().filter(r -> r.get(0).equals(number)).findFirst().orElseThrow();
    int checked = 0;
    for (String prefix : List.of("", "incoming_")) {
      String url = row.get(header.indexOf(prefix + "url"));
      assertThat(url).as(prefix + "url").isNotEmpty();
      byte[] file = download(url);
      assertThat(sha256(file)).as(prefix + "sha256 beside " + url).isEqualTo(row.get(header.indexOf(prefix + "sha256")));
      assertThat(String.valueOf(file.length)).as(prefix + "size").isEqualTo(row.get(header.indexOf(prefix + "size")));
      assertThat(url).as(prefix + "file").endsWith("/" + row.get(header.indexOf(prefix + "file")));
      checked++;
    }
    assertThat(checked).isEqualTo(2);
    assertThat(row.get(header.indexOf("revision"))).isEqualTo("0");
    assertThat(row.get(header.indexOf("incoming_revision"))).isEqualTo("1");
  }

  @Test
  void everyLinkOfTheAtomFeedServesTheSizeAndSha256OfItsEntry() throws Exception {
    var feed = DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(bytes(get("/groups/rev/meetings/m1/documents.atom").body())));
    NodeList entries = feed.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry");
    assertThat(entries.getLength()).isPositive();
    for (int i = 0; i < entries.getLength(); i++) {
      Element entry = (Element) entries.item(i);
      NodeList links = entry.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "link");
      String summary = entry.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "summary").item(0).getTextContent();
      String title = entry.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "title").item(0).getTextContent();
      Matcher sha = SHA.matcher(summary);
      assertThat(sha.find()).as(summary).isTrue();
      for (int l = 0; l < links.getLength(); l++) {
        Element link = (Element) links.item(l);
        String href = URI.create(link.getAttribute("href")).getPath();
        byte[] file = download(href);
        assertThat(sha256(file)).as("the SHA-256 in the entry of " + href).isEqualTo(sha.group(1));
        assertThat(title).startsWith(href.substring(href.lastIndexOf('/') + 1) + ":");
        if (link.getAttribute("rel").equals("enclosure")) {
          assertThat(link.getAttribute("length")).isEqualTo(String.valueOf(file.length));
        }
      }
    }
  }

  @Test
  void everyFileLinkOfTheRegisterPageAndFolderListingServesWhatItNames() throws Exception {
    String page = get("/groups/rev/meetings/m1/documents").body();
    Matcher link = LINK.matcher(page);
    var seen = new ArrayList<String>();
    while (link.find()) {
      String href = link.group(2).replace("&amp;", "&");
      assertThat(href).as(link.group(1)).endsWith("/" + link.group(3));
      assertThat(download(href)).isNotEmpty();
      seen.add(link.group(3));
    }
    assertThat(seen).contains(number + ".pdf", number + "r1.pdf");
    String incomingSize = page.replaceAll("(?s).*" + Pattern.quote(number + "r1.pdf") + "</a>\\s*\\(<span>(\\d+)</span> bytes\\).*", "$1");
    assertThat(incomingSize).isEqualTo(String.valueOf(download("/t/fg/rev/docs/incoming/" + number + "r1.pdf").length));
    for (String folder : List.of("/t/fg/rev/docs/incoming/", "/t/fg/rev/docs/m1/in/")) {
      JsonNode listing = json.readTree(http.send(HttpRequest.newBuilder(uri(folder)).header("Accept", "application/json")
          .build(), HttpResponse.BodyHandlers.ofString()).body());
      for (JsonNode entry : listing.get("entries")) {
        byte[] file = download(folder + entry.get("name").asString());
        assertThat(sha256(file)).isEqualTo(entry.get("sha256").asString());
        assertThat((long) file.length).isEqualTo(entry.get("size").asLong());
      }
    }
  }

  /** Every object with a url and a sha256, at any depth: the url serves that hash, size and name. */
  private void checkJson(JsonNode node, List<String> checked) throws Exception {
    if (node.isArray()) {
      for (JsonNode item : node) {
        checkJson(item, checked);
      }
      return;
    }
    if (!node.isObject()) {
      return;
    }
    JsonNode url = node.get("url");
    if (url != null && !url.isNull()) {
      byte[] file = download(url.asString());
      assertThat(sha256(file)).as("sha256 beside " + url.asString()).isEqualTo(node.get("sha256").asString());
      assertThat(node.get("size").asLong()).as("size beside " + url.asString()).isEqualTo(file.length);
      assertThat(url.asString()).as("fileName beside it").endsWith("/" + node.get("fileName").asString());
      checked.add(url.asString());
    }
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      checkJson(field.getValue(), checked);
    }
  }

  /** RFC 4180 rows: quoted cells may hold commas, doubled quotes and line breaks. */
  private static List<List<String>> csv(String text) {
    var rows = new ArrayList<List<String>>();
    var row = new ArrayList<String>();
    var cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(cell.toString());
        cell.setLength(0);
      } else if (c == '\n') {
        row.add(cell.toString().replaceAll("\r$", ""));
        cell.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
      } else {
        cell.append(c);
      }
    }
    return rows;
  }

  private HttpResponse<String> get(String path) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return response;
  }

  private byte[] download(String path) throws Exception {
    HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri(path)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).as("GET " + path).isEqualTo(200);
    return response.body();
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private PlenaryUser user(String username) {
    return tokens.authenticate(tokens.issue(accounts.find(username).orElseThrow().id(), "test").token()).orElseThrow();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String sha256(String text) {
    return sha256(bytes(text));
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
