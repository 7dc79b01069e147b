package org.plenary.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.plenary.account.AccountDirectory;
import org.plenary.account.NewAccount;
import org.plenary.account.OrganizationCategory;
import org.plenary.account.OrganizationDirectory;
import org.plenary.account.OrganizationId;
import org.plenary.account.Role;
import org.plenary.group.GroupCatalog;
import org.plenary.group.GroupDraft;
import org.plenary.group.GroupTranslation;
import org.plenary.group.Leader;
import org.plenary.group.LeaderRole;
import org.plenary.group.Milestone;
import org.plenary.group.Section;
import org.plenary.meeting.AgendaItem;
import org.plenary.meeting.CircularDesk;
import org.plenary.meeting.CircularDraft;
import org.plenary.meeting.CircularWarning;
import org.plenary.meeting.Hotel;
import org.plenary.meeting.LatePolicy;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.meeting.MeetingDraft;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * FG Cloud as TSB Circular 114 announced it: TSAG as parent, the annex-1 terms of reference, the
 * chair and vice-chairs, meeting 1006-gva with the annex-2 agenda and its deadlines, the collocated
 * focus groups, hotels and organizations; plus a second meeting eight weeks from today and the
 * demo sign-ins (password {@code <name>-demo}, hashed once in {@code demo/password-hashes.properties}).
 */
@Component
@Profile("demo")
class DemoData {

  private static final Logger log = LoggerFactory.getLogger(DemoData.class);
  private static final String GENEVA = "Europe/Zurich";
  private static final String ITU = "ITU Headquarters, Geneva";
  private static final String ITU_ADDRESS = "Place des Nations, 1211 Geneva 20, Switzerland";
  private static final Properties PASSWORD_HASHES = passwordHashes();

  private final AccountDirectory accounts;
  private final OrganizationDirectory organizations;
  private final GroupCatalog groups;
  private final MeetingCatalog meetings;
  private final CircularDesk circulars;
  private final Clock clock;
  private final DemoOutputs outputs;

  DemoData(AccountDirectory accounts, OrganizationDirectory organizations, GroupCatalog groups,
      MeetingCatalog meetings, CircularDesk circulars, Clock clock, DemoOutputs outputs) {
    this.outputs = outputs;
    this.circulars = circulars;
    this.accounts = accounts;
    this.organizations = organizations;
    this.groups = groups;
    this.meetings = meetings;
    this.clock = clock;
  }

  /** Loads it all, through the modules' public API; {@link DemoStart} decides when. */
  void load() {
    loadAllButCircular();
    issueCircular114();
  }

  /**
   * Everything but the issued TSB Circular 114, whose PDFs (six languages, each font read at its first
   * use) are most of the demo's cost: {@link DemoStart} issues it once the server answers.
   */
  void loadAllButCircular() {
    OrganizationId orange = organizations.create("France Telecom Orange", OrganizationCategory.SECTOR_MEMBER, "FR");
    OrganizationId russia = organizations.create("Ministry of Telecom and Mass Communications of the Russian Federation",
        OrganizationCategory.MEMBER_STATE, "RU");
    organizations.create("Cisco Systems", OrganizationCategory.SECTOR_MEMBER, "US");
    organizations.create("ETRI", OrganizationCategory.SECTOR_MEMBER, "KR");
    organizations.create("ZTE Corporation", OrganizationCategory.SECTOR_MEMBER, "CN");
    organizations.create("KDDI Corporation", OrganizationCategory.SECTOR_MEMBER, "JP");
    organizations.create("Federal Office of Communications (OFCOM)", OrganizationCategory.MEMBER_STATE, "CH");
    organizations.create("University of Geneva", OrganizationCategory.ACADEMIA, "CH");

    account("tsb", "TSB Secretariat", null, null, EnumSet.of(Role.SECRETARIAT, Role.ADMIN));
    account("chair", "Vladimir Belenkovich", russia, "RU", Set.of());
    var focal = account("focal", "Françoise Focal", orange, "FR", Set.of());
    account("alice", "Alice Martin", orange, "FR", Set.of());
    account("bob", "Bob Durand", orange, "FR", Set.of());
    organizations.appointFocalPoint(orange, focal);

    groups.create(new GroupDraft("tsag", "TSAG", "Telecommunication Standardization Advisory Group", null, null,
        "English", 48, null, null, List.of(), List.of(), List.of()));
    focusGroup("smartgrid", "FG Smart", "Focus Group on Smart Grid");
    focusGroup("fn", "FG FN", "Focus Group on Future Networks");
    groups.create(new GroupDraft("cloud", "FG Cloud", "Focus Group on Cloud Computing", "tsag",
        "Agreement of TSAG (Geneva, 8-11 February 2010) under Recommendation ITU-T A.7, clause 2.1.2.2",
        "English", 12, "tsbfgcloud@itu.int", "fg-cloud@lists.plenary.example", termsOfReference(), leadership(),
        List.of(new Milestone(LocalDate.of(2010, 6, 14), "Holding of the first Focus Group meeting (14-16 June 2010)"),
            new Milestone(LocalDate.of(2011, 2, 8), "Presentation of the first draft of the deliverables as "
                + "identified in clause 5 at the TSAG meeting 8-11 February 2011"))),
        Map.of("fr", new GroupTranslation("Groupe spécialisé sur l'informatique en nuage", List.of()),
            "zh", new GroupTranslation("云计算焦点组", List.of())));

    meetings.schedule("cloud", new MeetingDraft("1006-gva", LocalDate.of(2010, 6, 14), LocalDate.of(2010, 6, 16),
        GENEVA, ITU, ITU_ADDRESS, "gva", LocalTime.of(9, 30), LocalTime.of(8, 30), "Montbrillant building entrance",
        "None", "English", true, true, resource("geneva-practical-information.md"),
        LocalDateTime.of(2010, 6, 1, 23, 59), LocalDateTime.of(2010, 6, 7, 23, 59), null, LatePolicy.FLAG,
        List.of("Focus Group on Smart Grid (FG Smart)", "Focus Group on Future Networks (FG FN)"), hotels()));
    var agenda1006 = new java.util.ArrayList<>(items("Leadership positions: FG management panel", "Working methods",
        "Tools", "Focus group structure", "Relationships", "Review of contributions", "Promotion",
        "SDO/Forums presentations"));
    agenda1006.set(1, translated("Working methods", "Méthodes de travail", "工作方法"));
    agenda1006.set(5, translated("Review of contributions", "Examen des contributions", "审议文稿"));
    meetings.replaceAgenda("cloud", "1006-gva", agenda1006);

    LocalDate start = LocalDate.now(clock).plusWeeks(8);
    var upcoming = meetings.schedule("cloud", new MeetingDraft(null, start, start.plusDays(2), GENEVA, ITU,
        ITU_ADDRESS, "gva", LocalTime.of(9, 30), LocalTime.of(8, 30), "Montbrillant building entrance", "None",
        "English", true, true, resource("geneva-practical-information.md"), null, null, null, LatePolicy.FLAG, List.of(), hotels()));
    meetings.replaceAgenda("cloud", upcoming.code(), List.of(
        translated("Opening of the meeting", "Ouverture de la réunion", "会议开幕"),
        translated("Approval of the agenda", "Adoption de l'ordre du jour", "通过议程"),
        translated("Review of contributions", "Examen des contributions", "审议文稿"),
        new AgendaItem("Progress on the deliverables", null),
        new AgendaItem("Living list of standards bodies and forums", null),
        new AgendaItem("Terminology and taxonomy", null), new AgendaItem("Future meetings", null),
        translated("Any other business", "Questions diverses", "其他事项")));
    outputs.load();
    log.info("Demo data loaded: FG Cloud with meetings 1006-gva and {}; sign in as tsb, chair, focal, alice or bob "
        + "with the password <name>-demo.", upcoming.code());
  }

  /**
   * TSB Circular 114, generated from 1006-gva and issued on the day the demo gives it (the seed does not
   * carry the circular's date). Its contribution deadline, 7 June for 14 June, is shorter than the ten
   * days of the terms of reference: the exception the group's management agreed, confirmed as such.
   */
  void issueCircular114() {
    LocalDate dated = LocalDate.of(2010, 5, 10);
    var circular = circulars.draft("cloud", "1006-gva", new CircularDraft("TSB Circular 114", dated, "Malcolm Johnson",
        "", List.of()), "tsb");
    circulars.issueAsOf(circular.id(), java.util.Map.of(CircularWarning.Rule.SHORT_CONTRIBUTION_WINDOW,
            "The management of the focus group agreed 7 June 2010 as the deadline for its first meeting."), "tsb",
        dated.atTime(10, 0).atZone(java.time.ZoneId.of(GENEVA)).toInstant());
  }

  /** A demo sign-in, password {@code <username>-demo}, whose hash comes from {@code demo/password-hashes.properties}. */
  private org.plenary.account.AccountId account(String username, String name, OrganizationId organization,
      String country, Set<Role> roles) {
    String hash = PASSWORD_HASHES.getProperty(username);
    if (hash == null) {
      throw new IllegalStateException("demo/password-hashes.properties has no hash for " + username);
    }
    return accounts.createWithPasswordHash(new NewAccount(username, username + "@demo.plenary.example", name,
        organization, country, roles), hash, false);
  }

  private static Properties passwordHashes() {
    var hashes = new Properties();
    try (var in = new ClassPathResource("demo/password-hashes.properties").getInputStream()) {
      hashes.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return hashes;
  }

  private void focusGroup(String slug, String acronym, String name) {
    groups.create(new GroupDraft(slug, acronym, name, "tsag", "Recommendation ITU-T A.7", "English", 12, null, null,
        List.of(), List.of(), List.of()));
  }

  private static List<Leader> leadership() {
    return List.of(
        new Leader(LeaderRole.CHAIR, "Vladimir Belenkovich", "Russian Federation", "RU", "chair"),
        new Leader(LeaderRole.VICE_CHAIR, "Monique Morrow", "Cisco Systems", "US", null),
        new Leader(LeaderRole.VICE_CHAIR, "Jamil Chawki", "France Telecom Orange", "FR", null),
        new Leader(LeaderRole.VICE_CHAIR, "Kangchan Lee", "ETRI", "KR", null),
        new Leader(LeaderRole.VICE_CHAIR, "Mingdong Li", "ZTE Corporation", "CN", null),
        new Leader(LeaderRole.VICE_CHAIR, "Koji Nakao", "KDDI Corporation", "JP", null));
  }

  private static List<Hotel> hotels() {
    return List.of(
        new Hotel("InterContinental Geneva", "Chemin du Petit-Saconnex 7-9, 1209 Geneva", "+41 22 919 39 39",
            null, "CHF 320", "CHF 360"),
        new Hotel("Hotel Warwick Geneva", "Rue de Lausanne 14, 1201 Geneva", "+41 22 716 80 00", null,
            "CHF 235", "CHF 275"),
        new Hotel("Hotel Royal", "Rue de Lausanne 41-43, 1201 Geneva", "+41 22 906 14 14", null,
            "CHF 210", "CHF 250"),
        new Hotel("ibis Genève Centre Nations", "Rue Voltaire 10, 1201 Geneva", "+41 22 338 20 20", null,
            "CHF 145", "CHF 165"));
  }

  /** Sections of the terms of reference: each "## " heading starts one. */
  private static List<Section> termsOfReference() {
    var sections = new ArrayList<Section>();
    for (String part : resource("fg-cloud-terms-of-reference.md").split("(?m)^## ")) {
      if (!part.isBlank()) {
        int newline = part.indexOf('\n');
        sections.add(new Section(part.substring(0, newline).strip(), part.substring(newline + 1).strip()));
      }
    }
    return sections;
  }

  /** An agenda item whose title the demo also gives in French and Chinese (issue 13, content in several languages). */
  private static AgendaItem translated(String title, String french, String chinese) {
    return new AgendaItem(null, title, null, Map.of("fr", french, "zh", chinese));
  }

  private static List<AgendaItem> items(String... titles) {
    return java.util.Arrays.stream(titles).map(title -> new AgendaItem(title, null)).toList();
  }

  private static String resource(String name) {
    try {
      return new ClassPathResource("demo/" + name).getContentAsString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
