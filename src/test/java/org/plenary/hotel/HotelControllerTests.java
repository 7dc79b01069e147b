package org.plenary.hotel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.plenary.DemoTest;
import org.plenary.meeting.Hotel;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.web.ApiTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

@DemoTest
class HotelControllerTests {

  @Autowired MockMvc mvc;
  @Autowired UserDetailsService users;
  @Autowired MeetingCatalog meetings;
  @Autowired ApiTokens tokens;

  private long hotelId(String code, String name) {
    return meetings.get("cloud", code).hotels().stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow()
        .id();
  }

  @Test
  void prefillsTheAnnexThreeFormAndLeavesTheCardBlank() throws Exception {
    mvc.perform(get("/groups/cloud/meetings/1006-gva/hotel-form").with(user(users.loadUserByUsername("alice"))))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(containsString("Hotel Royal"), containsString("value=\"Martin\""),
            containsString("value=\"2010-06-13\""), not(containsString("name=\"card")))));
    byte[] pdf = mvc.perform(post("/groups/cloud/meetings/1006-gva/hotel-form").with(csrf())
            .param("hotel", String.valueOf(hotelId("1006-gva", "Hotel Royal"))).param("room", "DOUBLE").param("rooms", "1").param("arrival", "2010-06-13")
            .param("arrivalTime", "18:30").param("departure", "2010-06-17").param("familyName", "Беленкович")
            .param("firstName", "Владимир").param("address", "Moscow").param("telephone", "+7 495 000 00 00")
            .param("email", "chair@example.org").param("cardNumber", "4111111111111111"))
        .andExpect(status().isOk())
        .andExpect(header().string("Content-Type", "application/pdf"))
        .andReturn().getResponse().getContentAsByteArray();
    try (var document = Loader.loadPDF(pdf)) {
      String text = new PDFTextStripper().getText(document);
      assertThat(text).contains("Focus Group on Cloud Computing: from 14 June 2010 to 16 June 2010", "Hotel Royal",
          "1 double room", "Arriving on: Sunday 13 June 2010, 18:30 CEST (Europe/Zurich)", "Departing on: 17 June 2010", "Беленкович",
          "Владимир", "GENEVA TRANSPORT CARD", "Credit card to guarantee this reservation")
          .doesNotContain("4111111111111111");
    }
  }

  @Test
  void refusesADepartureBeforeTheArrivalAndAnUnknownHotel() throws Exception {
    String otherMeetingsHotel = String.valueOf(meetings.upcoming().stream().filter(m -> !m.hotels().isEmpty())
        .findFirst().orElseThrow().hotels().get(0).id());
    mvc.perform(post("/groups/cloud/meetings/1006-gva/hotel-form").with(csrf())
            .param("hotel", otherMeetingsHotel).param("room", "SINGLE").param("rooms", "1").param("arrival", "2010-06-15")
            .param("departure", "2010-06-14").param("familyName", "Durand").param("firstName", "Bob"))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(containsString("Choose one of the meeting’s 4 hotels."),
            containsString("The departure must be after the arrival."))));
    mvc.perform(post("/api/v1/groups/cloud/meetings/1006-gva/hotel-form").contentType(MediaType.APPLICATION_JSON)
            .content("{\"hotel\": 1, \"room\": \"SINGLE\", \"rooms\": 1, \"arrival\": \"2010-06-13\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[*].field", org.hamcrest.Matchers.hasItem("departure")));
  }

  @Test
  void hotelsKeepTheirIdsWhenTheMeetingIsEditedAndTheFormNamesAHotelById() throws Exception {
    String meeting = """
        {"code": "2211-hot", "startDate": "2022-11-07", "endDate": "2022-11-09", "timeZone": "Europe/Zurich",
         "venueName": "ITU", "venueCode": "hot", "languages": "English", "latePolicy": "FLAG", "hotels": %s}""";
    mvc.perform(post("/api/v1/groups/cloud/meetings").header("Authorization", tokens.bearer("tsb"))
            .contentType(MediaType.APPLICATION_JSON)
            .content(meeting.formatted("[{\"name\": \"Hotel A\"}, {\"name\": \"Hotel B\"}]")))
        .andExpect(status().isCreated());
    long a = hotelId("2211-hot", "Hotel A");
    long b = hotelId("2211-hot", "Hotel B");
    long foreign = hotelId("1006-gva", "Hotel Royal");
    mvc.perform(put("/api/v1/groups/cloud/meetings/2211-hot").header("Authorization", tokens.bearer("tsb"))
            .contentType(MediaType.APPLICATION_JSON).content(meeting.formatted("""
                [{"name": "New hotel"}, {"id": %d, "name": "Hotel B, renamed"}, {"id": %d, "name": "Hotel A"},
                 {"id": %d, "name": "Not the Royal"}]""".formatted(b, a, foreign))))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.hotels[1].id").value(b))
        .andExpect(jsonPath("$.hotels[1].name").value("Hotel B, renamed"))
        .andExpect(jsonPath("$.hotels[2].id").value(a));
    var hotels = meetings.get("cloud", "2211-hot").hotels();
    assertThat(hotels).extracting(Hotel::id).doesNotContain(foreign).doesNotHaveDuplicates();
    assertThat(meetings.get("cloud", "1006-gva").hotels()).extracting(Hotel::name).contains("Hotel Royal");

    byte[] pdf = mvc.perform(post("/api/v1/groups/cloud/meetings/2211-hot/hotel-form")
            .contentType(MediaType.APPLICATION_JSON).content("""
                {"hotel": %d, "room": "SINGLE", "rooms": 1, "arrival": "2022-11-06", "departure": "2022-11-10",
                 "familyName": "Durand", "firstName": "Bob"}""".formatted(a)))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
    try (var document = Loader.loadPDF(pdf)) {
      assertThat(new PDFTextStripper().getText(document)).contains("Hotel A").doesNotContain("Hotel B");
    }
  }
}
