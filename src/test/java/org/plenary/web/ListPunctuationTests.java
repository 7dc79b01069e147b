package org.plenary.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.plenary.DemoTest;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.pdf.PdfText;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A page and a PDF join their parts with the reader's own list punctuation ({@link org.plenary.shared.Listed}):
 * the meeting page's heading puts "،" (Arabic) or "，" (Chinese) between the meeting and its dates, and the hotel
 * form's hotel and address are joined the same way, never with a Latin ", ". An aside is in the reader's
 * parentheses: the group page's heading is "FG Cloud（FG-Cloud）" in Chinese, never with Latin ones around the acronym.
 */
@DemoTest
class ListPunctuationTests {

  @Autowired MockMvc mvc;
  @Autowired MeetingCatalog meetings;

  @Test
  void theMeetingPagesHeadingJoinsMeetingAndDatesWithTheReadersComma() throws Exception {
    // The venue's name is data ("ITU Headquarters, Geneva"): what is checked is the join before the dates.
    assertThat(heading("ar")).contains("، 14").doesNotContain(", 14");
    assertThat(heading("zh")).contains("，2010").doesNotContain(", 2010");
    assertThat(heading("en")).contains(", 14");
  }

  @Test
  void theGroupPagesHeadingPutsTheAcronymInTheReadersParentheses() throws Exception {
    assertThat(heading("/groups/cloud", "zh")).matches(".+（[^（）()]+）").doesNotContain("(");
    assertThat(heading("/groups/cloud", "ar")).matches(".+ \\([^（）()]+\\)");
    assertThat(heading("/groups/cloud", "en")).matches(".+ \\([^（）()]+\\)");
  }

  @Test
  void theHotelFormJoinsTheHotelAndItsAddressWithTheReadersComma() throws Exception {
    var hotel = meetings.get("cloud", "1006-gva").hotels().getFirst();
    assertThat(hotel.address()).isNotBlank();
    assertThat(flat(hotelForm("zh", hotel.id()))).contains(flat(hotel.name() + "，" + hotel.address()));
    String arabic = flat(hotelForm("ar", hotel.id()));
    assertThat(arabic).doesNotContain(flat(hotel.name() + ", " + hotel.address()));
    assertThat(arabic.contains(flat(hotel.name() + "، " + hotel.address()))
        || arabic.contains(flat(hotel.address() + " ،" + hotel.name()))).as("hotel and address joined with '،' in %s", arabic)
        .isTrue();
  }

  private String heading(String lang) throws Exception {
    return heading("/groups/cloud/meetings/1006-gva", lang);
  }

  private String heading(String path, String lang) throws Exception {
    String page = mvc.perform(get(path).queryParam("lang", lang)).andReturn().getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
    var h1 = java.util.regex.Pattern.compile("<h1[^>]*>(.*?)</h1>", java.util.regex.Pattern.DOTALL).matcher(page);
    assertThat(h1.find()).as("a heading on the meeting page").isTrue();
    return h1.group(1).replaceAll("<[^>]+>", "").replaceAll("\\s+", " ").strip();
  }

  private String hotelForm(String lang, long hotel) throws Exception {
    byte[] pdf = mvc.perform(post("/groups/cloud/meetings/1006-gva/hotel-form").with(csrf()).queryParam("lang", lang)
            .param("hotel", String.valueOf(hotel)).param("room", "SINGLE").param("rooms", "1")
            .param("arrival", "2010-06-13").param("departure", "2010-06-17").param("familyName", "García")
            .param("firstName", "Ana").param("email", "ana@example.org")).andReturn().getResponse().getContentAsByteArray();
    return PdfText.of(pdf).stripped();
  }

  private static String flat(String text) {
    return text.replaceAll("[\\s\\u2066-\\u2069\\u200e\\u200f]+", "");
  }
}
