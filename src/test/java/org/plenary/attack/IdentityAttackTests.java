package org.plenary.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenary.account.AccessTokens;
import org.plenary.account.AccountDirectory;
import org.plenary.account.NewAccount;
import org.plenary.account.OrganizationCategory;
import org.plenary.account.OrganizationDirectory;
import org.plenary.account.OrganizationId;
import org.plenary.account.Role;
import org.plenary.group.GroupCatalog;
import org.plenary.group.GroupDraft;
import org.plenary.meeting.LatePolicy;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.meeting.MeetingDraft;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Attacks on identity over real HTTP (issue 10, items 3, 4, 5 and the management part of 10): a
 * hostile client guessing passwords from one address or many, probing whether accounts exist by
 * wording or timing, keeping a session open after its rights were taken away, and reading the
 * management endpoints. Requests that must come from several addresses are written on sockets
 * bound to addresses of 127.0.0.0/8.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = IdentityAttackTests.SETTINGS)
class IdentityAttackTests {

  /** Shared with {@link FtpSignInAttackTests}, so both run in one context. */
  static final String SETTINGS = """
      spring.datasource.url=jdbc:h2:mem:identity-attack;DB_CLOSE_DELAY=-1
      plenary.data-dir=target/test-data/identity-attack-${random.uuid}
      plenary.admin-password=admin-attack-pass
      plenary.sign-in.max-failures=3
      plenary.sign-in.max-failures-per-address=6
      plenary.ftp.failed-sign-in-delay=1ms
      """;

  /** Each test takes fresh client addresses, so no test inherits another's counters. */
  static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(1);

  private static final Pattern RETRY = Pattern.compile("Try again after \\d\\d:\\d\\d UTC \\(in \\d+ minutes?\\)\\.");

  @LocalServerPort int port;
  @Autowired AccountDirectory accounts;
  @Autowired OrganizationDirectory organizations;
  @Autowired AccessTokens tokens;
  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired org.plenary.ftp.FtpServer ftpServer;

  @BeforeEach
  void accounts() {
    account("victim", Set.of());
    account("mallory", Set.of());
    account("spread", Set.of());
    account("clerk", Set.of(Role.SECRETARIAT));
    account("roaming", Set.of());
    account("leaver", Set.of());
    for (int i = 0; i < 10; i++) {
      account("timing-" + i, Set.of());
    }
  }

  @Test
  void signingInAsOneAccountGivesNoMoreGuessesAtAnotherOnTheTokenApiAndTheWebForm() throws Exception {
    String attacker = address();
    // Two wrong guesses at victim (the limit is three), then a success as the attacker's own account.
    assertThat(token(attacker, "victim", "guess-1").status()).isEqualTo(401);
    assertThat(token(attacker, "VICTIM", "guess-2").status()).as("case does not make a new username").isEqualTo(401);
    assertThat(token(attacker, "mallory", "mallory-pass").status()).isEqualTo(201);
    assertThat(formSignIn(attacker, "mallory", "mallory-pass")).doesNotContain("error", "locked");
    // The success reset nothing about victim: the third guess locks it, from this address and every other.
    assertThat(token(attacker, "Victim", "guess-3").status()).isEqualTo(401);
    Response locked = token(attacker, "victim", "victim-pass");
    assertThat(locked.status()).isEqualTo(429);
    assertThat(locked.header("retry-after")).matches("\\d+");
    assertThat(Long.parseLong(locked.header("retry-after"))).isBetween(1L, 15 * 60L + 1);
    assertThat(locked.body()).containsPattern(RETRY);
    assertThat(token(address(), "victim", "victim-pass").status()).isEqualTo(429);
    String page = formSignIn(address(), "victim", "victim-pass");
    assertThat(page).contains("/sign-in?locked=");
    assertThat(get(address(), page.substring(page.indexOf("/sign-in?locked="))).body()).containsPattern(RETRY);

    // The address's own counter is not reset by a success either: spraying over many names is capped.
    String sprayer = address();
    for (int i = 0; i < 5; i++) {
      assertThat(token(sprayer, "spray-" + i, "guess").status()).isEqualTo(401);
      assertThat(token(sprayer, "spread", "spread-pass").status()).as("own account between guesses").isEqualTo(201);
    }
    assertThat(token(sprayer, "spray-5", "guess").status()).isEqualTo(401);
    Response addressLocked = token(sprayer, "spread", "spread-pass");
    assertThat(addressLocked.status()).isEqualTo(429);
    assertThat(addressLocked.body()).containsPattern(RETRY);
    assertThat(token(address(), "spread", "spread-pass").status()).as("other addresses may still sign in").isEqualTo(201);
  }

  @Test
  void theSignInPageAfterASignInWaitedInVainBehindOthersSaysSoAndNotThatSignInsFailed() throws Exception {
    assertThat(get(address(), "/sign-in?busy").body()).contains("being checked at the same time")
        .doesNotContain("failed sign-ins");
  }

  @Test
  void guessesAtOneAccountFromManyAddressesAreCappedWithOneCounterForTheFormAndTheApi() throws Exception {
    assertThat(formSignIn(address(), "roaming", "guess-a")).contains("/sign-in?error");
    assertThat(formSignIn(address(), "roaming", "guess-b")).contains("/sign-in?error");
    assertThat(formSignIn(address(), "roaming", "roaming-pass")).as("two failures are counted as two")
        .doesNotContain("error", "locked");
    assertThat(formSignIn(address(), "roaming", "guess-0")).contains("/sign-in?error");
    assertThat(token(address(), "Roaming", "guess-1").status()).isEqualTo(401);
    assertThat(formSignIn(address(), "ROAMING", "guess-2")).contains("/sign-in?error");
    Response locked = token(address(), "roaming", "roaming-pass");
    assertThat(locked.status()).isEqualTo(429);
    assertThat(locked.body()).containsPattern(RETRY);
    assertThat(formSignIn(address(), "ROAMING", "roaming-pass")).contains("/sign-in?locked=");
  }

  @Test
  void forwardedHeadersNamingOtherClientsGiveNoMoreGuessesFromOneAddress() throws Exception {
    String attacker = address();
    var statuses = new java.util.ArrayList<Integer>();
    for (int i = 0; i < 8; i++) {
      // A fresh account each time (its own limit is never reached) and a fresh client named in every header that says one.
      account("forwarded-" + i, Set.of());
      String named = "198.51.100." + (NEXT_ADDRESS.getAndIncrement() % 250 + 1);
      statuses.add(Response.exchange(port, attacker, "POST", "/api/v1/tokens", Map.of("Content-Type", "application/json",
              "X-Forwarded-For", named, "Forwarded", "for=" + named, "X-Real-IP", named, "X-Forwarded-Host", "evil.example"),
          "{\"username\":\"forwarded-" + i + "\",\"password\":\"guess-" + i + "\"}").status());
    }
    // The address limit is six: the guesses are counted against the address they came from, whatever they claim.
    assertThat(statuses.subList(0, 6)).containsOnly(401);
    assertThat(statuses.subList(6, 8)).containsOnly(429);
  }

  @Test
  void aUsernameLongerThanAnyAccountsIsAWrongGuessCountedLikeAnyOtherNotAServerError() throws Exception {
    // Longer than the failure counters' key column (400): was a 500 with a stack trace in the log on every channel.
    String longName = "x".repeat(5_000);
    // The token API refuses a name no account can have (40 characters at most) naming the field: no guess is made.
    var refused = token(address(), longName, "guess-1");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body()).contains("\"field\":\"username\"");
    // The sign-in form takes it as a wrong guess, counted like any other.
    assertThat(formSignIn(address(), longName, "guess-2")).contains("/sign-in?error");
    assertThat(formSignIn(address(), longName.toUpperCase(Locale.ROOT), "guess-3")).contains("/sign-in?error");
    assertThat(formSignIn(address(), longName, "guess-4")).contains("/sign-in?error");
    assertThat(formSignIn(address(), longName, "guess-5")).as("locked out after three failures, as any name")
        .contains("/sign-in?locked=");
    assertThat(formSignIn(address(), longName + "y", "guess")).as("another long name has a counter of its own")
        .contains("/sign-in?error");
  }

  @Test
  void parallelGuessesAtOneAccountFromManyAddressesGetNoMoreThanTheLimitChecked() throws Exception {
    account("parallel", Set.of());
    account("parallel-own", Set.of());
    List<String> addresses = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      addresses.add(address());
    }
    List<Integer> statuses = concurrently(40, i -> token(addresses.get(i), i % 2 == 0 ? "parallel" : "PARALLEL",
        "guess-" + i).status());
    assertThat(statuses).isSubsetOf(401, 429);
    assertThat(statuses.stream().filter(s -> s == 401).count()).as("guesses checked (limit 3)").isLessThanOrEqualTo(3);
    // The guessers' own accounts sign in fine from the same addresses, and that resets nothing about the target.
    assertThat(token(addresses.get(0), "parallel-own", "parallel-own-pass").status()).isEqualTo(201);
    assertThat(formSignIn(addresses.get(1), "parallel-own", "parallel-own-pass")).doesNotContain("error", "locked");
    assertThat(token(addresses.get(0), "parallel", "parallel-pass").status()).isEqualTo(429);
    assertThat(token(address(), "parallel", "parallel-pass").status()).isEqualTo(429);
  }

  @Test
  void parallelGuessesFromOneAddressOverManyAccountsStopAtTheAddressLimitEvenWithOwnSignInsMixedIn() throws Exception {
    account("sprayer-own", Set.of());
    String sprayer = address();
    // 30 guesses at different usernames and 10 sign-ins as the sprayer's own account, all at once.
    List<Integer> statuses = concurrently(40, i -> i % 4 == 0
        ? token(sprayer, "sprayer-own", "sprayer-own-pass").status()
        : token(sprayer, "parallel-spray-" + i, "guess").status());
    assertThat(statuses).isSubsetOf(201, 401, 429);
    assertThat(statuses.stream().filter(s -> s == 401).count()).as("guesses checked (address limit 6)")
        .isLessThanOrEqualTo(6);
    // Successes took back only their own attempts: the failures still lock the address.
    if (statuses.stream().filter(s -> s == 401).count() == 6) {
      assertThat(token(sprayer, "sprayer-own", "sprayer-own-pass").status()).isEqualTo(429);
    }
    assertThat(token(address(), "sprayer-own", "sprayer-own-pass").status()).isEqualTo(201);
  }

  @Test
  void parallelFtpPassCommandsOnManyConnectionsGetNoMoreThanTheLimitChecked() throws Exception {
    account("ftp-parallel", Set.of());
    List<String> addresses = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      addresses.add(address());
    }
    List<String> replies = new java.util.concurrent.CopyOnWriteArrayList<>();
    concurrently(30, i -> {
      var ftp = new org.apache.commons.net.ftp.FTPClient();
      ftp.setDefaultTimeout(20_000);
      ftp.connect(InetAddress.getLoopbackAddress(), ftpServer.port(), InetAddress.getByName(addresses.get(i)), 0);
      try {
        ftp.sendCommand("USER " + (i % 2 == 0 ? "ftp-parallel" : "FTP-Parallel"));
        ftp.sendCommand("PASS guess-" + i);
        replies.add(ftp.getReplyString());
        return ftp.getReplyCode();
      } finally {
        ftp.disconnect();
      }
    });
    assertThat(replies).allMatch(r -> r.startsWith("530 "));
    assertThat(replies.stream().filter(r -> r.contains("Wrong username or password")).count())
        .as("guesses checked (limit 3)").isLessThanOrEqualTo(3);
    assertThat(replies.stream().filter(r -> RETRY.matcher(r).find()).count()).isGreaterThanOrEqualTo(27);
    assertThat(token(address(), "ftp-parallel", "ftp-parallel-pass").status()).as("one counter for every channel")
        .isEqualTo(429);
  }

  @Test
  void thePasswordChangeFormCountsWrongCurrentPasswordsLikeSignInsAndLocksOut() throws Exception {
    account("changer", Set.of());
    Session stolen = Session.signIn(this, address(), "changer", "changer-pass");
    // A stolen session cookie used from several addresses, with a new password that is itself invalid: all counted.
    String first = stolen.changePassword(address(), "guess-1", "short");
    assertThat(first).contains("That is not your current password.");
    assertThat(stolen.changePassword(address(), "guess-2", "a-new-password")).contains("That is not your current password.");
    assertThat(stolen.changePassword(address(), "guess-3", "a-new-password")).contains("That is not your current password.");
    String locked = stolen.changePassword(address(), "changer-pass", "a-new-password");
    assertThat(locked).containsPattern(RETRY).doesNotContain("/sign-in?password-changed");
    // The same counter as every sign-in channel: the real password is refused on the API too, and the session stands.
    assertThat(token(address(), "changer", "changer-pass").status()).isEqualTo(429);
    assertThat(stolen.get(address(), "/account").status()).as("the password was not changed").isEqualTo(200);
  }

  @Test
  void aWrongCurrentPasswordOnThePasswordFormCountsAgainstTheAddressToo() throws Exception {
    account("changer-two", Set.of());
    String from = address();
    Session session = Session.signIn(this, from, "changer-two", "changer-two-pass");
    for (int i = 0; i < 2; i++) {
      assertThat(session.changePassword(from, "guess-" + i, "a-new-password")).contains("That is not your current password.");
    }
    // Wrong guesses from the same address at five other names reach its limit of six distinct names failing.
    for (int i = 0; i < 5; i++) {
      assertThat(token(from, "addr-" + i, "guess").status()).isEqualTo(401);
    }
    assertThat(session.changePassword(from, "changer-two-pass", "a-new-password")).containsPattern(RETRY);
  }

  @Test
  void anUnknownUsernameCostsTheSameWorkAndGetsTheSameReplyAsAWrongPassword() throws Exception {
    accounts.setEnabled(accounts.find("leaver").orElseThrow().id(), false);
    var unknownApi = new ArrayList<Long>();
    var wrongApi = new ArrayList<Long>();
    var unknownForm = new ArrayList<Long>();
    var wrongForm = new ArrayList<Long>();
    for (int i = 0; i < 10; i++) {
      String from = address();
      long start = System.nanoTime();
      Response unknown = token(from, "nobody-" + i, "guess");
      unknownApi.add(System.nanoTime() - start);
      start = System.nanoTime();
      Response wrong = token(from, "timing-" + i, "guess");
      wrongApi.add(System.nanoTime() - start);
      assertThat(unknown.status()).isEqualTo(wrong.status()).isEqualTo(401);
      assertThat(unknown.body()).isEqualTo(wrong.body());
      if (i < 2) {
        assertThat(token(from, "leaver", "leaver-pass").body()).as("a disabled account").isEqualTo(wrong.body());
      }

      String other = address();
      Form unknownSignIn = signInForm(other);
      start = System.nanoTime();
      String unknownPage = unknownSignIn.submit("nobody-" + i, "guess");
      unknownForm.add(System.nanoTime() - start);
      Form wrongSignIn = signInForm(other);
      start = System.nanoTime();
      String wrongPage = wrongSignIn.submit("timing-" + i, "guess");
      wrongForm.add(System.nanoTime() - start);
      assertThat(unknownPage).isEqualTo(wrongPage).contains("/sign-in?error");
    }
    assertThat(median(unknownApi) / median(wrongApi)).as("token API: unknown user / wrong password").isBetween(0.5, 2.0);
    assertThat(median(unknownForm) / median(wrongForm)).as("sign-in form: unknown user / wrong password").isBetween(0.5, 2.0);
  }

  @Test
  void coAuthorsAreNamedOnlyAmongPeopleTheAuthorMayKnowWithOneAnswerForEveryOtherName() throws Exception {
    if (groups.find("idattack").isEmpty()) {
      groups.create(new GroupDraft("idattack", "FG Identity", "Focus Group on Identity", null, null, "English", 12, null,
          null, List.of(), List.of(), List.of()));
      meetings.schedule("idattack", new MeetingDraft("open", LocalDate.now().plusDays(30), LocalDate.now().plusDays(31),
          "Europe/Zurich", "Geneva", null, "gva", null, null, null, null, "English", false, true, null, null,
          LocalDateTime.now().plusDays(20), null, LatePolicy.FLAG, List.of(), List.of()));
      OrganizationId org = organizations.create("Identity Attack Org", OrganizationCategory.SECTOR_MEMBER, "CH");
      accounts.create(new NewAccount("author-a", "author-a@attack.example", "Author A", org, "CH", Set.of()), "author-pass", false);
      accounts.create(new NewAccount("colleague", "colleague@attack.example", "Colleague", org, "CH", Set.of()), "colleague-pass", false);
      accounts.create(new NewAccount("stranger", "stranger@attack.example", "Stranger", null, "CH", Set.of()), "stranger-pass", false);
    }
    String bearer = "Bearer " + tokens.issue(accounts.find("author-a").orElseThrow().id(), "attack").token();
    String path = "/api/v1/groups/idattack/meetings/open/contributions";
    Response existing = post(address(), path, bearer, "{\"title\":\"T\",\"source\":\"S\",\"coauthors\":\"stranger\"}");
    Response missing = post(address(), path, bearer, "{\"title\":\"T\",\"source\":\"S\",\"coauthors\":\"strangers\"}");
    assertThat(existing.status()).isEqualTo(missing.status()).isEqualTo(400);
    assertThat(existing.body().replace("stranger", "NAME")).isEqualTo(missing.body().replace("strangers", "NAME"));
    assertThat(post(address(), path, bearer, "{\"title\":\"T\",\"source\":\"S\",\"coauthors\":\"colleague\"}").status())
        .as("a colleague of the same organization").isEqualTo(201);
  }

  @Test
  void aLiveWebSessionLosesARoleTakenAwayAtItsNextRequest() throws Exception {
    account("clerk-live", Set.of(Role.SECRETARIAT));
    Browser clerk = new Browser();
    clerk.signIn("clerk-live", "clerk-live-pass");
    assertThat(clerk.get("/secretariat/outbox").statusCode()).isEqualTo(200);
    Response removed = put(address(), "/api/v1/accounts/clerk-live/roles", admin(), "{\"roles\":[]}");
    assertThat(removed.status()).isEqualTo(200);
    assertThat(clerk.get("/secretariat/outbox").statusCode()).isEqualTo(403);
    assertThat(clerk.get("/account").statusCode()).as("still signed in, as a participant").isEqualTo(200);
  }

  @Test
  void changingThePasswordEndsTheOtherWebSessionsOfTheAccount() throws Exception {
    account("mover", Set.of());
    Browser laptop = new Browser();
    Browser phone = new Browser();
    laptop.signIn("mover", "mover-pass");
    phone.signIn("mover", "mover-pass");
    assertThat(laptop.get("/account").statusCode()).isEqualTo(200);
    String laptopCsrf = laptop.csrf("/account");
    var changed = phone.post("/account/password", Map.of("currentPassword", "mover-pass", "newPassword", "mover-pass-2",
        "confirmation", "mover-pass-2"), "/account");
    assertThat(changed.statusCode()).isEqualTo(302);
    // The old session, with a valid CSRF token, cannot act any more: no token is created for it.
    HttpResponse<String> stale = laptop.postWithCsrf("/account/tokens", Map.of("name", "stale"), laptopCsrf);
    assertThat(stale.headers().firstValue("Location").orElseThrow()).contains("/sign-in?ended=password-changed");
    assertThat(tokens.list(accounts.find("mover").orElseThrow().id())).isEmpty();
    var oldPassword = laptop.post("/sign-in", Map.of("username", "mover", "password", "mover-pass"), "/sign-in");
    assertThat(oldPassword.headers().firstValue("Location").orElseThrow()).contains("/sign-in?error");
    assertThat(laptop.get("/account").headers().firstValue("Location").orElseThrow())
        .as("the old session is gone, not only refused once").contains("/sign-in");
    assertThat(laptop.get("/sign-in?ended=password-changed").body()).contains("Your password was changed");
  }

  @Test
  void disablingAnAccountEndsItsWebSessionAndItsTokensAndARevokedTokenIsRefused() throws Exception {
    account("quitter", Set.of());
    Browser browser = new Browser();
    browser.signIn("quitter", "quitter-pass");
    String kept = "Bearer " + tokens.issue(accounts.find("quitter").orElseThrow().id(), "kept").token();
    assertThat(get(address(), "/api/v1/groups", kept).status()).isEqualTo(200);

    var issued = tokens.issue(accounts.find("victim").orElseThrow().id(), "to revoke");
    String revoked = "Bearer " + issued.token();
    assertThat(get(address(), "/api/v1/groups", revoked).status()).isEqualTo(200);
    tokens.revoke(accounts.find("victim").orElseThrow().id(),
        tokens.list(accounts.find("victim").orElseThrow().id()).stream().filter(t -> t.name().equals("to revoke"))
            .findFirst().orElseThrow().id());
    Response refused = get(address(), "/api/v1/groups", revoked);
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.header("www-authenticate")).contains("Bearer", "error=\"invalid_token\"");

    assertThat(post(address(), "/api/v1/accounts/quitter/disable", admin(), "").status()).isEqualTo(200);
    HttpResponse<String> page = browser.get("/account");
    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(page.headers().firstValue("Location").orElseThrow()).contains("/sign-in?ended=disabled");
    Response token = get(address(), "/api/v1/groups", kept);
    assertThat(token.status()).isEqualTo(401);
    assertThat(token.header("www-authenticate")).contains("error=\"invalid_token\"");
    assertThat(formSignIn(address(), "quitter", "quitter-pass")).contains("/sign-in?error");

    // Enabled again: what was signed in before stays ended (a disabled account is ended, not suspended).
    assertThat(post(address(), "/api/v1/accounts/quitter/enable", admin(), "").status()).isEqualTo(200);
    assertThat(get(address(), "/api/v1/groups", kept).status()).as("the old token is not revived").isEqualTo(401);
    assertThat(tokens.list(accounts.find("quitter").orElseThrow().id())).isEmpty();
    assertThat(browser.get("/account").headers().firstValue("Location").orElseThrow())
        .as("the old web session is not revived").contains("/sign-in");
    assertThat(formSignIn(address(), "quitter", "quitter-pass")).doesNotContain("/sign-in?error");
  }

  @Test
  void aWebSessionSignsNoOneInOnTheApiOrTheManagementEndpointsAndATokenMakesNoSession() throws Exception {
    account("web-admin", Set.of(Role.ADMIN));
    Browser browser = new Browser();
    browser.signIn("web-admin", "web-admin-pass");
    assertThat(browser.get("/account").statusCode()).isEqualTo(200);
    // The token chains keep no security context in a session: the page's session cookie is no credential there.
    assertThat(browser.get("/api/v1/account").statusCode()).isEqualTo(401);
    assertThat(browser.get("/actuator/metrics").statusCode()).isEqualTo(401);
    String bearer = "Bearer " + tokens.issue(accounts.find("web-admin").orElseThrow().id(), "no session").token();
    Response read = get(address(), "/api/v1/account", bearer);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.header("set-cookie")).as("no session made for a token").isNull();
    assertThat(get(address(), "/actuator/metrics", bearer).header("set-cookie")).isNull();
  }

  @Test
  void every401OnTheApiCarriesWwwAuthenticate() throws Exception {
    Response anonymous = post(address(), "/api/v1/groups/tsag/meetings", null, "{}");
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.header("www-authenticate")).startsWith("Bearer");
    for (String bad : List.of("Bearer plenary_forged", "Bearer not-even-a-token", "bearer plenary_%00")) {
      Response invalid = get(address(), "/api/v1/groups", bad);
      assertThat(invalid.status()).as(bad).isEqualTo(401);
      assertThat(invalid.header("www-authenticate")).as(bad).contains("Bearer", "error=\"invalid_token\"");
    }
    Response wrongPassword = token(address(), "nobody-401", "wrong");
    assertThat(wrongPassword.status()).isEqualTo(401);
    assertThat(wrongPassword.header("www-authenticate")).startsWith("Bearer");
  }

  @Test
  void managementEndpointsOtherThanHealthNeedAnAdministrator() throws Exception {
    String participant = "Bearer " + tokens.issue(accounts.find("victim").orElseThrow().id(), "metrics").token();
    for (String path : List.of("/actuator/prometheus", "/actuator/metrics", "/actuator/info", "/actuator",
        "/actuator/prometheus/", "/actuator/%70rometheus", "/actuator/PROMETHEUS", "/actuator;x=1/prometheus",
        "/actuator//prometheus", "/actuator/./prometheus", "/actuator/health/../prometheus")) {
      Response anonymous = get(address(), path, null);
      assertThat(anonymous.status()).as(path).isIn(400, 401, 403, 404);
      assertThat(anonymous.body()).as(path).doesNotContain("jvm_memory", "jvm.memory");
      if (anonymous.status() == 401) {
        assertThat(anonymous.header("www-authenticate")).as(path).startsWith("Bearer");
      }
      Response asParticipant = get(address(), path, participant);
      assertThat(asParticipant.status()).as(path).isIn(400, 403, 404);
      assertThat(asParticipant.body()).as(path).doesNotContain("jvm_memory", "jvm.memory");
    }
    assertThat(get(address(), "/actuator/health", null).status()).isEqualTo(200);
    assertThat(get(address(), "/actuator/health/liveness", null).status()).isEqualTo(200);
    assertThat(get(address(), "/actuator/health/readiness", null).status()).isEqualTo(200);
    Response metrics = get(address(), "/actuator/prometheus", admin());
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body()).contains("jvm_memory_used_bytes");
  }

  // --- helpers ---

  interface Call {
    int status(int i) throws Exception;
  }

  /** Runs {@code n} calls at once (released together by a latch); returns their statuses. */
  static List<Integer> concurrently(int n, Call call) throws Exception {
    var start = new java.util.concurrent.CountDownLatch(1);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(n);
    try {
      var futures = new ArrayList<java.util.concurrent.Future<Integer>>();
      for (int i = 0; i < n; i++) {
        int index = i;
        futures.add(pool.submit(() -> {
          start.await();
          return call.status(index);
        }));
      }
      start.countDown();
      var statuses = new ArrayList<Integer>();
      for (var future : futures) {
        statuses.add(future.get(60, java.util.concurrent.TimeUnit.SECONDS));
      }
      return statuses;
    } finally {
      pool.shutdownNow();
    }
  }

  /** A web session signed in from one address, whose cookie can then be used from any address. */
  record Session(int port, String cookie) {

    static Session signIn(IdentityAttackTests test, String from, String username, String password) throws IOException {
      Form form = test.signInForm(from);
      Response answer = Response.exchange(test.port, from, "POST", "/sign-in",
          Map.of("Content-Type", "application/x-www-form-urlencoded", "Cookie", form.cookie),
          "username=" + enc(username) + "&password=" + enc(password) + "&_csrf=" + enc(form.csrf));
      assertThat(answer.header("location")).doesNotContain("error", "locked");
      String cookie = answer.header("set-cookie SESSION");
      return new Session(test.port, cookie == null ? form.cookie : cookie.split(";")[0]);
    }

    Response get(String from, String path) throws IOException {
      return Response.exchange(port, from, "GET", path, Map.of("Cookie", cookie), null);
    }

    /** Posts the password form from {@code from}; returns the page shown, or the Location of a redirect. */
    String changePassword(String from, String current, String next) throws IOException {
      Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(get(from, "/account").body());
      assertThat(csrf.find()).isTrue();
      Response answer = Response.exchange(port, from, "POST", "/account/password",
          Map.of("Content-Type", "application/x-www-form-urlencoded", "Cookie", cookie),
          "currentPassword=" + enc(current) + "&newPassword=" + enc(next) + "&confirmation=" + enc(next)
              + "&_csrf=" + enc(csrf.group(1)));
      return answer.status() == 302 ? answer.header("location") : answer.body();
    }
  }

  private void account(String username, Set<Role> roles) {
    if (accounts.find(username).isEmpty() && accounts.findEvenDisabled(username).isEmpty()) {
      accounts.create(new NewAccount(username, username + "@attack.example", username, null, null, roles),
          username + "-pass", false);
    }
  }

  private String admin() {
    return "Bearer " + tokens.issue(accounts.find("admin").orElseThrow().id(), "admin").token();
  }

  static String address() {
    int n = NEXT_ADDRESS.getAndIncrement();
    return "127.1." + (n / 250) + "." + (n % 250 + 1);
  }

  static double median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  private Response token(String from, String username, String password) throws IOException {
    return post(from, "/api/v1/tokens", null, "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
  }

  private Response get(String from, String path) throws IOException {
    return get(from, path, null);
  }

  private Response get(String from, String path, String authorization) throws IOException {
    return Response.exchange(port, from, "GET", path, authorization == null ? Map.of() : Map.of("Authorization", authorization), null);
  }

  private Response post(String from, String path, String authorization, String json) throws IOException {
    return send(from, "POST", path, authorization, json);
  }

  private Response put(String from, String path, String authorization, String json) throws IOException {
    return send(from, "PUT", path, authorization, json);
  }

  private Response send(String from, String method, String path, String authorization, String json) throws IOException {
    var headers = new LinkedHashMap<String, String>();
    headers.put("Content-Type", "application/json");
    if (authorization != null) {
      headers.put("Authorization", authorization);
    }
    return Response.exchange(port, from, method, path, headers, json);
  }

  /** Signs in on the form from an address; returns where the server sent the browser. */
  private String formSignIn(String from, String username, String password) throws IOException {
    return signInForm(from).submit(username, password);
  }

  private Form signInForm(String from) throws IOException {
    Response page = get(from, "/sign-in");
    Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
    assertThat(csrf.find()).isTrue();
    String cookie = page.header("set-cookie");
    return new Form(from, csrf.group(1), cookie == null ? "" : cookie.split(";")[0]);
  }

  private final class Form {
    private final String from;
    private final String csrf;
    private final String cookie;

    Form(String from, String csrf, String cookie) {
      this.from = from;
      this.csrf = csrf;
      this.cookie = cookie;
    }

    /** The Location of the answer to the form's POST. */
    String submit(String username, String password) throws IOException {
      Response answer = Response.exchange(port, from, "POST", "/sign-in",
          Map.of("Content-Type", "application/x-www-form-urlencoded", "Cookie", cookie),
          "username=" + enc(username) + "&password=" + enc(password) + "&_csrf=" + enc(csrf));
      assertThat(answer.status()).isEqualTo(302);
      return answer.header("location");
    }
  }

  /** A browser from 127.0.0.1 with its own cookies, following no redirects. */
  final class Browser {
    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NEVER).build();

    void signIn(String username, String password) throws Exception {
      var answer = post("/sign-in", Map.of("username", username, "password", password), "/sign-in");
      assertThat(answer.headers().firstValue("Location").orElseThrow()).doesNotContain("error", "locked");
    }

    HttpResponse<String> get(String path) throws Exception {
      return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
          HttpResponse.BodyHandlers.ofString());
    }

    /** Posts a form of the page {@code formPage}, with its CSRF token. */
    HttpResponse<String> post(String path, Map<String, String> fields, String formPage) throws Exception {
      return postWithCsrf(path, fields, csrf(formPage));
    }

    String csrf(String formPage) throws Exception {
      Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(get(formPage).body());
      assertThat(csrf.find()).isTrue();
      return csrf.group(1);
    }

    HttpResponse<String> postWithCsrf(String path, Map<String, String> fields, String csrf) throws Exception {
      var body = new StringBuilder("_csrf=" + enc(csrf));
      fields.forEach((k, v) -> body.append('&').append(k).append('=').append(enc(v)));
      return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** An HTTP/1.0 exchange on a socket bound to a loopback address of our choosing. */
  record Response(int status, Map<String, String> headers, String body) {

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    static Response exchange(int port, String from, String method, String path, Map<String, String> headers, String body)
        throws IOException {
      try (Socket socket = new Socket()) {
        socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(20_000);
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        var request = new StringBuilder(method + " " + path + " HTTP/1.0\r\nHost: 127.0.0.1:" + port + "\r\n");
        headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
        if (body != null) {
          request.append("Content-Length: ").append(content.length).append("\r\n");
        }
        request.append("\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(content);
        out.flush();
        InputStream in = socket.getInputStream();
        var all = new ByteArrayOutputStream();
        in.transferTo(all);
        String text = all.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, end < 0 ? text.length() : end).split("\r\n");
        var parsed = new LinkedHashMap<String, String>();
        for (int i = 1; i < lines.length; i++) {
          int colon = lines[i].indexOf(':');
          if (colon > 0) {
            String name = lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).strip();
            parsed.putIfAbsent(name, value);
            if (name.equals("set-cookie")) {
              // each cookie set also under its own name: a sign-in sets the session and clears the visitor's token
              parsed.put("set-cookie " + value.split("=", 2)[0].toLowerCase(Locale.ROOT), value);
            }
          }
        }
        return new Response(Integer.parseInt(lines[0].split(" ")[1]), parsed, end < 0 ? "" : text.substring(end + 4));
      }
    }
  }
}
