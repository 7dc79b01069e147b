package org.plenary.attack;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.plenary.attack.ContentAttackTests.Web;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Documents stay on their agenda items: editing, inserting, reordering or renaming items on the page
 * or with {@code PUT .../agenda} never moves a contribution to another item, and an item with
 * documents cannot be removed from under them. Real HTTP, with the hostile variants (an id of
 * another meeting, a repeated id, an id that is not a number).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-attack-content;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}"})
@ActiveProfiles("demo")
class AgendaIntegrityTests {

  @LocalServerPort int port;

  @Test
  void noAgendaEditThroughTheApiMovesADocumentToAnotherItemOrRemovesAnItemThatHasDocuments() throws Exception {
    var web = new Web(port);
    String tsb = web.token("tsb");
    String alice = web.token("alice");
    String meeting = "/api/v1/groups/agenda-api/meetings/4101-gva";
    schedule(web, tsb, "agenda-api", "4101-gva");
    put(web, tsb, meeting, 200, item(null, "Opening"), item(null, "Working methods"), item(null, "Deliverables"));
    List<Long> ids = ids(web, meeting);

    String onTwo = allocate(web, alice, meeting, "{\"agendaItems\": [2]}");
    String onThreeById = allocate(web, alice, meeting, "{\"agendaItemIds\": [" + ids.get(2) + "]}");

    // Insert a new first item, rename item 2, and reverse the rest.
    put(web, tsb, meeting, 200, item(null, "Approval of the agenda"), item(ids.get(2), "Deliverables"),
        item(ids.get(1), "Working methods and procedures"), item(ids.get(0), "Opening"));
    assertThat(ids(web, meeting)).hasSize(4).containsSubsequence(ids.get(2), ids.get(1), ids.get(0));
    assertOn(web, onTwo, ids.get(1), 3);
    assertOn(web, onThreeById, ids.get(2), 2);
    String register = web.get(meeting + "/contributions").body();
    assertThat(JsonPath.<List<Integer>>read(register, "$[?(@.number == '" + onTwo + "')].agendaItems[0]"))
        .containsExactly(3);
    assertThat(web.get("/groups/agenda-api/meetings/4101-gva/documents?item=3").body())
        .contains(onTwo).doesNotContain(onThreeById);
    assertThat(web.get("/groups/agenda-api/meetings/4101-gva/documents.csv").body())
        .contains("\"" + onTwo + "\",\"Proposal\",\"Orange\",\"3\",")
        .contains("\"" + onThreeById + "\",\"Proposal\",\"Orange\",\"2\",");

    // Hostile ids: another meeting's item, an unknown one, one repeated, one that is no number.
    long foreign = ids(web, "/api/v1/groups/cloud/meetings/1006-gva").get(0);
    var now = ids(web, meeting);
    for (String hostile : List.of(
        items(item(foreign, "Taken from 1006-gva"), item(now.get(1), "Deliverables"), item(now.get(2), "W"),
            item(now.get(3), "Opening")),
        items(item(999_999_999L, "Unknown"), item(now.get(1), "Deliverables"), item(now.get(2), "W"),
            item(now.get(3), "Opening")),
        items(item(now.get(1), "Deliverables"), item(now.get(1), "Again"), item(now.get(2), "W"),
            item(now.get(3), "Opening")),
        "{\"items\": [{\"id\": \"x\", \"title\": \"Not a number\"}]}")) {
      var refused = web.json("PUT", meeting + "/agenda", tsb, hostile);
      assertThat(refused.statusCode()).as(hostile + " → " + refused.body()).isEqualTo(400);
      assertThat(refused.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
    }
    assertThat(ids(web, meeting)).isEqualTo(now);
    assertThat(web.get("/api/v1/groups/cloud/meetings/1006-gva").body()).doesNotContain("Taken from 1006-gva");

    // Removing the items that have documents is refused, naming them; the agenda stays as it was.
    var removal = web.json("PUT", meeting + "/agenda", tsb, items(item(now.get(0), "Approval of the agenda")));
    assertThat(removal.statusCode()).as(removal.body()).isEqualTo(409);
    assertThat(removal.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
    assertThat(JsonPath.<String>read(removal.body(), "$.detail")).contains(onTwo, onThreeById,
        "Working methods and procedures", "Deliverables");
    assertThat(ids(web, meeting)).isEqualTo(now);
    // An item without documents may go; the documents stay where they were.
    put(web, tsb, meeting, 200, item(now.get(1), "Deliverables"), item(now.get(2), "Working methods"));
    assertOn(web, onTwo, now.get(2), 2);
    assertOn(web, onThreeById, now.get(1), 1);
    // A participant may not edit the agenda at all.
    assertThat(web.json("PUT", meeting + "/agenda", alice, items(item(null, "Mine"))).statusCode()).isEqualTo(403);
  }

  @Test
  void noAgendaEditOnThePageMovesADocumentToAnotherItemOrRemovesAnItemThatHasDocuments() throws Exception {
    var web = new Web(port).signIn("tsb");
    String tsb = web.token("tsb");
    String alice = web.token("alice");
    String meeting = "/api/v1/groups/agenda-page/meetings/4102-gva";
    String page = "/groups/agenda-page/meetings/4102-gva/agenda";
    schedule(web, tsb, "agenda-page", "4102-gva");
    put(web, tsb, meeting, 200, item(null, "Opening"), item(null, "Working methods"), item(null, "Deliverables"));
    List<Long> ids = ids(web, meeting);
    assertThat(web.get(page).body()).contains("value=\"" + ids.get(1) + "\"");
    String onTwo = allocate(web, alice, meeting, "{\"agendaItems\": [2]}");

    // Move "Working methods" to the end, rename it, and add an item at the top.
    var saved = web.post(page, page, rows(item(null, "Approval of the agenda"), item(ids.get(0), "Opening"),
        item(ids.get(2), "Deliverables"), item(ids.get(1), "Working methods, renamed")));
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
    assertOn(web, onTwo, ids.get(1), 4);
    assertThat(web.get("/documents/" + onTwo).body()).contains("4. Working methods, renamed")
        .doesNotContain("2. Opening");

    // An id taken from another meeting is a field error, and nothing changes.
    long foreign = ids(web, "/api/v1/groups/cloud/meetings/1006-gva").get(0);
    var now = ids(web, meeting);
    var tampered = web.post(page, page, rows(item(foreign, "Taken"), item(now.get(1), "Opening"),
        item(now.get(2), "Deliverables"), item(now.get(3), "Working methods, renamed")));
    assertThat(tampered.statusCode()).isEqualTo(200);
    assertThat(tampered.body()).contains("this meeting’s agenda does not have");
    assertThat(ids(web, meeting)).isEqualTo(now);

    // Removing the item with the document is refused with its number; the page keeps the edit.
    var removal = web.post(page, page, rows(item(now.get(0), "Approval of the agenda"), item(now.get(1), "Opening"),
        item(now.get(2), "Deliverables")));
    assertThat(removal.statusCode()).isEqualTo(200);
    assertThat(removal.body()).contains("Agenda items with documents cannot be removed").contains(onTwo)
        .contains("Working methods, renamed");
    assertThat(ids(web, meeting)).isEqualTo(now);
  }

  private static void schedule(Web web, String token, String slug, String code) throws Exception {
    var group = web.json("POST", "/api/v1/groups", token, """
        {"slug": "%s", "acronym": "FG %s", "name": "Focus Group %s", "workingLanguage": "English",
         "lifetimeMonths": 12, "sections": [], "leaders": [], "milestones": []}""".formatted(slug, slug, slug));
    assertThat(group.statusCode()).as(group.body()).isEqualTo(201);
    var meeting = web.json("POST", "/api/v1/groups/" + slug + "/meetings", token, """
        {"code": "%s", "startDate": "2041-01-10", "endDate": "2041-01-12", "venueName": "ITU", "venueCode": "gva",
         "timeZone": "Europe/Zurich", "languages": "English", "documentsPublic": true}""".formatted(code));
    assertThat(meeting.statusCode()).as(meeting.body()).isEqualTo(201);
  }

  private static String item(Long id, String title) {
    return (id == null ? "{" : "{\"id\": " + id + ", ") + "\"title\": " + Web.quote(title) + "}";
  }

  private static String items(String... items) {
    return "{\"items\": [" + String.join(", ", items) + "]}";
  }

  private static void put(Web web, String token, String meeting, int status, String... items) throws Exception {
    var response = web.json("PUT", meeting + "/agenda", token, items(items));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
  }

  private static List<Long> ids(Web web, String meeting) throws Exception {
    List<Number> ids = JsonPath.read(web.get(meeting).body(), "$.agenda[*].id");
    return ids.stream().map(Number::longValue).toList();
  }

  private static String allocate(Web web, String token, String meeting, String agenda) throws Exception {
    String body = "{\"title\": \"Proposal\", \"source\": \"Orange\", " + agenda.substring(1);
    var response = web.json("POST", meeting + "/contributions", token, body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return JsonPath.read(response.body(), "$.number");
  }

  private static void assertOn(Web web, String number, long itemId, int itemNumber) throws Exception {
    String body = web.get("/api/v1/contributions/" + number).body();
    assertThat(JsonPath.<List<Number>>read(body, "$.agendaItemIds")).as(number).hasSize(1)
        .allSatisfy(id -> assertThat(id.longValue()).isEqualTo(itemId));
    assertThat(JsonPath.<List<Integer>>read(body, "$.agendaItems")).as(number).containsExactly(itemNumber);
  }

  /** The agenda form's fields for these items ({"id": …, "title": …} as written by {@link #item}). */
  private static List<Map.Entry<String, String>> rows(String... items) {
    var fields = new ArrayList<Map.Entry<String, String>>();
    var id = Pattern.compile("\"id\": (\\d+)");
    var title = Pattern.compile("\"title\": \"([^\"]*)\"");
    for (int i = 0; i < items.length; i++) {
      var idMatch = id.matcher(items[i]);
      fields.add(Map.entry("items[" + i + "].id", idMatch.find() ? idMatch.group(1) : ""));
      var titleMatch = title.matcher(items[i]);
      titleMatch.find();
      fields.add(Map.entry("items[" + i + "].title", titleMatch.group(1)));
      fields.add(Map.entry("items[" + i + "].description", ""));
    }
    return fields;
  }
}
