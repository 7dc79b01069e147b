package org.plenary.contribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.plenary.DemoMeetings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.plenary.account.PlenaryUser;
import org.plenary.ftp.FtpServer;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.web.ApiTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * A version waiting in the incoming folder is not replaced in silence: two co-authors (or two tabs)
 * sending the same revision are told, on the API (409 without If-Match, 412 with a stale one), on the
 * document's page (the version it showed, in a hidden field) and over FTP (STOR overwrites one's own
 * waiting file, not a co-author's).
 */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-waiting-version;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}"})
@ActiveProfiles("demo")
@AutoConfigureMockMvc
@Import(ApiTokens.class)
class WaitingVersionTests {

  @Autowired MockMvc mvc;
  @Autowired ApiTokens tokens;
  @Autowired MeetingCatalog meetings;
  @Autowired GroupCatalog groups;
  @Autowired ContributionDesk desk;
  @Autowired UserDetailsService users;
  @Autowired FtpServer ftp;

  @Test
  void theApiReplacesAWaitingVersionOnlyWhenIfMatchNamesIt() throws Exception {
    String number = allocate();
    String alices = sha256(api("alice", number, "alice's draft", null).andExpect(status().isCreated()));

    api("bob", number, "bob's draft", null).andExpect(status().isConflict())
        .andExpect(jsonPath("$.detail").value(allOf(containsString(number + ".txt"), containsString("Alice"),
            containsString("If-Match"))));
    api("bob", number, "bob's draft", "\"" + "0".repeat(64) + "\"").andExpect(status().isPreconditionFailed());
    // A name to correct is said first, whatever waits: sent again under the right name, it is the 409 above.
    mvc.perform(multipart("/api/v1/contributions/" + number + "/files")
            .file(new MockMultipartFile("file", number.toLowerCase(java.util.Locale.ROOT) + ".txt", "text/plain",
                "bob's draft".getBytes(StandardCharsets.UTF_8)))
            .header("Authorization", tokens.bearer("bob")))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail").value(containsString(number + ".txt")));
    assertThat(waiting(number)).isEqualTo(alices);

    String bobs = sha256(api("bob", number, "bob's draft", "\"" + alices + "\"").andExpect(status().isCreated()));
    assertThat(waiting(number)).isEqualTo(bobs);
    // Alice's tab still names her own version, which is no longer the one waiting.
    api("alice", number, "alice's second draft", "\"" + alices + "\"").andExpect(status().isPreconditionFailed())
        .andExpect(jsonPath("$.detail").value(containsString("no longer the one you meant to replace")));
    api("alice", number, "alice's second draft", "*").andExpect(status().isCreated());
    // A list that holds * is any version, as publish reads it.
    api("alice", number, "alice's third draft", "\"" + "0".repeat(64) + "\", *").andExpect(status().isCreated());
    mvc.perform(get("/api/v1/contributions/" + number + "/audit"))
        .andExpect(jsonPath("$[*].action").value(org.hamcrest.Matchers.contains(
            "ALLOCATED", "UPLOADED", "REPLACED", "UPLOADED", "REPLACED", "UPLOADED", "REPLACED", "UPLOADED")));
  }

  @Test
  void theDocumentsPageReplacesOnlyTheVersionItShowed() throws Exception {
    String number = allocate();
    var alice = user(users.loadUserByUsername("alice"));
    var bob = user(users.loadUserByUsername("bob"));
    String empty = replacesField(alice, number);
    assertThat(empty).isEmpty();
    String bobsPage = replacesField(bob, number);

    page(alice, number, "alice's draft", empty).andExpect(flash().attributeExists("notice"));
    String alices = waiting(number);
    // Bob's tab was opened before Alice's version came: it names no version, and does not replace hers.
    page(bob, number, "bob's draft", bobsPage)
        .andExpect(flash().attribute("problem", allOf(containsString(number + ".txt"), containsString("Alice"))));
    assertThat(waiting(number)).isEqualTo(alices);

    String shown = replacesField(bob, number);
    assertThat(shown).isEqualTo(alices);
    assertThat(mvc.perform(get("/documents/" + number).with(bob)).andReturn().getResponse()
        .getContentAsString(StandardCharsets.UTF_8)).contains("This replaces the version waiting now: " + number + ".txt");
    page(bob, number, "bob's draft", shown).andExpect(flash().attributeExists("notice"));
    assertThat(waiting(number)).isNotEqualTo(alices);
  }

  @Test
  void ftpOverwritesOnesOwnWaitingFileButNotACoauthors() throws Exception {
    String number = allocate();
    String name = number + ".txt";
    String path = "/t/fg/cloud/docs/incoming/" + name;
    FTPClient alice = signIn("alice", "alice-demo");
    assertThat(alice.storeFile(path, bytes("first"))).as(alice.getReplyString()).isTrue();
    assertThat(alice.storeFile(path, bytes("second, her own again"))).as(alice.getReplyString()).isTrue();
    String alices = waiting(number);
    assertThat(alices).isEqualTo(ContributionApiControllerTests.sha256("second, her own again"));

    FTPClient bob = signIn("bob", "bob-demo");
    assertThat(bob.storeFile(path, bytes("bob's"))).isFalse();
    assertThat(bob.getReplyCode()).isEqualTo(550);
    assertThat(bob.getReplyString()).contains(name, "Alice");
    assertThat(waiting(number)).isEqualTo(alices);
    var out = new ByteArrayOutputStream();
    assertThat(bob.retrieveFile(path, out)).isTrue();
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("second, her own again");
    alice.disconnect();
    bob.disconnect();
  }

  private static ByteArrayInputStream bytes(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private FTPClient signIn(String username, String password) throws IOException {
    FTPClient client = new FTPClient();
    client.setDefaultTimeout(10_000);
    client.setDataTimeout(Duration.ofSeconds(10));
    client.connect(InetAddress.getByName("127.0.0.1"), ftp.port());
    assertThat(client.login(username, password)).as(client.getReplyString()).isTrue();
    client.enterLocalPassiveMode();
    client.setFileType(FTP.BINARY_FILE_TYPE);
    return client;
  }

  private String replacesField(org.springframework.test.web.servlet.request.RequestPostProcessor who, String number)
      throws Exception {
    String page = mvc.perform(get("/documents/" + number).with(who)).andReturn().getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
    var field = Pattern.compile("name=\"replaces\" value=\"([0-9a-f]*)\"").matcher(page);
    assertThat(field.find()).as("the upload form names the version it replaces").isTrue();
    return field.group(1);
  }

  private ResultActions page(org.springframework.test.web.servlet.request.RequestPostProcessor who, String number,
      String content, String replaces) throws Exception {
    return mvc.perform(multipart("/documents/" + number + "/files")
        .file(new MockMultipartFile("file", number + ".txt", "text/plain", content.getBytes(StandardCharsets.UTF_8)))
        .param("replaces", replaces).with(who).with(csrf()));
  }

  private ResultActions api(String who, String number, String content, String ifMatch) throws Exception {
    var request = multipart("/api/v1/contributions/" + number + "/files")
        .file(new MockMultipartFile("file", number + ".txt", "text/plain", content.getBytes(StandardCharsets.UTF_8)))
        .header("Authorization", tokens.bearer(who));
    if (ifMatch != null) {
      request.header("If-Match", ifMatch);
    }
    return mvc.perform(request);
  }

  private static String sha256(ResultActions created) throws Exception {
    return created.andReturn().getResponse().getContentAsString().replaceAll(".*\"sha256\":\"([0-9a-f]+)\".*", "$1");
  }

  private String waiting(String number) {
    return desk.get(number).incoming().orElseThrow().sha256();
  }

  /** A number of Alice's, with Bob as co-author. */
  private String allocate() {
    String code = DemoMeetings.upcoming(groups, meetings);
    PlenaryUser alice = (PlenaryUser) users.loadUserByUsername("alice");
    return desk.allocate("cloud", code, new Allocation("Shared draft", "An organization", List.of(), null,
        List.of("bob")), alice).number();
  }
}
