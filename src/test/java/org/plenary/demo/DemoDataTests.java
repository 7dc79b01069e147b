package org.plenary.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.plenary.DemoTest;
import org.plenary.account.Account;
import org.plenary.account.AccountDirectory;
import org.plenary.account.NewAccount;
import org.plenary.account.Credentials;
import org.plenary.account.SignInResult;
import org.plenary.account.OrganizationCategory;
import org.plenary.account.OrganizationDirectory;
import org.plenary.account.Role;
import org.plenary.group.GroupCatalog;
import org.plenary.group.LeaderRole;
import org.plenary.meeting.Meeting;
import org.plenary.meeting.MeetingCatalog;
import org.springframework.beans.factory.annotation.Autowired;

@DemoTest
class DemoDataTests {

  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired Credentials credentials;
  @Autowired OrganizationDirectory organizations;
  @Autowired AccountDirectory accounts;
  @Autowired org.springframework.security.crypto.password.PasswordEncoder passwords;

  @Test
  void loadsFgCloudAsTheCircularAnnouncedIt() {
    var cloud = groups.get("cloud");
    assertThat(cloud.parentSlug()).isEqualTo("tsag");
    assertThat(cloud.establishedBy()).contains("Recommendation ITU-T A.7, clause 2.1.2.2");
    assertThat(cloud.sections()).hasSize(19);
    assertThat(cloud.sections().get(11).body()).contains("at least 10 calendar days before the meeting");
    assertThat(cloud.leaders(LeaderRole.CHAIR)).singleElement().satisfies(chair -> {
      assertThat(chair.personName()).isEqualTo("Vladimir Belenkovich");
      assertThat(chair.countryCode()).isEqualTo("RU");
      assertThat(chair.username()).isEqualTo("chair");
    });
    assertThat(cloud.leaders(LeaderRole.VICE_CHAIR)).hasSize(5);

    Meeting first = meetings.get("cloud", "1006-gva");
    ZoneId geneva = ZoneId.of("Europe/Zurich");
    assertThat(first.registrationDeadline().atZone(geneva).toLocalDate()).isEqualTo(LocalDate.of(2010, 6, 1));
    assertThat(first.contributionDeadline().atZone(geneva).toLocalDate()).isEqualTo(LocalDate.of(2010, 6, 7));
    assertThat(first.collocated()).hasSize(2);
    assertThat(first.hotels()).isNotEmpty();
    assertThat(first.fee()).isEqualTo("None");
  }

  @Test
  void schedulesTheNextMeetingEightWeeksFromTodayWithEveryWindowOpen() {
    // The demo's own (other tests of this shared context schedule FG Cloud meetings of their own, some sooner).
    Meeting next = org.plenary.DemoMeetings.upcomingMeeting(groups, meetings);
    // Scheduled when this test context started, which may have been before midnight.
    LocalDate today = LocalDate.now();
    assertThat(next.startDate()).isIn(today.plusWeeks(8), today.minusDays(1).plusWeeks(8));
    assertThat(next.deadlines()).allSatisfy(deadline -> assertThat(deadline.dueAt()).isInTheFuture());
    assertThat(next.agenda()).isNotEmpty();
  }

  @Test
  void opensTheDemoSignInsWithTheirRoles() {
    assertThat(signIn("tsb", "tsb-demo").has(Role.SECRETARIAT)).isTrue();
    var alice = signIn("alice", "alice-demo");
    var bob = signIn("bob", "bob-demo");
    assertThat(bob.organizationId()).isEqualTo(alice.organizationId());
    assertThat(organizations.get(alice.organizationId()).category()).isEqualTo(OrganizationCategory.SECTOR_MEMBER);
    assertThat(organizations.focalPoints(alice.organizationId())).extracting(a -> a.username()).containsExactly("focal");
    assertThat(signIn("chair", "chair-demo").username()).isEqualTo("chair");
  }

  /**
   * Checked with the server's encoder rather than by signing in: other tests sharing this context fail
   * sign-ins of the demo users on purpose, and a lock-out would hide what is checked here.
   */
  @Test
  void theShippedPasswordHashesAreTheServersOwnAndNothingElseIsTakenForOne() throws Exception {
    var shipped = new java.util.Properties();
    try (var in = getClass().getResourceAsStream("/demo/password-hashes.properties")) {
      shipped.load(in);
    }
    assertThat(shipped.stringPropertyNames()).containsExactlyInAnyOrder("tsb", "chair", "focal", "alice", "bob");
    for (String username : shipped.stringPropertyNames()) {
      String hash = shipped.getProperty(username);
      assertThat(passwords.matches(username + "-demo", hash)).as(username).isTrue();
      assertThat(passwords.matches(username + "-demo ", hash)).as(username).isFalse();
    }
    String username = "hash-check-" + System.nanoTime();
    var account = new NewAccount(username, username + "@demo.plenary.example", "Carol", null, null, Set.of());
    assertThatThrownBy(() -> accounts.createWithPasswordHash(account, "carol-demo", false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> accounts.createWithPasswordHash(account, "{noop}carol-demo", false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> accounts.createWithPasswordHash(account, "{bcrypt}$2a$04$" + "a".repeat(53), false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(accounts.find(username)).isEmpty();
  }

  private Account signIn(String username, String password) {
    var result = credentials.signIn("192.0.2.1", username, password);
    assertThat(result).isInstanceOf(SignInResult.SignedIn.class);
    return ((SignInResult.SignedIn) result).user().account();
  }
}
