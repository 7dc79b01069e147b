package org.plenary.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.plenary.DemoTest;
import org.plenary.account.AccountDirectory;
import org.plenary.account.NewAccount;
import org.plenary.account.OrganizationCategory;
import org.plenary.account.OrganizationDirectory;
import org.plenary.account.OrganizationId;
import org.plenary.account.PlenaryUser;
import org.plenary.contribution.Allocation;
import org.plenary.contribution.ContributionDesk;
import org.plenary.contribution.OutputAllocation;
import org.plenary.contribution.OutputDesk;
import org.plenary.contribution.OutputType;
import org.plenary.group.GroupCatalog;
import org.plenary.group.GroupDraft;
import org.plenary.group.Leader;
import org.plenary.group.LeaderRole;
import org.plenary.meeting.AgendaItem;
import org.plenary.meeting.LatePolicy;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.meeting.MeetingDraft;
import org.plenary.pdf.PdfText;
import org.plenary.registration.RegistrationDesk;
import org.plenary.registration.RegistrationForm;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;

/** The report's counts against data made here: participation, documents per meeting and agenda item, outputs, deliverables. */
@DemoTest
class ProgressReportTests {

  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired AccountDirectory accounts;
  @Autowired OrganizationDirectory organizations;
  @Autowired RegistrationDesk registrations;
  @Autowired ContributionDesk documents;
  @Autowired OutputDesk outputs;
  @Autowired DeliverableDesk deliverables;
  @Autowired ProgressReports reports;
  @Autowired ProgressReportIssuer issuer;
  @Autowired org.plenary.shared.Words words;
  @Autowired UserDetailsService users;

  @Test
  void countsParticipantsByCategoryAndCountryAndDocumentsPerMeetingAndAgendaItem() throws Exception {
    OrganizationId telco = organizations.create("Report Telco", OrganizationCategory.SECTOR_MEMBER, "FR");
    OrganizationId state = organizations.create("Report Ministry", OrganizationCategory.MEMBER_STATE, "KR");
    accounts.create(new NewAccount("rchair", "rchair@example.org", "Report Chair", null, "RU", Set.of()), "rchair-pass", false);
    groups.create(new GroupDraft("reported", "FG Reported", "Focus Group Reported", "tsag", null, "English", 12, null,
        null, List.of(), List.of(new Leader(LeaderRole.CHAIR, "Report Chair", null, "RU", "rchair")), List.of()));
    LocalDate start = LocalDate.now().plusDays(40);
    meetings.schedule("reported", new MeetingDraft("first", start, start.plusDays(2), "Europe/Zurich", "Geneva", null,
        "gva", null, null, null, null, "English", false, true, null, null, null, null, LatePolicy.FLAG, List.of(), List.of()));
    meetings.replaceAgenda("reported", "first", List.of(new AgendaItem("Opening", null), new AgendaItem("Use cases", null)));
    meetings.schedule("reported", new MeetingDraft("later", start.plusYears(2), start.plusYears(2).plusDays(1),
        "Europe/Zurich", "Geneva", null, "gva", null, null, null, null, "English", false, true, null, null, null, null,
        LatePolicy.FLAG, List.of(), List.of()));
    PlenaryUser chair = user("rchair");
    PlenaryUser clerk = user("tsb");

    register("rp1", telco, "FR", true, clerk);
    register("rp2", telco, "FR", true, clerk);
    register("rp3", state, "KR", true, clerk);
    register("rp4", null, "CH", true, clerk);
    register("rp5", telco, "FR", false, clerk);

    documents.allocate("reported", "first", new Allocation("On opening", "S", List.of(1), null, List.of()), user("rp1"));
    documents.allocate("reported", "first", new Allocation("Use case A", "S", List.of(2), null, List.of()), user("rp1"));
    documents.allocate("reported", "first", new Allocation("Use case B", "S", List.of(2), null, List.of()), user("rp3"));
    documents.allocate("reported", "later", new Allocation("Out of period", "S", List.of(), null, List.of()), user("rp3"));
    var report = outputs.allocate("reported", "first", new OutputAllocation("Meeting report", null,
        OutputType.MEETING_REPORT, List.of(), List.of()), chair);
    var draft = outputs.allocate("reported", "first", new OutputAllocation("Draft TR", null,
        OutputType.DELIVERABLE_DRAFT, List.of(), List.of()), chair);
    var tr = deliverables.create("reported", "Use cases TR", DeliverableKind.TECHNICAL_REPORT, null, List.of(), chair);
    deliverables.addVersion("reported", tr.id(), draft.number(), chair);
    reports.saveNotes("reported", start.minusDays(1), start.plusDays(30), "First paragraph.\n\nSecond paragraph.", chair);

    ProgressReport r = reports.report("reported", start.minusDays(1), start.plusDays(30), chair);

    assertThat(r.parent()).isEqualTo("TSAG");
    assertThat(r.meetings()).hasSize(1);
    ProgressReport.MeetingHeld m = r.meetings().get(0);
    assertThat(m.code()).isEqualTo("first");
    assertThat(m.chair()).isEqualTo("Report Chair");
    assertThat(m.participants()).isEqualTo(4);
    assertThat(m.byCategory()).isEqualTo(Map.of("Sector Member", 2L, "Member State", 1L, "Individuals", 1L));
    assertThat(m.byCountry()).containsEntry("France", 2L).containsEntry("Switzerland", 1L).hasSize(3);
    assertThat(m.organizations()).isEqualTo(Map.of("Report Telco", 2L, "Report Ministry", 1L, "In their own name", 1L));
    assertThat(m.inputs()).isEqualTo(3);
    assertThat(m.inputsByAgendaItem()).extracting(i -> i.documents().size()).containsExactly(1, 2);
    assertThat(m.outputs()).containsExactly(report.number(), draft.number());
    assertThat(r.outputs()).extracting(o -> o.type()).containsExactly(OutputType.MEETING_REPORT, OutputType.DELIVERABLE_DRAFT);
    assertThat(r.deliverables()).singleElement().satisfies(d -> {
      assertThat(d.state()).isEqualTo(DeliverableState.DRAFT);
      assertThat(d.currentVersion()).isEqualTo(draft.number());
    });
    assertThat(r.chairParagraphs()).isEqualTo("First paragraph.\n\nSecond paragraph.");

    // In the report's language, not the reader's: an issued report is in the group's working language.
    var french = java.util.Locale.FRENCH;
    ProgressReport.MeetingHeld inFrench = reports.report("reported", start.minusDays(1), start.plusDays(30), chair, french)
        .meetings().get(0);
    assertThat(inFrench.byCategory()).isEqualTo(Map.of(words.in(french, "organization.category.SECTOR_MEMBER"), 2L,
        words.in(french, "organization.category.MEMBER_STATE"), 1L, words.in(french, "output.report.individuals"), 1L));
    assertThat(inFrench.byCategory()).doesNotContainKeys("Sector Member", "Member State", "Individuals");
    assertThat(inFrench.byCountry()).containsEntry("Suisse", 1L);
    assertThat(inFrench.dates()).as("the meeting's dates in the report's language")
        .isEqualTo(org.plenary.group.Days.range(start, meetings.get("reported", inFrench.code()).endDate(), french))
        .doesNotContain("January", "February", "March", "April", "May", "June", "July", "August", "September",
            "October", "November", "December");
    assertThat(inFrench.organizations()).containsEntry(words.in(french, "output.report.ownName"), 1L)
        .doesNotContainKey("In their own name");
    assertThat(PdfText.of(issuer.pdf("reported", start.minusDays(1), start.plusDays(30), chair, "fr").body()).stripped()
        .replaceAll("\\s+", " ")).contains(words.in(french, "organization.category.SECTOR_MEMBER") + " 2")
        .doesNotContain("Sector Member", "In their own name");

    byte[] pdf = issuer.pdf("reported", start.minusDays(1), start.plusDays(30), chair, null).body();
    assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
    assertThat(PdfText.of(pdf).stripped().replaceAll("\\s+", " ")).contains("Use cases TR", "Sector Member 2", "Second paragraph.");

    assertThatThrownBy(() -> reports.report("reported", start, start.plusDays(3), user("rp1")))
        .isInstanceOf(OutputRefusedException.class).hasMessageContaining("management and the secretariat");
  }

  private void register(String username, OrganizationId organization, String country, boolean approve,
      PlenaryUser clerk) {
    accounts.create(new NewAccount(username, username + "@example.org", "Person " + username, organization, country,
        Set.of()), username + "-password", false);
    var form = new RegistrationForm();
    form.setFullName("Person " + username);
    form.setEmail(username + "@example.org");
    form.setCountryCode(country);
    var registration = registrations.register("reported", "first", form, user(username));
    if (approve) {
      registrations.approve(registration.id(), clerk);
    }
  }

  private PlenaryUser user(String username) {
    return (PlenaryUser) users.loadUserByUsername(username);
  }
}
