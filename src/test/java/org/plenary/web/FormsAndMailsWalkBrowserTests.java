package org.plenary.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.plenary.account.AccountDirectory;
import org.plenary.account.NewAccount;
import org.plenary.contribution.DemoApi;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the page walk of {@link EveryPageBrowserTests} reaches by doing, not by following links, with the longest
 * values in the pages: a document uploaded through the page's own form, the focal point's views of a registration
 * waiting for approval and the approval itself, and every link in every mail the server sent (to GreenMail), each
 * opened by its recipient. In the six languages, axe-core's WCAG 2.2 AA rules clean, nothing wider than the screen.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FormsAndMailsWalkBrowserTests extends LongDemoBrowserTest {

  private static final List<String> LANGUAGES = List.of("en", "fr", "es", "ru", "zh", "ar");
  private static final Pattern LINK = Pattern.compile("https://plenary\\.example(/[^\\s\"<>)]*)");

  @Autowired AccountDirectory accounts;

  @AfterEach
  void signedOut() {
    browser.windowViewport();
    browser.driver().manage().deleteAllCookies();
  }

  @Test
  @Order(1)
  void aDocumentUploadedThroughThePagesFormIsShownWithItsReceiptInEachLanguage() throws Exception {
    String made = api.allocate(api.token("alice"), "Uploaded on the page");
    Path folder = Files.createDirectories(Path.of("target/tmp/page-uploads"));
    browser.signIn("alice", "alice-demo");
    for (String lang : LANGUAGES) {
      Path file = Files.writeString(folder.resolve(made + ".txt"), "The version uploaded in " + lang);
      browser.open("/documents/" + made + "?lang=" + lang);
      browser.find(By.id("file")).sendKeys(file.toAbsolutePath().toString());
      browser.submitAndWait(() -> browser.find(By.cssSelector("#upload-form button[type=submit]")).click());
      assertThat(browser.find(By.cssSelector("p.notice")).getText()).as("the receipt in %s", lang).contains(made + ".txt");
      assertThat(browser.script("return document.documentElement.lang")).isEqualTo(lang);
      browser.assertNoRawKeys();
      browser.assertAccessible();
      fits("the upload's receipt in " + lang);
    }
  }

  @Test
  @Order(2)
  void theFocalPointSeesAWaitingRegistrationOnTheDeskAndItsPageAndApprovesItInEachLanguage() throws Exception {
    var alice = accounts.find("alice").orElseThrow();
    var faults = new ArrayList<String>();
    for (String lang : LANGUAGES) {
      String username = "waiting" + lang;
      accounts.create(new NewAccount(username, username + "@example.org", longest(200), alice.organizationId(), "FR",
          Set.of()), username + "-demo", false);
      String id = id(post(api.token(username), "/api/v1/groups/cloud/meetings/" + code + "/registrations",
          ("{\"fullName\": \"%s\", \"email\": \"%s@example.org\", \"organizationId\": %d, \"countryCode\": \"FR\","
              + " \"attendance\": \"IN_PERSON\", \"function\": \"%s\"}").formatted(longest(200), username,
              alice.organizationId().value(), longest(200))));
      browser.signIn("focal", "focal-demo");
      // Each page loaded once, checked laid out at both widths (the layout follows the viewport, not the load).
      browser.viewport(1280, 900);
      browser.open("/desk?lang=" + lang);
      for (int width : new int[] {1280, 360}) {
        browser.relayout(width, 900);
        assertThat(browser.all(By.id("decide-" + id))).as("the waiting registration on the desk in %s", lang).hasSize(1);
        accessible(faults, "/desk in " + lang + " at " + width);
      }
      browser.viewport(1280, 900);
      browser.open("/registrations/" + id + "?lang=" + lang);
      for (int width : new int[] {1280, 360}) {
        browser.relayout(width, 900);
        accessible(faults, "/registrations/" + id + " in " + lang + " at " + width);
      }
      browser.clickAndWait(By.cssSelector("form[action$='/approve'] button"));
      assertThat(browser.find(By.cssSelector("p.notice")).getText()).as("approved in %s", lang).isNotBlank();
      accessible(faults, "/registrations/" + id + " approved, in " + lang);
      browser.driver().manage().deleteAllCookies();
    }
    assertThat(faults).isEmpty();
  }

  @Test
  @Order(3)
  void everyLinkInEveryMailOpensAPageForItsRecipientInEachLanguage() throws Exception {
    assertThat(smtp.waitForIncomingEmail(10_000, 6)).isTrue();
    Thread.sleep(2_000); // the last notices of the steps before
    var links = new LinkedHashMap<String, String>(); // path → the recipient's username (null: no account)
    for (MimeMessage mail : smtp.getReceivedMessages()) {
      String to = mail.getAllRecipients()[0].toString().toLowerCase(java.util.Locale.ROOT);
      String who = accounts.all().stream().filter(a -> a.email() != null && a.email().equalsIgnoreCase(to))
          .map(a -> a.username()).findFirst().orElse(null);
      var found = LINK.matcher(text(mail));
      while (found.find()) {
        String path = found.group(1).replaceAll("[.,;:]+$", "");
        links.putIfAbsent(path, who); // the API's upload address is named by its path, not as a link to open
      }
    }
    assertThat(links).as("links in the mails").isNotEmpty();
    var faults = new ArrayList<String>();
    // By recipient: a demo account signs in once for all the links of its mails; any other link opens signed out.
    var byRecipient = links.entrySet().stream()
        .sorted(java.util.Comparator.comparing(l -> String.valueOf(l.getValue()))).toList();
    String signedIn = null;
    for (Map.Entry<String, String> link : byRecipient) {
      boolean demo = link.getValue() != null && Set.of("tsb", "chair", "focal", "alice", "bob").contains(link.getValue());
      if (!demo || !link.getValue().equals(signedIn)) {
        browser.driver().manage().deleteAllCookies();
        signedIn = null;
        if (demo) {
          browser.signIn(link.getValue(), link.getValue() + "-demo");
          signedIn = link.getValue();
        }
      }
      for (String lang : LANGUAGES) {
        String path = link.getKey() + (link.getKey().contains("?") ? "&" : "?") + "lang=" + lang;
        browser.open(path);
        Object status = browser.script("var n = performance.getEntriesByType('navigation')[0]; return n ? n.responseStatus : -1;");
        if (!Long.valueOf(200).equals(status)) {
          faults.add(path + " (for " + link.getValue() + ") answered " + status + ": " + browser.script("return document.title;"));
          continue;
        }
        if (!link.getKey().matches(".*\\.(pdf|ics|csv|zip|atom|docx|txt)(\\?.*)?$")) { // a file is not a page to lay out
          accessible(faults, path + " (for " + link.getValue() + ")");
        }
      }
    }
    assertThat(faults).as("the mails' links %s", links.keySet()).isEmpty();
  }

  private void accessible(List<String> faults, String shown) {
    try {
      browser.assertAccessible();
      fits(shown);
    } catch (AssertionError e) {
      faults.add(shown + ": " + e.getMessage());
    }
  }

  private void fits(String shown) {
    assertThat(browser.script("return document.documentElement.scrollWidth - window.innerWidth;"))
        .as("px wider than the screen: %s", shown).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LONG)
        .isLessThanOrEqualTo(0L);
  }

  /** The mail's text, its attachments left out. */
  private static String text(Part part) throws Exception {
    Object content = part.getContent();
    if (content instanceof String text) {
      return text;
    }
    var out = new StringBuilder();
    if (content instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        if (multipart.getBodyPart(i).isMimeType("text/*") || multipart.getBodyPart(i).isMimeType("multipart/*")) {
          out.append(text(multipart.getBodyPart(i))).append('\n');
        }
      }
    }
    return out.toString();
  }
}
