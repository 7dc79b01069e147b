package org.plenary.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.plenary.Browser;
import org.plenary.contribution.DemoApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The demo filled with the longest values the server accepts (a group's name and acronym, the meeting's venue, address
 * and registration desk, an organization, a participant's name and function, a document's title and source, a
 * rejection's reason, a term and its definition), each with a long unbroken address and Chinese text in it, and its
 * mails sent to a real SMTP server (GreenMail). A context of its own: nothing here reaches another test's pages.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-long-values;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}",
    "plenary.ftp.enabled=false",
    "spring.mail.host=127.0.0.1",
    "spring.mail.port=16125",
    "plenary.mail.from=tsb@plenary.example",
    "plenary.base-url=https://plenary.example",
    "plenary.catalog.cache-time=1s"})
@ActiveProfiles("demo")
@ExtendWith(Browser.Installed.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LongDemoBrowserTest {

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(16125, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
      .withPerMethodLifecycle(false);

  /** What fills every value: words, a pasted address of 150 characters without a break, and Chinese. */
  private static final String FILLING = "Cloud computing reference architecture "
      + "https://www.itu.int/en/ITU-T/focusgroups/cloud/Documents/FG-Cloud-reference-architecture-and-taxonomy-of-"
      + "services-final-draft.docx 云计算参考架构和服务分类的最终草案 ";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  Browser browser;
  DemoApi api;
  /** Seeded once for the context, which the classes extending this share. */
  static String code;
  static String number;
  static String rejected;
  /** Pages only a link made here leads to: the draft circular and the visa letter's re-issue form. */
  static java.util.Set<String> seeded;

  /** A text of exactly {@code length} characters of {@link #FILLING}, with no space at either end. */
  static String longest(int length) {
    var text = new StringBuilder();
    while (text.length() < length) {
      text.append(FILLING);
    }
    return text.substring(0, length - 1) + "X";
  }

  @BeforeAll
  void seed() throws Exception {
    browser = new Browser(port, 1280, 900);
    api = new DemoApi(HttpClient.newHttpClient(), port);
    if (code != null) {
      return;
    }
    code = api.upcoming();
    // What the demo loads, set to its longest: the forms' and the API's bounds are the columns' sizes.
    jdbc.sql("UPDATE plenary_groups SET name = ?, acronym = ? WHERE slug = 'cloud'")
        .params(longest(200), "FG " + "CloudComputingReferenceArchitecture".repeat(2).substring(0, 37)).update();
    jdbc.sql("UPDATE meetings SET venue_name = ?, venue_address = ?, desk_place = ? WHERE code = ?")
        .params(longest(200), longest(500), longest(200), code).update();
    jdbc.sql("UPDATE organizations SET name = ? WHERE id = (SELECT organization_id FROM accounts WHERE username = 'alice')")
        .param(longest(200)).update();
    jdbc.sql("UPDATE accounts SET display_name = ? WHERE username IN ('alice', 'bob')").param(longest(200)).update();
    Thread.sleep(1_200); // groups and meetings read before are kept for plenary.catalog.cache-time (1 s here)
    String alice = api.token("alice");
    String bob = api.token("bob");
    long organization = jdbc.sql("SELECT organization_id FROM accounts WHERE username = 'alice'").query(Long.class).single();
    number = DemoApi.field(post(alice, "/api/v1/groups/cloud/meetings/" + code + "/contributions",
        "{\"title\":\"" + longest(500) + "\",\"source\":\"" + longest(500) + "\"}"), "number");
    assertThat(api.upload(alice, number, number + ".txt", "text".getBytes()).statusCode()).isBetween(200, 201);
    String registration = "{\"fullName\": \"" + longest(200) + "\", \"email\": \"%s@example.org\", \"organizationId\": "
        + organization + ", \"countryCode\": \"FR\", \"attendance\": \"IN_PERSON\", \"function\": \"" + longest(200) + "\"}";
    String approved = id(post(alice, "/api/v1/groups/cloud/meetings/" + code + "/registrations",
        registration.formatted("alice")));
    rejected = id(post(bob, "/api/v1/groups/cloud/meetings/" + code + "/registrations",
        registration.formatted("bob")));
    String focal = api.token("focal");
    post(focal, "/api/v1/registrations/" + approved + "/approve", null);
    post(focal, "/api/v1/registrations/" + rejected + "/reject", "{\"reason\":\"" + longest(1000) + "\"}");
    var visa = post(alice, "/api/v1/registrations/" + approved + "/visa", """
        {"fullName": "%s", "function": "%s", "birthDate": "1980-02-29", "birthPlace": "%s",
         "nationality": "French", "passportNumber": "X1234567", "issuingCountry": "France", "issuedOn": "2020-01-01",
         "expiresOn": "%s", "mission": "%s"}""".formatted("Alice Example", "Engineer", longest(200),
        java.time.LocalDate.now().plusYears(3), longest(300)));
    String tsb = api.token("tsb");
    post(tsb, "/api/v1/visa/" + id(visa) + "/approve", null);
    var circular = post(tsb, "/api/v1/groups/cloud/meetings/" + code + "/circulars", """
        {"number":"TSB Circular 950","dated":"%s","signatory":"The Director","paragraphs":["%s"]}"""
        .formatted(java.time.LocalDate.now(), longest(2000)));
    seeded = java.util.Set.of("/documents/" + number, "/registrations/" + rejected, "/circulars/" + id(circular),
        "/visa/" + id(visa) + "/reissue-requests/new", "/registrations/" + approved + "/visa");
    post(api.token("chair"), "/api/v1/groups/cloud/terms",
        "{\"term\":\"" + longest(200) + "\",\"definition\":\"" + longest(4000) + "\",\"source\":\"" + longest(500) + "\"}");
  }

  static String id(String json) {
    return json.replaceAll("(?s).*?\"id\":(\\d+).*", "$1");
  }

  String post(String token, String path, String json) throws Exception {
    var response = api.http().send(HttpRequest.newBuilder(api.url(path)).header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("POST " + path + ": " + response.body()).isBetween(200, 299);
    return response.body();
  }

  @AfterAll
  void close() {
    if (browser != null) {
      browser.close();
    }
  }
}
