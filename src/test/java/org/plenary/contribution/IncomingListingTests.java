package org.plenary.contribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plenary.DemoMeetings;
import org.plenary.DemoTest;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/** The incoming folder read again after each change, and its page as strangers and signed-in readers get it. */
@DemoTest
class IncomingListingTests {

  @Autowired MockMvc mvc;
  @Autowired MeetingCatalog meetings;
  @Autowired GroupCatalog groups;
  @Autowired UserDetailsService users;
  @Autowired DocumentFolders folders;

  @Test
  void aChangedFolderKeepsItsUnchangedLinesAndShowsTheNewVersionOfAReplacedOne() throws Exception {
    String first = allocate("Use cases");
    String second = allocate("Requirements");
    upload(first, "one");
    upload(second, "two");
    List<FolderEntry> before = folders.incoming("cloud", new Reader("tsb")).entries();
    FolderEntry firstBefore = entry(before, first);
    FolderEntry secondBefore = entry(before, second);
    assertThat(secondBefore.sha256()).isEqualTo(sha256("two"));

    upload(second, "two, again");
    List<FolderEntry> after = folders.incoming("cloud", new Reader("tsb")).entries();
    // The line that did not change is the one kept before, not a copy read again; the replaced one is new.
    assertThat(entry(after, first)).isSameAs(firstBefore);
    assertThat(entry(after, second)).isNotSameAs(secondBefore);
    assertThat(entry(after, second).sha256()).isEqualTo(sha256("two, again"));
    assertThat(entry(after, second).size()).isEqualTo(10);
    assertThat(entry(after, second).title()).isEqualTo("Requirements");
    assertThat(after).extracting(FolderEntry::name).isSorted().doesNotHaveDuplicates();
    assertThat(after).hasSameSizeAs(before);
  }

  @Test
  void aStrangerAndASignedInReaderGetTheSameListingInsideTheirPages() throws Exception {
    String number = allocate("Architecture");
    upload(number, "three");
    var stranger = mvc.perform(get("/t/fg/cloud/docs/incoming/").accept("text/html")).andReturn().getResponse();
    String page = stranger.getContentAsString(StandardCharsets.UTF_8);
    assertThat(stranger.getContentLengthLong()).isEqualTo(stranger.getContentAsByteArray().length);
    // The row's hash, whole and once (the stylesheet shortens it).
    String line = "<td>" + sha256("three") + "\n";
    assertThat(page).contains("Index of /t/fg/cloud/docs/incoming/", number + ".docx", line).contains("</html>");
    String signedIn = mvc.perform(get("/t/fg/cloud/docs/incoming/").accept("text/html").with(user(users.loadUserByUsername("tsb"))))
        .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    assertThat(signedIn).contains(number + ".docx", line);
    String listing = page.substring(page.indexOf("<table class=\"listing\">"), page.indexOf("</table>"));
    assertThat(signedIn).contains(listing);
  }

  @Test
  void aLargeListingIsKeptAsAFileAndSentWhole_inRanges_andGzippedToWhoAsks() throws Exception {
    for (int i = 0; i < 100; i++) {
      String number = allocate("A long title for a large listing ".repeat(14) + i);
      upload(number, "document " + i);
    }
    var whole = mvc.perform(get("/t/fg/cloud/docs/incoming/").accept("text/html")).andReturn().getResponse();
    byte[] page = whole.getContentAsByteArray();
    assertThat(page.length).isGreaterThan(ListingFiles.SMALL);
    assertThat(whole.getContentLengthLong()).isEqualTo(page.length);
    assertThat(new String(page, StandardCharsets.UTF_8)).contains("Index of /t/fg/cloud/docs/incoming/", "</html>");
    String etag = whole.getHeader("ETag");

    var range = mvc.perform(get("/t/fg/cloud/docs/incoming/").accept("text/html").header("Range", "bytes=100-199"))
        .andReturn().getResponse();
    assertThat(range.getStatus()).isEqualTo(206);
    assertThat(range.getContentAsByteArray()).isEqualTo(java.util.Arrays.copyOfRange(page, 100, 200));
    assertThat(mvc.perform(get("/t/fg/cloud/docs/incoming/").accept("text/html").header("If-None-Match", etag))
        .andReturn().getResponse().getStatus()).isEqualTo(304);

    var gzipped = mvc.perform(get("/t/fg/cloud/docs/incoming/").accept("text/html").header("Accept-Encoding", "gzip, br"))
        .andReturn().getResponse();
    assertThat(gzipped.getHeader("Content-Encoding")).isEqualTo("gzip");
    assertThat(gzipped.getHeader("ETag")).isNotEqualTo(etag).endsWith("-gz\"");
    assertThat(gzipped.getHeader("Vary")).contains("Accept-Encoding");
    assertThat(gzipped.getContentAsByteArray().length).isLessThan(page.length / 4);
    try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzipped.getContentAsByteArray()))) {
      assertThat(in.readAllBytes()).isEqualTo(page);
    }
    var refused = mvc.perform(get("/t/fg/cloud/docs/incoming/").accept("text/html").header("Accept-Encoding", "gzip;q=0"))
        .andReturn().getResponse();
    assertThat(refused.getHeader("Content-Encoding")).isNull();
    assertThat(refused.getContentAsByteArray()).isEqualTo(page);

    // A signed-in reader's page is made around the same listing, read from the kept file.
    String signedIn = mvc.perform(get("/t/fg/cloud/docs/incoming/").accept("text/html").with(user(users.loadUserByUsername("tsb"))))
        .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    String text = new String(page, StandardCharsets.UTF_8);
    assertThat(signedIn).contains(text.substring(text.indexOf("<table class=\"listing\">"), text.indexOf("</table>")));
  }

  @Test
  void aStrangersListingIsKeptByTheBrowserAndAskedForAgainWithItsEtag() throws Exception {
    upload(allocate("Kept listing"), "four");
    for (String accept : List.of("text/html", "application/json")) {
      var whole = mvc.perform(get("/t/fg/cloud/docs/incoming/").accept(accept)).andReturn().getResponse();
      // Not the security defaults' "no-cache, no-store, max-age=0, must-revalidate": a listing nobody may keep is
      // fetched whole (20 MB for a folder of 100,000 documents) at every visit instead of a 304.
      assertThat(whole.getHeaders("Cache-Control")).as(accept).containsExactly("no-cache");
      assertThat(whole.getHeader("Pragma")).as(accept).isNull();
      var again = mvc.perform(get("/t/fg/cloud/docs/incoming/").accept(accept).header("If-None-Match", whole.getHeader("ETag")))
          .andReturn().getResponse();
      assertThat(again.getStatus()).as(accept).isEqualTo(304);
      assertThat(again.getHeaders("Cache-Control")).as(accept).containsExactly("no-cache");
    }
    var signedIn = mvc.perform(get("/t/fg/cloud/docs/incoming/").accept("application/json")
        .with(user(users.loadUserByUsername("tsb")))).andReturn().getResponse();
    assertThat(signedIn.getHeaders("Cache-Control")).containsExactly("private, no-cache");
  }

  @Test
  void theJsonListingIsWrittenInOneOrderOnEveryNodeAndAfterEveryStart() throws Exception {
    String number = allocate("Ordered");
    upload(number, "five");
    // Its ETag is a digest of its entries, the same on every node: the bytes must be too (a Map.of's order
    // changes from one start of the JVM to the next).
    String files = mvc.perform(get("/t/fg/cloud/docs/incoming/").accept("application/json")).andReturn().getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
    assertThat(files).startsWith("{\"path\":\"/t/fg/cloud/docs/incoming/\",\"entries\":[")
        .contains("{\"name\":\"" + number + ".docx\",\"type\":\"file\",\"size\":4,\"modified\":\"");
    String folders = mvc.perform(get("/t/fg/cloud/docs/").accept("application/json")).andReturn().getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
    assertThat(folders).startsWith("{\"path\":\"/t/fg/cloud/docs/\",\"entries\":[")
        .contains("{\"name\":\"incoming/\",\"type\":\"folder\"}");
  }

  private static FolderEntry entry(List<FolderEntry> entries, String number) {
    return entries.stream().filter(e -> e.name().equals(number + ".docx")).findFirst().orElseThrow();
  }

  private String allocate(String title) throws Exception {
    String form = "/groups/cloud/meetings/" + DemoMeetings.upcoming(groups, meetings)
        + "/documents/new";
    String location = mvc.perform(post(form).with(user(users.loadUserByUsername("alice"))).with(csrf())
            .param("title", title).param("source", "France Telecom Orange").param("agendaItems", "3"))
        .andExpect(redirectedUrlPattern("/documents/FG-Cloud-I-*")).andReturn().getResponse().getRedirectedUrl();
    return location.substring("/documents/".length());
  }

  private void upload(String number, String content) throws Exception {
    var alice = user(users.loadUserByUsername("alice"));
    // As the document's page sends it: naming the version it showed waiting, if any.
    String page = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/documents/" + number)
        .with(alice)).andReturn().getResponse().getContentAsString();
    var shown = java.util.regex.Pattern.compile("name=\"replaces\" value=\"([0-9a-f]*)\"").matcher(page);
    mvc.perform(multipart("/documents/" + number + "/files")
            .file(new MockMultipartFile("file", number + ".docx", "application/octet-stream", content.getBytes()))
            .param("replaces", shown.find() ? shown.group(1) : "")
            .with(alice).with(csrf()))
        .andExpect(redirectedUrl("/documents/" + number))
        .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attributeCount(1))
        .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attributeExists("notice"));
  }

  private static String sha256(String content) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes()));
  }
}
