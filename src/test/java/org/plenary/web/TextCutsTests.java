package org.plenary.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenary.DemoTest;
import org.plenary.account.PlenaryUser;
import org.plenary.group.GroupCatalog;
import org.plenary.group.GroupDraft;
import org.plenary.meeting.CircularDesk;
import org.plenary.meeting.CircularDraft;
import org.plenary.meeting.LatePolicy;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.meeting.MeetingDraft;
import org.plenary.output.TermDesk;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Texts bounded or cut for a page count characters, not UTF-16 units: a term of 200 characters beyond U+FFFF and a
 * circular's number of 100 are within their bounds (counted in units they were refused at half their length), and the
 * agenda editor's summary of an item's notes, cut at 60, keeps a character across the cut whole (it kept half of it,
 * which the page wrote as '?'). In a group and meeting of their own.
 */
@DemoTest
class TextCutsTests {

  private static final String HAN_B = "\uD840\uDC00"; // 𠀀
  private static final String EMOJI = "\uD83D\uDE00";

  @Autowired MockMvc mvc;
  @Autowired UserDetailsService users;
  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired TermDesk terms;
  @Autowired CircularDesk circulars;

  private PlenaryUser tsb;
  private String code;

  @BeforeEach
  void groupAndMeeting() {
    tsb = (PlenaryUser) users.loadUserByUsername("tsb");
    if (groups.all().stream().noneMatch(g -> g.slug().equals("textcuts"))) {
      groups.create(new GroupDraft("textcuts", "FG Textcuts", "Focus Group on Text Cuts", null, null, "English", 12, null,
          null, List.of(), List.of(), List.of()));
      LocalDate start = LocalDate.now().plusDays(90);
      meetings.schedule("textcuts", new MeetingDraft("cuts", start, start.plusDays(1), "Europe/Zurich", "Geneva", null,
          "gva", null, null, null, null, "English", false, true, null, null, null, null, LatePolicy.FLAG, List.of(),
          List.of()));
    }
    code = meetings.of(groups.get("textcuts")).getFirst().code();
  }

  @Test
  void aTermAndItsDefinitionAreBoundedInCharacters() {
    var term = terms.propose("textcuts", new TermDesk.TermDraft(HAN_B.repeat(200), HAN_B.repeat(4000), null, null, null),
        tsb);
    assertThat(term.term()).isEqualTo(HAN_B.repeat(200));
  }

  @Test
  void aCircularsNumberIsBoundedInCharacters() {
    var circular = circulars.draft("textcuts", code, new CircularDraft(HAN_B.repeat(100), LocalDate.now(), "Director",
        null, List.of("A paragraph.")), "tsb");
    assertThat(circular.number()).isEqualTo(HAN_B.repeat(100));
  }

  @Test
  void theAgendaEditorsSummaryOfNotesKeepsWholeCharacters() throws Exception {
    // 56 letters, then an emoji across the 57th and 58th UTF-16 units, where a cut at 60 with "..." fell.
    String notes = "n".repeat(56) + EMOJI + "o".repeat(20);
    // A title left empty refuses the form, which comes back with what was typed: nothing is saved.
    String page = mvc.perform(post("/groups/textcuts/meetings/" + code + "/agenda").with(user(tsb)).with(csrf())
            .locale(Locale.ENGLISH).param("items[0].title", "Opening").param("items[0].description", notes)
            .param("items[1].title", " "))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    assertThat(page).contains("Notes on item 1: " + "n".repeat(56) + EMOJI + "oo\u2026")
        .doesNotContain("n".repeat(56) + "?");
  }
}
