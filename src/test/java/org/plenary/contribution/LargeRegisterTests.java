package org.plenary.contribution;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.plenary.DemoMeetings;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.web.ApiTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A register larger than what H2 keeps in memory for one result (40,000 rows by default, here 3)
 * still lists (on a file database: an in-memory one never spills): the register's queries join instead of using "IN (SELECT …)", which H2 fails to
 * spill to disk (a benchmark's 150,000 numbers made the register answer 500).
 */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:file:./target/test-data/large-${random.uuid}/plenary;MAX_MEMORY_ROWS=3",
    "plenary.data-dir=target/test-data/${random.uuid}"})
@ActiveProfiles("demo")
@AutoConfigureMockMvc
@Import(ApiTokens.class)
class LargeRegisterTests {

  @Autowired MockMvc mvc;
  @Autowired MeetingCatalog meetings;
  @Autowired GroupCatalog groups;
  @Autowired ApiTokens tokens;

  @Test
  void aRegisterLargerThanTheDatabasesInMemoryResultsStillLists() throws Exception {
    String code = DemoMeetings.upcoming(groups, meetings);
    String alice = tokens.bearer("alice");
    for (int i = 0; i < 12; i++) {
      mvc.perform(post("/api/v1/groups/cloud/meetings/" + code + "/contributions").header("Authorization", alice)
              .contentType(MediaType.APPLICATION_JSON)
              .content("{\"title\": \"Number " + i + "\", \"source\": \"Orange\", \"coauthors\": \"bob\"}"))
          .andExpect(status().isCreated());
    }
    mvc.perform(get("/api/v1/groups/cloud/meetings/" + code + "/contributions"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.length()").value(12));
  }
}
