package org.plenary.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.plenary.attack.ContentAttackTests.Web;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@code PUT} replaces a resource: a client that sends back what {@code GET} gave it (the round trip every
 * REST client and generated client makes) must change nothing. The group's did not: its terms of reference,
 * leadership and parent came back under other names than the {@code PUT} read, were ignored, and the group
 * lost all three — the chair's own leadership with them, so one edit locked the chair out. A meeting's agenda
 * sent back as {@code agenda} (its name in the meeting) lost every item, a living-list entry its group. Real
 * HTTP, on the demo's FG Cloud, as its chair.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-attack-roundtrip;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}"})
@ActiveProfiles("demo")
class RoundTripAttackTests {

  static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;

  @Test
  @SuppressWarnings("unchecked")
  void aGroupSentBackAsItWasReadKeepsItsTermsOfReferenceLeadershipParentAndLifetime() throws Exception {
    var web = new Web(port);
    String chair = web.token("chair");
    // Read by the chair, who sends it back: leaders' usernames are given only to those who may edit the group.
    String read = web.json("GET", "/api/v1/groups/cloud", chair, null).body();
    Map<String, Object> before = JSON.readValue(read, Map.class);
    assertThat((List<Object>) before.get("termsOfReference")).isNotEmpty();
    assertThat((List<Object>) before.get("leadership")).isNotEmpty();
    assertThat(before.get("parent")).isEqualTo("tsag");

    var put = web.json("PUT", "/api/v1/groups/cloud", chair, read);
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

    Map<String, Object> after = JSON.readValue(web.json("GET", "/api/v1/groups/cloud", chair, null).body(), Map.class);
    for (String field : List.of("termsOfReference", "leadership", "parent", "lifetime", "milestones", "name")) {
      assertThat(after.get(field)).as(field).isEqualTo(before.get(field));
    }
    assertThat(web.json("PUT", "/api/v1/groups/cloud", chair, read).statusCode())
        .as("the chair still manages the group").isEqualTo(200);

    // The names the PUT always read still work, and the lifetime is read from either form.
    Map<String, Object> renamed = JSON.readValue(read, Map.class);
    renamed.put("sections", renamed.remove("termsOfReference"));
    renamed.put("leaders", renamed.remove("leadership"));
    renamed.put("parentSlug", renamed.remove("parent"));
    renamed.remove("lifetime");
    renamed.put("lifetimeMonths", 18);
    assertThat(web.json("PUT", "/api/v1/groups/cloud", chair, JSON.writeValueAsString(renamed)).statusCode())
        .isEqualTo(200);
    Map<String, Object> again = JSON.readValue(web.json("GET", "/api/v1/groups/cloud", chair, null).body(), Map.class);
    assertThat(again.get("leadership")).isEqualTo(before.get("leadership"));
    assertThat(again.get("termsOfReference")).isEqualTo(before.get("termsOfReference"));
    assertThat(((Map<String, Object>) again.get("lifetime")).get("months")).isEqualTo(18);
  }

  @Test
  @SuppressWarnings("unchecked")
  void anAgendaSentBackUnderTheNameTheMeetingGivesItKeepsEveryItem() throws Exception {
    var web = new Web(port);
    String chair = web.token("chair");
    String meeting = "/api/v1/groups/cloud/meetings/1006-gva";
    List<Object> agenda = (List<Object>) JSON.readValue(web.get(meeting).body(), Map.class).get("agenda");
    assertThat(agenda).hasSizeGreaterThan(3);
    var put = web.json("PUT", meeting + "/agenda", chair, JSON.writeValueAsString(Map.of("agenda", agenda)));
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    assertThat(JSON.readValue(web.get(meeting).body(), Map.class).get("agenda")).isEqualTo(agenda);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aLivingListEntrySentBackAsItWasReadKeepsItsGroup() throws Exception {
    var web = new Web(port);
    String chair = web.token("chair");
    var made = web.json("POST", "/api/v1/groups/cloud/living-list", chair,
        "{\"organization\": \"DMTF\", \"group\": \"Cloud Management Working Group\", \"url\": \"https://www.dmtf.org\"}");
    assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
    Map<String, Object> entry = JSON.readValue(made.body(), Map.class);
    assertThat(entry.get("bodyGroup")).isEqualTo("Cloud Management Working Group");
    var put = web.json("PUT", "/api/v1/groups/cloud/living-list/" + entry.get("id"), chair, made.body());
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    assertThat(JSON.readValue(put.body(), Map.class).get("bodyGroup")).isEqualTo("Cloud Management Working Group");
  }
}
