package org.plenary.contribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenary.DemoMeetings;
import org.plenary.DemoTest;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.web.ApiTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** The contribution life cycle over the API and the folders, on the demo's upcoming FG Cloud meeting. */
@DemoTest
class ContributionApiControllerTests {

  @Autowired MockMvc mvc;
  @Autowired MeetingCatalog meetings;
  @Autowired GroupCatalog groups;
  @Autowired ApiTokens tokens;
  String code;
  String alice;
  String bob;
  String tsb;

  @BeforeEach
  void tokens() {
    code = DemoMeetings.upcoming(groups, meetings);
    alice = tokens.bearer("alice");
    bob = tokens.bearer("bob");
    tsb = tokens.bearer("tsb");
  }

  @Test
  void allocatesUploadsPublishesAndServesADocument() throws Exception {
    String number = allocate(alice, "Cloud <script>alert(1)</script> use cases", "France Telecom Orange");
    upload(alice, number, number + ".docx", "first draft")
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.state").value("INCOMING"))
        .andExpect(jsonPath("$.sha256").value(sha256("first draft")));
    mvc.perform(get("/t/fg/cloud/docs/incoming/").accept(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.entries[?(@.name == '" + number + ".docx')].title").value("Cloud <script>alert(1)</script> use cases"))
        // Every field of a file's entry, its time to the second as FTP and Last-Modified give it.
        .andExpect(jsonPath("$.entries[?(@.name == '" + number + ".docx')].modified")
            .value(everyItem(matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"))))
        .andExpect(jsonPath("$.entries[?(@.name == '" + number + ".docx')]").value(everyItem(allOf(hasKey("type"), hasKey("size"),
            hasKey("sha256"), hasKey("number"), hasKey("source"), hasKey("late")))));
    upload(alice, number, number + ".docx", "second draft").andExpect(status().isConflict());
    mvc.perform(multipart("/api/v1/contributions/" + number + "/files")
            .file(new MockMultipartFile("file", number + ".docx", "application/octet-stream", "second draft".getBytes()))
            .header("Authorization", alice).header("If-Match", "\"" + sha256("first draft") + "\""))
        .andExpect(status().isCreated());
    mvc.perform(post("/api/v1/contributions/" + number + "/publish").header("Authorization", alice))
        .andExpect(status().isForbidden());
    mvc.perform(post("/api/v1/contributions/" + number + "/publish").header("Authorization", tsb))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("PUBLISHED"))
        .andExpect(jsonPath("$.url").value("/t/fg/cloud/docs/" + code + "/in/" + number + ".docx"));

    String path = "/t/fg/cloud/docs/" + code + "/in/" + number + ".docx";
    mvc.perform(get(path))
        .andExpect(status().isOk())
        .andExpect(content().string("second draft"))
        .andExpect(header().string("ETag", "\"" + sha256("second draft") + "\""))
        .andExpect(header().exists("Last-Modified"))
        .andExpect(header().string("Content-Type", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
        .andExpect(header().string("Content-Disposition", containsString("attachment; filename=\"" + number + ".docx\"")));
    mvc.perform(get(path).header("If-None-Match", "\"" + sha256("second draft") + "\"")).andExpect(status().isNotModified());
    mvc.perform(get("/t/fg/cloud/docs/incoming/" + number + ".docx")).andExpect(status().isNotFound());
    mvc.perform(get("/api/v1/contributions/" + number + "/audit"))
        .andExpect(jsonPath("$[*].action").value(org.hamcrest.Matchers.contains(
            "ALLOCATED", "UPLOADED", "REPLACED", "UPLOADED", "PUBLISHED")))
        .andExpect(jsonPath("$[4].sha256").value(sha256("second draft")));
    mvc.perform(get("/documents/" + number))
        .andExpect(content().string(allOf(containsString("Cloud &lt;script&gt;alert(1)&lt;/script&gt; use cases"),
            not(containsString("<script>alert")))));
  }

  @Test
  void refusesWrongNamesNumbersExtensionsAndOwners() throws Exception {
    String number = allocate(alice, "Gap analysis", "France Telecom Orange");
    upload(alice, number, "FG-Cloud-I-9999.docx", "x").andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("The file for " + number + " must be named " + number + ".docx, not FG-Cloud-I-9999.docx."));
    upload(alice, "FG-Cloud-I-9999", "FG-Cloud-I-9999.docx", "x").andExpect(status().isNotFound())
        .andExpect(jsonPath("$.detail").value("FG-Cloud-I-9999 has not been allocated; ask for a document number first."));
    upload(alice, number, number + ".exe", "x").andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value(containsString("Files ending in .exe are not accepted")));
    upload(bob, number, number + ".docx", "x").andExpect(status().isForbidden())
        .andExpect(jsonPath("$.detail").value(number + " is not allocated to you."));
    upload(alice, number, number + "r1.docx", "x").andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value(containsString("has not been published yet")));
    upload(alice, number, "evil\r\nSet-Cookie: x.docx", "x").andExpect(status().isBadRequest())
        .andExpect(header().doesNotExist("Set-Cookie"));
    upload(alice, number, number.toLowerCase() + ".DOCX", "case matters").andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value(containsString("Name the file exactly " + number + ".docx")));
    upload(alice, number, number + ".docx", "exact").andExpect(status().isCreated())
        .andExpect(jsonPath("$.fileName").value(number + ".docx"));
  }

  @Test
  void afterPublicationOnlyTheNextRevisionIsAccepted() throws Exception {
    String number = allocate(alice, "Terminology", "France Telecom Orange");
    upload(alice, number, number + ".pdf", "v0").andExpect(status().isCreated());
    mvc.perform(post("/api/v1/contributions/" + number + "/publish").header("Authorization", tsb)).andExpect(status().isOk());
    upload(alice, number, number + ".pdf", "changed").andExpect(status().isConflict())
        .andExpect(jsonPath("$.detail").value(number + " is published and cannot change; upload a revision named " + number + "r1.pdf."));
    upload(alice, number, number + "r3.pdf", "r3").andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value(containsString("is r1")));
    upload(alice, number, number + "r1.pdf", "r1").andExpect(status().isCreated()).andExpect(jsonPath("$.revision").value(1));
    mvc.perform(post("/api/v1/contributions/" + number + "/publish").header("Authorization", tsb)).andExpect(status().isOk());
    mvc.perform(get("/t/fg/cloud/docs/" + code + "/in/" + number + ".pdf")).andExpect(content().string("v0"));
    mvc.perform(get("/t/fg/cloud/docs/" + code + "/in/" + number + "r1.pdf")).andExpect(content().string("r1"));
  }

  @Test
  void rejectsAndWithdrawsWithoutReusingTheNumber() throws Exception {
    String number = allocate(bob, "Roadmap", "France Telecom Orange");
    upload(bob, number, number + ".txt", "bad").andExpect(status().isCreated());
    mvc.perform(post("/api/v1/contributions/" + number + "/reject").header("Authorization", tsb)
            .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"\"}"))
        .andExpect(status().isBadRequest());
    mvc.perform(post("/api/v1/contributions/" + number + "/reject").header("Authorization", tsb)
            .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"Use the template.\"}"))
        .andExpect(jsonPath("$.status").value("ALLOCATED"));
    upload(bob, number, number + ".txt", "good").andExpect(status().isCreated());
    mvc.perform(post("/api/v1/contributions/" + number + "/publish").header("Authorization", tsb)).andExpect(status().isOk());
    mvc.perform(post("/api/v1/contributions/" + number + "/withdraw").header("Authorization", tsb)
            .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"Duplicate\"}"))
        .andExpect(jsonPath("$.status").value("WITHDRAWN"));
    mvc.perform(get("/t/fg/cloud/docs/" + code + "/in/" + number + ".txt")).andExpect(status().isGone());
    mvc.perform(get("/api/v1/groups/cloud/meetings/" + code + "/contributions"))
        .andExpect(jsonPath("$[?(@.number == '" + number + "')].status").value("WITHDRAWN"));
    upload(bob, number, number + "r1.txt", "again").andExpect(status().isConflict());
    String next = allocate(bob, "Roadmap again", "France Telecom Orange");
    assertThat(sequence(next)).isGreaterThan(sequence(number));
  }

  @Test
  void foldersAreReadOnlyAndServeRanges() throws Exception {
    String number = allocate(alice, "Ranges", "France Telecom Orange");
    upload(alice, number, number + ".txt", "0123456789").andExpect(status().isCreated());
    String path = "/t/fg/cloud/docs/incoming/" + number + ".txt";
    mvc.perform(get(path).header("Range", "bytes=2-4")).andExpect(status().isPartialContent())
        .andExpect(header().string("Content-Range", "bytes 2-4/10")).andExpect(content().string("234"));
    mvc.perform(get(path).header("Range", "bytes=-3")).andExpect(content().string("789"));
    mvc.perform(get(path).header("Range", "bytes=0-1,5-6")).andExpect(status().isPartialContent())
        .andExpect(header().string("Content-Type", containsString("multipart/byteranges")))
        .andExpect(content().string(allOf(containsString("Content-Range: bytes 0-1/10\r\n\r\n01"),
            containsString("Content-Range: bytes 5-6/10\r\n\r\n56"))));
    mvc.perform(get(path).header("Range", "bytes=0-5,3-8")).andExpect(status().isOk()).andExpect(content().string("0123456789"));
    mvc.perform(get(path).header("Range", "bytes=50-60")).andExpect(status().isRequestedRangeNotSatisfiable())
        .andExpect(header().string("Content-Range", "bytes */10"));
    mvc.perform(get(path).header("Range", "bytes=0-0,1-1,2-2,3-3,4-4,5-5,6-6,7-7,8-8,9-9,0-0,1-1,2-2,3-3,4-4,5-5,6-6"))
        .andExpect(status().isOk());
    mvc.perform(get(path).header("Range", "bytes=2-4").header("If-Range", "\"stale\"")).andExpect(status().isOk());
    mvc.perform(put(path).content("overwrite")).andExpect(status().isMethodNotAllowed()).andExpect(header().string("Allow", "GET, HEAD, OPTIONS"));
    mvc.perform(delete(path)).andExpect(status().isMethodNotAllowed());
    mvc.perform(get(path)).andExpect(content().string("0123456789"));
    mvc.perform(get("/t/fg/cloud/docs/")).andExpect(content().string(allOf(containsString("incoming/"), containsString(code + "/"))));
    mvc.perform(get("/t/fg/cloud/docs/incoming")).andExpect(status().is3xxRedirection());
    // a path under /t/ that names nothing is 404 for GET and HEAD, not the 405 of the write methods
    for (String nothing : List.of("/t/nope", "/t/fg/cloud/NOPE", "/t/fg/cloud/docs/" + code + "/IN/", "/t/fg/cloud/docs/INCOMING/x.txt")) {
      mvc.perform(get(nothing)).andExpect(status().isNotFound());
      mvc.perform(head(nothing)).andExpect(status().isNotFound());
    }
    mvc.perform(put("/t/nope")).andExpect(status().isMethodNotAllowed());
  }

  @Test
  void theRegisterIsOfferedAsPageCsvAndAtom() throws Exception {
    String number = allocate(alice, "=HYPERLINK(\"http://evil\") \u202Egnp.exe\u202C", "Orange, \"ETRI\"");
    upload(alice, number, number + ".txt", "x").andExpect(status().isCreated());
    mvc.perform(post("/api/v1/contributions/" + number + "/publish").header("Authorization", tsb)).andExpect(status().isOk());
    mvc.perform(get("/groups/cloud/meetings/" + code + "/documents.csv"))
        .andExpect(header().string("Content-Type", containsString("text/csv")))
        .andExpect(content().string(containsString("\"" + number + "\",\"'=HYPERLINK(\"\"http://evil\"\")")));
    mvc.perform(get("/groups/cloud/meetings/" + code + "/documents.atom"))
        .andExpect(content().string(allOf(containsString("<feed xmlns=\"http://www.w3.org/2005/Atom\">"),
            containsString(number + ".txt: =HYPERLINK(&quot;http://evil&quot;)"))));
    mvc.perform(get("/groups/cloud/meetings/" + code + "/documents").param("q", "hyperlink"))
        .andExpect(content().string(allOf(containsString(number), containsString("<bdi>"))));
    mvc.perform(get("/groups/cloud/meetings/" + code + "/documents").param("q", "no such thing"))
        .andExpect(content().string(containsString("No document matches.")));
  }

  @Test
  void theOpenApiDocumentDescribesThePublishedFileAndTheWaitingRevisionApart() throws Exception {
    String docs = mvc.perform(get("/v3/api-docs")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    assertThat(docs).contains("\"ContributionFileVersion\"", "The top-level file fields describe the latest published version only",
        "\"incoming\"", "\"files\"");
  }

  @Test
  void theGroupOffersAContributionTemplate() throws Exception {
    byte[] docx = mvc.perform(get("/groups/cloud/template.docx"))
        .andExpect(status().isOk())
        .andExpect(header().string("Content-Disposition", containsString("FG-Cloud-contribution-template.docx")))
        .andReturn().getResponse().getContentAsByteArray();
    var names = new java.util.ArrayList<String>();
    String document = null;
    try (var zip = new ZipInputStream(new java.io.ByteArrayInputStream(docx))) {
      for (var entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        names.add(entry.getName());
        if (entry.getName().equals("word/document.xml")) {
          document = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    }
    assertThat(names).containsExactly("[Content_Types].xml", "_rels/.rels", "word/document.xml");
    assertThat(document).contains("Title:", "Source:", "Agenda item:", "Contact:", "Abstract:", "FG-Cloud-I-nnnn");
    javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new java.io.ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void refusesANumberToAnyoneNotSignedIn() throws Exception {
    String register = "/api/v1/groups/cloud/meetings/" + code + "/contributions";
    int before = mvc.perform(get(register).header("Authorization", alice)).andReturn().getResponse().getContentAsString()
        .split("\"number\"", -1).length;
    mvc.perform(post(register).contentType(MediaType.APPLICATION_JSON).content("{\"title\": \"Anon\", \"source\": \"Nobody\"}"))
        .andExpect(status().isUnauthorized())
        .andExpect(header().exists("WWW-Authenticate"));
    mvc.perform(post(register).header("Authorization", "Bearer not-a-token").contentType(MediaType.APPLICATION_JSON)
            .content("{\"title\": \"Anon\", \"source\": \"Nobody\"}"))
        .andExpect(status().isUnauthorized());
    int after = mvc.perform(get(register).header("Authorization", alice)).andReturn().getResponse().getContentAsString()
        .split("\"number\"", -1).length;
    assertThat(after).isEqualTo(before);
  }

  private String allocate(String token, String title, String source) throws Exception {
    String json = mvc.perform(post("/api/v1/groups/cloud/meetings/" + code + "/contributions").header("Authorization", token)
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"title\": " + quote(title) + ", \"source\": " + quote(source) + ", \"agendaItems\": [3]}"))
        .andExpect(status().isCreated())
        .andReturn().getResponse().getContentAsString();
    return json.replaceAll(".*\"number\":\"([^\"]+)\".*", "$1");
  }

  private ResultActions upload(String token, String number, String fileName, String body) throws Exception {
    return mvc.perform(multipart("/api/v1/contributions/" + number + "/files")
        .file(new MockMultipartFile("file", fileName, "application/octet-stream", body.getBytes(StandardCharsets.UTF_8)))
        .header("Authorization", token));
  }

  private static int sequence(String number) {
    return Integer.parseInt(number.substring(number.lastIndexOf('-') + 1));
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  static String sha256(String text) throws Exception {
    return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
        .digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
