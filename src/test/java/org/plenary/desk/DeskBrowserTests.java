package org.plenary.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.plenary.Browser;
import org.plenary.account.AccountDirectory;
import org.plenary.account.NewAccount;
import org.plenary.account.OrganizationCategory;
import org.plenary.account.OrganizationDirectory;
import org.plenary.account.OrganizationId;
import org.plenary.account.PlenaryUser;
import org.plenary.DemoMeetings;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.registration.Attendance;
import org.plenary.registration.RegistrationDesk;
import org.plenary.registration.RegistrationForm;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.ActiveProfiles;

/**
 * The desk of each role, the approval in place, the registration page's states and its form layout
 * and errors, in a real headless Chromium, each page checked by axe-core (WCAG 2.2 AA), and one
 * story walked with the keyboard only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-desk-browser;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}"})
@ActiveProfiles("demo")
@ExtendWith(Browser.Installed.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeskBrowserTests {

  private static final AtomicInteger NEXT = new AtomicInteger();

  @LocalServerPort int port;
  @Autowired AccountDirectory accounts;
  @Autowired OrganizationDirectory organizations;
  @Autowired RegistrationDesk registrations;
  @Autowired UserDetailsService users;
  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;

  private String code;
  private Browser browser;

  /** One Chromium for the class, left as new after each test ({@link Browser#reset}). */
  @BeforeAll
  void open() {
    browser = new Browser(port, 1200, 900);
  }

  @BeforeEach
  void upcoming() {
    code = DemoMeetings.upcoming(groups, meetings);
  }

  @AfterEach
  void reset() {
    browser.reset();
  }

  @AfterAll
  void close() {
    browser.close();
  }

  @Test
  void everyRoleLandsOnItsDeskAfterSigningInAndEachDeskPassesAxe() {
    String[][] roles = {{"alice", "Your next deadlines"}, {"focal", "Registrations to decide"},
        {"chair", "Your groups' coming meetings"}, {"tsb", "Incoming queues"}};
    for (String[] role : roles) {
      browser.signIn(role[0], role[0] + "-demo");
      assertThat(browser.path()).as(role[0]).isEqualTo("/desk");
      assertThat(browser.all(By.tagName("h2")).stream().map(WebElement::getText).toList()).as(role[0]).contains(role[1]);
      assertThat(browser.driver().getTitle()).isEqualTo("Your desk — Plenary");
      browser.assertAccessible();
      // Each region of the desk is told from the others by its name (axe best practice, "moderate").
      browser.assertRules("landmark-unique");
      browser.submitAndWait(() -> browser.find(By.cssSelector("form[action='/sign-out'] button")).click());
    }
  }

  @Test
  void theFocalPointApprovesOneRegistrationThenTwoAtOnceInPlace() {
    int n = NEXT.incrementAndGet();
    OrganizationId org = organizations.create("Browser Org " + n, OrganizationCategory.SECTOR_MEMBER, "FR");
    String focal = account("bfocal" + n, org);
    organizations.appointFocalPoint(org, accounts.find(focal).orElseThrow().id());
    List<Long> ids = List.of(register(account("bp1-" + n, org)), register(account("bp2-" + n, org)),
        register(account("bp3-" + n, org)));

    browser.signIn(focal, focal + "-pass");
    assertThat(browser.find(By.cssSelector("a[href='/desk#decide']")).getText()).isEqualTo("To decide 3");
    browser.assertAccessible();
    browser.clickAndWait(By.id("approve-" + ids.get(0)));
    assertThat(browser.path()).isEqualTo("/desk");
    assertThat(browser.find(By.cssSelector("[role=status]")).getText()).startsWith("Approved Person bp1-" + n);
    browser.find(By.id("select-" + ids.get(1))).click();
    browser.find(By.id("select-" + ids.get(2))).click();
    browser.clickAndWait(By.id("approve-selected"));
    assertThat(browser.find(By.cssSelector("[role=status]")).getText())
        .contains("Approved Person bp2-" + n, "Approved Person bp3-" + n);
    assertThat(browser.find(By.id("decide")).getText()).contains("No registration of your organization waits for you.");
    assertThat(browser.all(By.cssSelector("a[href='/desk#decide']"))).isEmpty();
    browser.assertAccessible();
  }

  /** The navigation's count is the length of the list it links to: the secretariat's counted every registration and led to none. */
  @Test
  void theSecretariatsToDecideCountIsTheLengthOfTheListItLeadsTo() {
    int n = NEXT.incrementAndGet();
    OrganizationId org = organizations.create("Count Org " + n, OrganizationCategory.SECTOR_MEMBER, "FR");
    List<Long> ids = List.of(register(account("bc1-" + n, org)), register(account("bc2-" + n, org)));

    browser.signIn("tsb", "tsb-demo");
    int counted = Integer.parseInt(browser.find(By.cssSelector("a[href='/desk#decide'] .count")).getText());
    List<String> rows = browser.all(By.cssSelector("#decide tbody tr")).stream().map(r -> r.getDomAttribute("id")).toList();
    assertThat(rows).hasSize(counted).contains("decide-" + ids.get(0), "decide-" + ids.get(1));
    browser.clickAndWait(By.id("approve-" + ids.get(0)));
    assertThat(browser.find(By.cssSelector("a[href='/desk#decide'] .count")).getText()).isEqualTo(String.valueOf(counted - 1));
    assertThat(browser.all(By.cssSelector("#decide tbody tr"))).hasSize(counted - 1);
    browser.assertAccessible();
  }

  @Test
  void radiosSitWithTheirLabelsAndEachInvalidFieldHasOneMessageInFormOrder() {
    String person = account("bform" + NEXT.incrementAndGet(), null);
    browser.signIn(person, person + "-pass");
    browser.open("/groups/cloud/meetings/" + code + "/register");
    assertRadiosSitWithTheirLabels(2);
    WebElement name = browser.find(By.id("fullName"));
    name.clear();
    name.sendKeys(" ".repeat(201));
    browser.script("document.getElementById('countryCode').value = ''");
    browser.find(By.id("function")).sendKeys("x".repeat(201));
    browser.submitAndWait(() -> browser.find(By.cssSelector("main form button.primary")).click());

    List<String> summary = browser.all(By.cssSelector(".error-summary li a")).stream()
        .map(a -> a.getAttribute("href").replaceAll(".*#", "")).toList();
    assertThat(summary).containsExactly("fullName", "countryCode", "function");
    for (String field : summary) {
      assertThat(browser.all(By.cssSelector("#" + field + "-error"))).hasSize(1);
      assertThat(browser.find(By.id(field + "-error")).getText()).doesNotContain("\n");
    }
    assertThat(browser.driver().switchTo().activeElement().getAttribute("class")).contains("error-summary");
    browser.assertAccessible();
    browser.find(By.cssSelector(".error-summary a[href='#function']")).click();
    assertThat(browser.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("function");
  }

  @Test
  void theHotelAndNewMeetingFormsHaveTheirRadiosBesideTheirLabels() {
    browser.open("/groups/cloud/meetings/" + code + "/hotel-form");
    assertRadiosSitWithTheirLabels(4);
    browser.signIn("tsb", "tsb-demo");
    browser.open("/groups/cloud/meetings/new");
    assertRadiosSitWithTheirLabels(2);
  }

  /** Each radio and checkbox of the form is a box no wider than its label's line, right beside the label. */
  private void assertRadiosSitWithTheirLabels(int atLeast) {
    List<WebElement> boxes = browser.all(By.cssSelector("main input[type=radio], main input[type=checkbox]"));
    assertThat(boxes).as("radios and checkboxes on %s", browser.path()).hasSizeGreaterThanOrEqualTo(atLeast);
    for (WebElement box : boxes) {
      WebElement label = browser.find(By.cssSelector("label[for='" + box.getAttribute("id") + "']"));
      double lineHeight = Double.parseDouble(String.valueOf(browser.script(
          "return parseFloat(getComputedStyle(arguments[0]).lineHeight)", label)));
      assertThat((double) box.getRect().getWidth()).as("width of %s", box.getAttribute("id")).isLessThanOrEqualTo(lineHeight);
      assertThat(label.getRect().getX() - (box.getRect().getX() + box.getRect().getWidth()))
          .as("gap between %s and its label", box.getAttribute("id")).isBetween(0, 24);
      assertThat(Math.abs(label.getRect().getY() - box.getRect().getY())).isLessThan((int) lineHeight);
    }
  }

  @Test
  void theRegistrationPageSaysAlreadyRegisteredOrClosedBeforeAnyoneTypes() {
    String person = account("bstate" + NEXT.incrementAndGet(), null);
    long id = register(person);
    browser.signIn(person, person + "-pass");
    browser.open("/groups/cloud/meetings/" + code + "/register");
    assertThat(browser.find(By.id("already-registered")).getText()).contains("You are registered for this meeting",
        "waiting for approval");
    assertThat(browser.all(By.id("fullName"))).isEmpty();
    assertThat(browser.find(By.cssSelector("#already-registered a")).getAttribute("href")).endsWith("/registrations/" + id);
    browser.assertAccessible();
    browser.open("/groups/cloud/meetings/1006-gva/register");
    assertThat(browser.find(By.id("registration-closed")).getText())
        .contains("Tuesday 1 June 2010, 23:59 CEST (Europe/Zurich)");
    assertThat(browser.all(By.id("fullName"))).isEmpty();
    browser.assertAccessible();
  }

  @Test
  void theNavigationFoldsIntoAMenuOnANarrowScreen() {
    browser.viewport(480, 900);
    browser.signIn("alice", "alice-demo");
    WebElement toggle = browser.find(By.cssSelector(".menu-toggle"));
    assertThat(toggle.isDisplayed()).isTrue();
    assertThat(browser.find(By.id("site-menu")).isDisplayed()).isFalse();
    toggle.click();
    assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("true");
    assertThat(browser.find(By.linkText("Groups and meetings")).isDisplayed()).isTrue();
    browser.assertAccessible();
  }

  @Test
  void aParticipantRegistersForAMeetingWithTheKeyboardOnly() {
    String person = account("bkeys" + NEXT.incrementAndGet(), null);
    browser.open("/sign-in");
    browser.driver().switchTo().activeElement().sendKeys(person); // the username field has autofocus
    browser.driver().switchTo().activeElement().sendKeys(Keys.TAB);
    browser.driver().switchTo().activeElement().sendKeys(person + "-pass");
    browser.submitAndWait(() -> browser.driver().switchTo().activeElement().sendKeys(Keys.ENTER));
    assertThat(browser.path()).isEqualTo("/desk");

    WebElement home = browser.tabTo("Groups and meetings", e -> "Groups and meetings".equals(e.getText()));
    browser.submitAndWait(() -> home.sendKeys(Keys.ENTER));
    WebElement meeting = browser.tabTo("the coming meeting", e -> String.valueOf(e.getAttribute("href"))
        .endsWith("/groups/cloud/meetings/" + code));
    browser.submitAndWait(() -> meeting.sendKeys(Keys.ENTER));
    WebElement register = browser.tabTo("Register", e -> "Register".equals(e.getText()));
    browser.submitAndWait(() -> register.sendKeys(Keys.ENTER));
    assertThat(browser.path()).endsWith("/register");
    WebElement remote = browser.tabTo("the attendance", e -> "radio".equals(e.getAttribute("type")));
    remote.sendKeys(Keys.ARROW_DOWN);
    assertThat(browser.driver().switchTo().activeElement().getAttribute("value")).isEqualTo("REMOTE");
    WebElement submit = browser.tabTo("the Register button", e -> "Register".equals(e.getText()) && "button".equals(e.getTagName()));
    browser.submitAndWait(() -> submit.sendKeys(Keys.ENTER));
    assertThat(browser.path()).startsWith("/registrations/");
    assertThat(browser.find(By.cssSelector("dl.facts")).getText()).contains("waiting for approval", "Remotely");
  }

  @Test
  void thePagesAroundTheDeskPassAxeForTheSecretariat() {
    browser.signIn("tsb", "tsb-demo");
    for (String path : List.of("/", "/groups/cloud", "/groups/cloud/meetings/" + code, "/groups/cloud/meetings/1006-gva",
        "/groups/cloud/meetings/" + code + "/agenda", "/groups/cloud/meetings/" + code + "/participants",
        "/groups/cloud/meetings/1006-gva/documents", "/groups/cloud/incoming", "/registrations", "/secretariat/outbox",
        "/secretariat/visa", "/account", "/admin/accounts", "/admin/organizations", "/visa/verify",
        "/groups/cloud/meetings/" + code + "/documents/new", "/groups/cloud/meetings/" + code + "/hotel-form")) {
      browser.open(path);
      assertThat(browser.driver().getTitle()).as(path).endsWith("— Plenary").isNotEqualTo("— Plenary");
      assertThat(browser.all(By.cssSelector("link[rel=icon]"))).as(path).hasSize(1);
      browser.assertAccessible();
    }
  }

  @Test
  void axeReportsAViolationWhenAPageHasOne() {
    browser.open("/");
    browser.script("var img = document.createElement('img'); img.src = '/favicon.svg';"
        + " document.querySelector('main').appendChild(img);");
    assertThatThrownBy(browser::assertAccessible).hasMessageContaining("image-alt");
  }

  private String account(String username, OrganizationId organization) {
    accounts.create(new NewAccount(username, username + "@example.org", "Person " + username, organization, "FR", Set.of()),
        username + "-pass", false);
    return username;
  }

  private long register(String username) {
    var user = (PlenaryUser) users.loadUserByUsername(username);
    var form = new RegistrationForm();
    form.setFullName("Person " + username);
    form.setEmail(username + "@example.org");
    form.setOrganizationId(user.account().organizationId() == null ? null : user.account().organizationId().value());
    form.setCountryCode("FR");
    form.setAttendance(Attendance.REMOTE);
    return registrations.register("cloud", code, form, user).id();
  }
}
