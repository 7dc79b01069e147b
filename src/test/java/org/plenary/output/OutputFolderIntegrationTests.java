package org.plenary.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.plenary.DemoTest;
import org.plenary.account.PlenaryUser;
import org.plenary.contribution.ContributionDesk;
import org.plenary.contribution.OutputAllocation;
import org.plenary.contribution.OutputDesk;
import org.plenary.contribution.OutputType;
import org.plenary.ftp.FtpServer;
import org.plenary.group.GroupCatalog;
import org.plenary.group.GroupDraft;
import org.plenary.meeting.LatePolicy;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.meeting.MeetingDraft;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * An output document published into a public meeting's {@code out/} folder is there on every
 * channel of a published folder: listed and retrievable over anonymous FTP, in the folder's signed,
 * chained {@code MANIFEST.json} and in {@code out.zip}.
 */
@DemoTest
class OutputFolderIntegrationTests {

  @Autowired MockMvc mvc;
  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired OutputDesk outputs;
  @Autowired ContributionDesk documents;
  @Autowired UserDetailsService users;
  @Autowired FtpServer ftpServer;

  @Test
  @SuppressWarnings("unchecked")
  void aPublishedOutputIsListedRetrievableOverFtpAndInTheFoldersManifestAndZip() throws Exception {
    PlenaryUser tsb = (PlenaryUser) users.loadUserByUsername("tsb");
    groups.create(new GroupDraft("opub", "FG Opub", "Focus Group Opub", null, null, "English", 12, null, null, List.of(),
        List.of(), List.of()));
    meetings.schedule("opub", new MeetingDraft("open", LocalDate.now().plusDays(30), LocalDate.now().plusDays(31),
        "Europe/Zurich", "Geneva", null, "gva", null, null, null, null, "English", false, true, null, null, null, null,
        LatePolicy.FLAG, List.of(), List.of()));
    String first = publishOutput("Output report", "first output", tsb);
    String second = publishOutput("Liaison to SG13", "second output", tsb);
    String out = "/t/fg/opub/docs/open/out/";

    assertThat(ftpList(out)).contains(first + ".pdf", second + ".pdf");
    assertThat(new String(ftpRetr(out + second + ".pdf"), StandardCharsets.UTF_8)).isEqualTo("second output");

    byte[] manifestBytes = mvc.perform(get(out + "MANIFEST.json")).andExpect(status().isOk()).andReturn().getResponse()
        .getContentAsByteArray();
    JsonMapper json = JsonMapper.builder().build();
    Map<String, Object> manifest = json.readValue(manifestBytes, LinkedHashMap.class);
    assertThat(manifest.get("version")).isEqualTo(2);
    assertThat(manifest.get("signature")).isNotNull();
    assertThat(((List<Map<String, Object>>) manifest.get("files")).stream().map(f -> f.get("name") + " " + f.get("sha256")))
        .containsExactly(first + ".pdf " + sha256("first output"), second + ".pdf " + sha256("second output"));
    byte[] older = mvc.perform(get(out + "MANIFEST.json").param("version", "1")).andExpect(status().isOk()).andReturn()
        .getResponse().getContentAsByteArray();
    assertThat(manifest.get("previous")).as("chained to version 1")
        .isEqualTo(org.plenary.archive.ArchiveFixture.versionHash(older));

    var zip = mvc.perform(get("/t/fg/opub/docs/open/out.zip")).andExpect(status().isOk()).andReturn();
    if (zip.getRequest().isAsyncStarted()) {
      zip = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch(zip))
          .andExpect(status().isOk()).andReturn();
    }
    Map<String, String> members = new LinkedHashMap<>();
    try (var in = new ZipInputStream(new ByteArrayInputStream(zip.getResponse().getContentAsByteArray()))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        members.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    assertThat(members.keySet()).containsExactly("opub-open-out/MANIFEST.json", "opub-open-out/" + first + ".pdf",
        "opub-open-out/" + second + ".pdf");
    assertThat(members.get("opub-open-out/" + first + ".pdf")).isEqualTo("first output");
    assertThat(members.get("opub-open-out/MANIFEST.json").getBytes(StandardCharsets.UTF_8)).isEqualTo(manifestBytes);
  }

  private String publishOutput(String title, String text, PlenaryUser tsb) {
    String number = outputs.allocate("opub", "open", new OutputAllocation(title, null, OutputType.MEETING_REPORT, List.of(),
        List.of()), tsb).number();
    documents.upload(number, number + ".pdf", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), tsb);
    documents.publish(number, tsb);
    return number;
  }

  private static String sha256(String text) throws Exception {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private List<String> ftpList(String path) throws IOException {
    FTPClient ftp = anonymous();
    try {
      return List.of(ftp.listNames(path)).stream().map(n -> n.substring(n.lastIndexOf('/') + 1)).toList();
    } finally {
      ftp.disconnect();
    }
  }

  private byte[] ftpRetr(String path) throws IOException {
    FTPClient ftp = anonymous();
    try {
      var bytes = new ByteArrayOutputStream();
      assertThat(ftp.retrieveFile(path, bytes)).as(ftp.getReplyString()).isTrue();
      return bytes.toByteArray();
    } finally {
      ftp.disconnect();
    }
  }

  private FTPClient anonymous() throws IOException {
    FTPClient ftp = new FTPClient();
    ftp.connect(InetAddress.getLoopbackAddress(), ftpServer.port());
    assertThat(ftp.login("anonymous", "guest@example.org")).isTrue();
    ftp.enterLocalPassiveMode();
    ftp.setFileType(FTP.BINARY_FILE_TYPE);
    return ftp;
  }
}
