package org.plenary.visa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.plenary.Browser;
import org.plenary.account.AccountDirectory;
import org.plenary.account.OrganizationCategory;
import org.plenary.account.OrganizationDirectory;
import org.plenary.account.OrganizationId;
import org.plenary.web.ApiTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The secretariat re-issues a letter whose meeting moved, in a real headless Chromium: the visa desk lists it under
 * "Letters to re-issue", the request's page says what moved and offers the button, the button gives a new reference
 * and the list empties; every page passes axe-core (WCAG 2.2 AA), in English and in Arabic.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-visa-browser;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}"})
@ActiveProfiles("demo")
@AutoConfigureMockMvc
@Import(ApiTokens.class)
@ExtendWith(Browser.Installed.class)
class VisaReissueBrowserTests {

  private static final AtomicInteger NEXT = new AtomicInteger();

  @LocalServerPort int port;
  @Autowired MockMvc mvc;
  @Autowired ApiTokens tokens;
  @Autowired AccountDirectory accounts;
  @Autowired OrganizationDirectory organizations;

  private Browser browser;

  @BeforeEach
  void open() {
    browser = new Browser(port, 1200, 900);
  }

  @AfterEach
  void close() {
    browser.close();
  }

  @Test
  void theSecretariatReissuesAMovedLetterFromTheDeskInEnglishAndArabic() throws Exception {
    for (String language : new String[] {"en", "ar"}) {
      String former = movedLetter(language);
      long visa = Long.parseLong(former.split(" ")[0]);
      String reference = former.split(" ")[1];
      browser.signIn("tsb", "tsb-demo");
      browser.open("/secretariat/visa?lang=" + language);
      WebElement section = browser.find(By.cssSelector("section[aria-labelledby='reissue-heading']"));
      assertThat(section.getText()).as(language).contains(reference);
      browser.assertAccessible();
      browser.clickAndWait(By.cssSelector("section[aria-labelledby='reissue-heading'] a[href='/visa/" + visa + "']"));
      assertThat(browser.path()).isEqualTo("/visa/" + visa);
      assertThat(browser.find(By.tagName("main")).getText()).as(language).contains("Geneva", "Lausanne");
      browser.assertAccessible();
      browser.clickAndWait(By.id("reissue-visa"));
      assertThat(browser.path()).isEqualTo("/visa/" + visa);
      String page = browser.find(By.tagName("main")).getText();
      assertThat(page).as(language).containsPattern("-R2-");
      assertThat(browser.all(By.id("reissue-visa"))).as(language).isEmpty();
      browser.assertAccessible();
      browser.assertNoRawKeys();
      browser.open("/secretariat/visa?lang=" + language);
      assertThat(browser.find(By.tagName("main")).getText()).as(language).doesNotContain(reference);
      browser.submitAndWait(() -> browser.find(By.cssSelector("form[action='/sign-out'] button")).click());
    }
  }

  /** An approved letter for a meeting that then moved from Geneva to Lausanne: "visa-id reference". */
  private String movedLetter(String language) throws Exception {
    int n = NEXT.incrementAndGet();
    VisaScenario scenario = new VisaScenario(mvc, tokens, accounts);
    String moving = "reissue-browser-" + language + n;
    String meetings = "/api/v1/groups/cloud/meetings";
    mvc.perform(post(meetings).header("Authorization", tokens.bearer("tsb")).contentType(MediaType.APPLICATION_JSON)
        .content(VisaScenario.meeting(moving, "Geneva"))).andExpect(status().isCreated());
    OrganizationId org = organizations.create("Visa Browser Org " + language + n, OrganizationCategory.SECTOR_MEMBER, "FR");
    String participant = scenario.account("vbp" + language + n, org);
    String focal = scenario.account("vbf" + language + n, org);
    organizations.appointFocalPoint(org, accounts.find(focal).orElseThrow().id());
    long visa = scenario.filedRequest(participant, focal, org, moving);
    String approved = mvc.perform(post("/api/v1/visa/" + visa + "/approve").header("Authorization", tokens.bearer("tsb")))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    mvc.perform(put(meetings + "/" + moving).header("Authorization", tokens.bearer("tsb"))
        .contentType(MediaType.APPLICATION_JSON).content(VisaScenario.meeting(null, "Lausanne"))).andExpect(status().isOk());
    return visa + " " + approved.replaceAll(".*\"reference\":\"([^\"]+)\".*", "$1");
  }
}
