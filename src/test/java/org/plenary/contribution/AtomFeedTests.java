package org.plenary.contribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenary.DemoTest;
import org.plenary.meeting.LatePolicy;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.meeting.MeetingDraft;
import org.plenary.web.ApiTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Issue 11, item 5: the Atom feed of a meeting's documents, parsed as a feed reader does. */
@DemoTest
class AtomFeedTests {

  private static final String ATOM = "http://www.w3.org/2005/Atom";

  @Autowired MockMvc mvc;
  @Autowired ApiTokens tokens;
  @Autowired MeetingCatalog meetings;
  String alice;
  String tsb;

  @BeforeEach
  void tokens() {
    alice = tokens.bearer("alice");
    tsb = tokens.bearer("tsb");
  }

  @Test
  void aFeedWithoutEntriesIsDatedByTheMeetingsLastChangeNever1970() throws Exception {
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    meetings.schedule("cloud", draft("atom-empty", "Geneva"));
    Document feed = feed("atom-empty");
    Instant scheduled = updated(feed.getDocumentElement());
    assertThat(feed.getElementsByTagNameNS(ATOM, "entry").getLength()).isZero();
    assertThat(scheduled).isAfterOrEqualTo(before).isBeforeOrEqualTo(Instant.now());

    Thread.sleep(20);
    meetings.update("cloud", "atom-empty", draft("atom-empty", "Geneva, Montbrillant"));
    assertThat(updated(feed("atom-empty").getDocumentElement())).as("an edit of the meeting is its last change")
        .isAfter(scheduled);
  }

  @Test
  void aWithdrawnDocumentStaysInTheFeedAsAnUpdateOfItsEntrySayingSo() throws Exception {
    meetings.schedule("cloud", draft("atom-withdrawn", "Geneva"));
    String number = allocate();
    mvc.perform(multipart("/api/v1/contributions/" + number + "/files")
            .file(new MockMultipartFile("file", number + ".txt", "text/plain", "to withdraw".getBytes(StandardCharsets.UTF_8)))
            .header("Authorization", alice))
        .andExpect(status().isCreated());
    mvc.perform(post("/api/v1/contributions/" + number + "/publish").header("Authorization", tsb)).andExpect(status().isOk());
    Element published = entry(feed("atom-withdrawn"), number);
    assertThat(text(published, "title")).startsWith(number + ".txt:");
    Thread.sleep(20);
    mvc.perform(post("/api/v1/contributions/" + number + "/withdraw").header("Authorization", tsb)
            .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"Duplicate\"}"))
        .andExpect(status().isOk());

    Document feed = feed("atom-withdrawn");
    Element withdrawn = entry(feed, number);
    assertThat(text(withdrawn, "id")).as("the same entry, updated").isEqualTo(text(published, "id"));
    assertThat(updated(withdrawn)).isAfter(updated(published));
    assertThat(text(withdrawn, "title")).startsWith("Withdrawn: " + number + ".txt");
    assertThat(text(withdrawn, "summary")).contains("withdrawn");
    assertThat(updated(feed.getDocumentElement())).isAfterOrEqualTo(updated(withdrawn));
    Element link = (Element) withdrawn.getElementsByTagNameNS(ATOM, "link").item(0);
    assertThat(link.getAttribute("href")).as("no link to the file that is gone").endsWith("/documents/" + number);
  }

  private String allocate() throws Exception {
    String json = mvc.perform(post("/api/v1/groups/cloud/meetings/atom-withdrawn/contributions")
            .header("Authorization", alice).contentType(MediaType.APPLICATION_JSON)
            .content("{\"title\": \"Feed me\", \"source\": \"Orange\"}"))
        .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
    return json.replaceAll(".*\"number\":\"([^\"]+)\".*", "$1");
  }

  private Document feed(String code) throws Exception {
    byte[] xml = mvc.perform(get("/groups/cloud/meetings/" + code + "/documents.atom")).andExpect(status().isOk())
        .andReturn().getResponse().getContentAsByteArray();
    return DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml));
  }

  private static Element entry(Document feed, String number) {
    var entries = new ArrayList<Element>();
    var nodes = feed.getElementsByTagNameNS(ATOM, "entry");
    for (int i = 0; i < nodes.getLength(); i++) {
      Element entry = (Element) nodes.item(i);
      if (text(entry, "title").contains(number)) {
        entries.add(entry);
      }
    }
    assertThat(entries).as("one entry for " + number).hasSize(1);
    return entries.get(0);
  }

  private static Instant updated(Element element) {
    for (var node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element child && ATOM.equals(child.getNamespaceURI()) && child.getLocalName().equals("updated")) {
        return Instant.parse(child.getTextContent());
      }
    }
    throw new AssertionError("no atom:updated");
  }

  private static String text(Element element, String name) {
    return element.getElementsByTagNameNS(ATOM, name).item(0).getTextContent();
  }

  private static MeetingDraft draft(String code, String venue) {
    return new MeetingDraft(code, LocalDate.now().plusDays(200), LocalDate.now().plusDays(201), "Europe/Zurich", venue, null,
        "gva", null, null, null, null, "English", false, true, null, null, LocalDateTime.now().plusDays(190), null,
        LatePolicy.FLAG, List.of(), List.of());
  }
}
