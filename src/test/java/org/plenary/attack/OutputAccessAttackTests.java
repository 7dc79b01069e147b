package org.plenary.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plenary.DemoTest;
import org.plenary.account.PlenaryUser;
import org.plenary.contribution.ContributionDesk;
import org.plenary.contribution.OutputAllocation;
import org.plenary.contribution.OutputDesk;
import org.plenary.contribution.OutputType;
import org.plenary.contribution.Reader;
import org.plenary.group.GroupCatalog;
import org.plenary.group.GroupDraft;
import org.plenary.meeting.LatePolicy;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.meeting.MeetingDraft;
import org.plenary.output.DeliverableDesk;
import org.plenary.output.DeliverableKind;
import org.plenary.output.LivingListDesk;
import org.plenary.ftp.FtpServer;
import org.plenary.web.ApiTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The outputs of a meeting whose documents are for participants only go through DocumentAccess on
 * every channel that names them: the out/ folder and its files, the outputs API, a document by
 * number, a deliverable's versions and the living list's liaison statements.
 */
@DemoTest
class OutputAccessAttackTests {

  @Autowired MockMvc mvc;
  @Autowired ApiTokens tokens;
  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired OutputDesk outputs;
  @Autowired ContributionDesk documents;
  @Autowired DeliverableDesk deliverables;
  @Autowired LivingListDesk livingList;
  @Autowired UserDetailsService users;
  @Autowired FtpServer ftpServer;

  @Test
  void aStrangerLearnsNothingOfAPrivateMeetingsOutputs() throws Exception {
    PlenaryUser tsb = (PlenaryUser) users.loadUserByUsername("tsb");
    groups.create(new GroupDraft("hush", "FG Hush", "Focus Group Hush", null, null, "English", 12, null, null, List.of(),
        List.of(), List.of()));
    meetings.schedule("hush", new MeetingDraft("closed", LocalDate.now().plusDays(30), LocalDate.now().plusDays(31),
        "Europe/Zurich", "Geneva", null, "gva", null, null, null, null, "English", false, false, null, null, null, null,
        LatePolicy.FLAG, List.of(), List.of()));
    String number = outputs.allocate("hush", "closed", new OutputAllocation("Secret liaison", null,
        OutputType.LIAISON_STATEMENT, List.of(), List.of()), tsb).number();
    documents.upload(number, number + ".pdf", new ByteArrayInputStream("secret".getBytes(StandardCharsets.UTF_8)), tsb);
    documents.publish(number, tsb);
    var deliverable = deliverables.create("hush", "Hushed TR", DeliverableKind.TECHNICAL_REPORT, null, List.of(), tsb);
    deliverables.addVersion("hush", deliverable.id(), number, tsb);
    livingList.save("hush", null, new LivingListDesk.EntryDraft("Other SDO", null, null, null, null, null, number), tsb);

    String file = "/t/fg/hush/docs/closed/out/" + number + ".pdf";
    mvc.perform(get("/t/fg/hush/docs/closed/out/")).andExpect(status().is3xxRedirection());
    // A file is a download: a script asking without credentials is told to send a token, not sent to a page.
    mvc.perform(get(file)).andExpect(status().isUnauthorized())
        .andExpect(result -> assertThat(result.getResponse().getHeader("WWW-Authenticate")).startsWith("Bearer"));
    mvc.perform(get("/t/fg/hush/docs/closed/out/").accept(MediaType.APPLICATION_JSON))
        .andExpect(result -> assertThat(result.getResponse().getContentAsString()).doesNotContain(number));
    mvc.perform(get("/api/v1/groups/hush/meetings/closed/outputs")).andExpect(status().isUnauthorized());
    mvc.perform(get("/api/v1/contributions/" + number)).andExpect(status().isNotFound());
    for (String path : List.of("/api/v1/groups/hush/deliverables", "/api/v1/groups/hush/living-list",
        "/api/v1/groups/hush/living-list.csv", "/groups/hush/deliverables", "/groups/hush/deliverables/" + deliverable.id(),
        "/groups/hush/living-list", "/groups/hush", "/groups/hush/deliverables.atom", "/t/fg/hush/docs/closed/")) {
      String body = mvc.perform(get(path)).andReturn().getResponse().getContentAsString();
      assertThat(body).as(path).doesNotContain(number);
    }
    assertThat(deliverables.get("hush", deliverable.id(), Reader.ANONYMOUS).versions()).isEmpty();
    assertFtpStrangerSeesNothing(number);

    String participant = tokens.bearer("alice");
    mvc.perform(get("/api/v1/groups/hush/meetings/closed/outputs").header("Authorization", participant))
        .andExpect(status().isOk())
        .andExpect(result -> assertThat(result.getResponse().getContentAsString()).contains(number));
    mvc.perform(get("/api/v1/groups/hush/deliverables").header("Authorization", participant))
        .andExpect(result -> assertThat(result.getResponse().getContentAsString()).contains(number));
    mvc.perform(get("/api/v1/groups/hush/living-list").header("Authorization", participant))
        .andExpect(result -> assertThat(result.getResponse().getContentAsString()).contains(number));
  }

  /** Over anonymous FTP the private meeting's out/ folder neither lists nor serves the output, nor names it anywhere above. */
  private void assertFtpStrangerSeesNothing(String number) throws Exception {
    FTPClient ftp = new FTPClient();
    ftp.connect(InetAddress.getLoopbackAddress(), ftpServer.port());
    try {
      assertThat(ftp.login("anonymous", "stranger@example.org")).isTrue();
      ftp.enterLocalPassiveMode();
      ftp.setFileType(FTP.BINARY_FILE_TYPE);
      for (String folder : List.of("/t/fg/hush/docs/closed/out/", "/t/fg/hush/docs/closed/", "/t/fg/hush/docs/")) {
        String[] names = ftp.listNames(folder);
        assertThat(names == null ? List.of() : List.of(names)).as(folder).noneMatch(n -> n.contains(number));
      }
      var bytes = new ByteArrayOutputStream();
      assertThat(ftp.retrieveFile("/t/fg/hush/docs/closed/out/" + number + ".pdf", bytes)).as(ftp.getReplyString())
          .isFalse();
      assertThat(ftp.getReplyCode()).isGreaterThanOrEqualTo(400);
      assertThat(bytes.toString(StandardCharsets.UTF_8)).doesNotContain("secret");
    } finally {
      ftp.disconnect();
    }
  }
}
