package org.plenary.pdf;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.plenary.DemoTest;
import org.plenary.meeting.MeetingCatalog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * While every PDF painting place is taken, a reader without an account who asks for the hotel form is
 * answered 503 with Retry-After and a problem (a page, on the page) in their language once the wait is over, every other page
 * still answers at once, and the same request succeeds once a place is free.
 */
@DemoTest
@TestPropertySource(properties = {"plenary.pdf.max-concurrent=1", "plenary.pdf.max-wait=300ms"})
class PdfBusyTests {

  @Autowired MockMvc mvc;
  @Autowired PdfRenderer renderer;
  @Autowired MeetingCatalog meetings;

  @Test
  void aHotelFormAskedForWhileEveryPaintingPlaceIsTakenIsAnsweredBusyAndEverythingElseStillAnswers() throws Exception {
    long hotel = meetings.get("cloud", "1006-gva").hotels().get(0).id();
    String form = "{\"hotel\": " + hotel + ", \"room\": \"SINGLE\", \"rooms\": 1, \"arrival\": \"2010-06-13\","
        + " \"departure\": \"2010-06-17\", \"familyName\": \"Durand\", \"firstName\": \"Bob\"}";
    ExecutorService painters = Executors.newSingleThreadExecutor();
    var finish = new CountDownLatch(1);
    try {
      var held = PdfRendererTests.hold(renderer, painters, finish);
      mvc.perform(post("/api/v1/groups/cloud/meetings/1006-gva/hotel-form").contentType(MediaType.APPLICATION_JSON).content(form))
          .andExpect(status().isServiceUnavailable())
          .andExpect(header().string("Retry-After", "5"))
          .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
          .andExpect(jsonPath("$.status").value(503))
          .andExpect(jsonPath("$.detail").value("Too many documents are being prepared just now; nothing was changed. Try again in a few seconds."));
      mvc.perform(post("/api/v1/groups/cloud/meetings/1006-gva/hotel-form").header("Accept-Language", "ar")
              .contentType(MediaType.APPLICATION_JSON).content(form))
          .andExpect(status().isServiceUnavailable())
          .andExpect(jsonPath("$.title").value("مشغول"));
      // The page's form gets a page, in the reader's language, not a problem for machines.
      mvc.perform(post("/groups/cloud/meetings/1006-gva/hotel-form").with(csrf()).header("Accept", "text/html")
              .header("Accept-Language", "fr").param("hotel", String.valueOf(hotel)).param("room", "SINGLE")
              .param("rooms", "1").param("arrival", "2010-06-13").param("departure", "2010-06-17")
              .param("familyName", "Durand").param("firstName", "Bob"))
          .andExpect(status().isServiceUnavailable())
          .andExpect(header().string("Retry-After", "5"))
          .andExpect(content().contentTypeCompatibleWith("text/html"))
          .andExpect(content().string(allOf(containsString("<html lang=\"fr\" dir=\"ltr\">"), containsString("<h1>Occupé</h1>"),
              containsString("Trop de documents sont en cours de préparation"))));
      mvc.perform(get("/groups/cloud/meetings/1006-gva")).andExpect(status().isOk());

      finish.countDown();
      held.get(10, TimeUnit.SECONDS);
      mvc.perform(post("/api/v1/groups/cloud/meetings/1006-gva/hotel-form").contentType(MediaType.APPLICATION_JSON).content(form))
          .andExpect(status().isOk())
          .andExpect(header().string("Content-Type", "application/pdf"));
    } finally {
      finish.countDown();
      painters.shutdownNow();
    }
  }
}
