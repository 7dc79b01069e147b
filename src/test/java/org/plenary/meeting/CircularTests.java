package org.plenary.meeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.plenary.DemoTest;
import org.plenary.group.GroupCatalog;
import org.plenary.group.GroupDraft;
import org.plenary.group.Leader;
import org.plenary.group.LeaderRole;
import org.plenary.group.Section;
import org.plenary.pdf.PdfText;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.i18n.LocaleContextHolder;

/**
 * The circular of a meeting, generated, checked against the group's announcement rules, issued and
 * frozen; the demo's TSB Circular 114 read back from its PDF in English and Chinese.
 */
@DemoTest
class CircularTests {

  private static final List<String> AGENDA = List.of("Leadership positions: FG management panel", "Working methods",
      "Tools", "Focus group structure", "Relationships", "Review of contributions", "Promotion",
      "SDO/Forums presentations");

  @Autowired CircularDesk circulars;
  @Autowired MeetingCatalog meetings;
  @Autowired GroupCatalog groups;

  @Test
  void theDemoHoldsCircular114IssuedWithTheFactsOfTheSeedInEnglish() throws Exception {
    Circular c114 = circular114();
    assertThat(c114.issued()).isTrue();
    assertThat(c114.dated()).isEqualTo(LocalDate.of(2010, 5, 10));
    String text = words(PdfText.of(circulars.pdf(c114.id(), "en", false)).stripped());
    assertThat(text).contains("TSB Circular 114", "INTERNATIONAL TELECOMMUNICATION UNION", "Geneva, 10 May 2010",
        "Administrations of Member States of the Union", "ITU-T Sector Members", "ITU-T Associates", "ITU-T Academia",
        "Establishment of a new Focus Group on Cloud Computing (FG Cloud); first meeting of FG Cloud",
        "ITU Headquarters, Geneva", "14–16 June 2010", "will open at 09:30 on 14 June 2010",
        "registration will begin at 08:30 at Montbrillant building entrance",
        "Focus Group on Smart Grid (FG Smart); Focus Group on Future Networks (FG FN)",
        "There is no registration fee", "Discussions will be held in English only", "paperless meeting",
        "no later than 1 June 2010, 23:59 (Europe/Zurich)", "The deadline for contributions to this meeting is 7 June 2010",
        "no later than 17 May 2010", "FG-Cloud-I-nnnn", "/t/fg/cloud/docs/incoming", "/t/fg/cloud/docs/1006-gva/in/",
        "Vladimir Belenkovich (Russian Federation) will chair the group", "Koji Nakao (KDDI Corporation)",
        "Malcolm Johnson", "Director of the Telecommunication Standardization Bureau", "ANNEX 1", "(to TSB Circular 114)",
        "Terms of reference of the Focus Group on Cloud Computing", "at least 10 calendar days before the meeting",
        "The parent group is TSAG", "ANNEX 2", "Draft meeting agenda", "ANNEX 3", "Hotel Royal",
        "Credit card to guarantee this reservation");
    assertThat(text).containsPattern("ftp://[a-z0-9.]+(:\\d+)?/t/fg/cloud/docs/incoming");
    for (int i = 0; i < AGENDA.size(); i++) {
      assertThat(text).contains((i + 1) + ". " + AGENDA.get(i));
    }
  }

  @Test
  void theDemoCircular114ReadsInChineseAsTheSeedDoes() throws Exception {
    String text = PdfText.of(circulars.pdf(circular114().id(), "zh", false)).stripped().replaceAll("\\s+", "");
    assertThat(text).contains("国际电信联盟", "事由", "建立一个新焦点组", "FGCloud第一次会议", "2010年6月14-16日",
        "尊敬的先生/女士", "会议将于2010年6月14日09:30开始", "与会者的注册工作将自08:30在Montbrillantbuildingentrance开始",
        "参加本次会议无须交纳注册费", "本次会议将是一次无纸会议", "本次会议的文件提交截止时间为2010年6月7日",
        "不迟于2010年6月1日", "不迟于2010年5月17日", "/t/fg/cloud/docs/incoming", "VladimirBelenkovich",
        "顺致敬意", "电信标准化局主任", "附件1", "附件2", "会议议程草案", "附件3", "atleast10calendardaysbeforethemeeting",
        "电信标准化局第114号通函", "讨论将仅用英语进行");
    for (String item : AGENDA) {
      assertThat(text).contains(item.replaceAll("\\s+", ""));
    }
  }

  @Test
  void theDemoCircular114ReadsInFrenchInTheRegisterOfATsbCircular() throws Exception {
    String text = words(extracted(circulars.pdf(circular114().id(), "fr", false)));
    assertThat(text).contains("UNION INTERNATIONALE DES TÉLÉCOMMUNICATIONS", "Genève, le 10 mai 2010",
        "Administrations des États Membres de l’Union", "Membres du Secteur UIT-T", "Associés de l’UIT-T",
        "Création d’un nouveau Focus Group on Cloud Computing (FG Cloud)", "Madame, Monsieur,",
        "La réunion s’ouvrira à 09:30 le 14 juin 2010", "14-16 juin 2010",
        "Aucun droit d’inscription n’est perçu", "au plus tard le 1 juin 2010, 23:59 (Europe/Zurich)",
        "La date limite de soumission des contributions à cette réunion est fixée au 7 juin 2010",
        "FG-Cloud-I-nnnn", "/t/fg/cloud/docs/incoming", "Vladimir Belenkovich (Russian Federation) présidera le groupe",
        "Veuillez agréer, Madame, Monsieur, l’assurance de ma haute considération.",
        "Directeur du Bureau de la normalisation des télécommunications", "ANNEXE 1", "(de la Circulaire TSB 114)", "Réf.\u202f: Circulaire TSB 114",
        "ANNEXE 3", "Formulaire de confirmation de réservation d’hôtel", "Hotel Royal");
  }

  @Test
  void theDemoCircular114ReadsInArabicInLogicalOrderWithCodesAndNumbersLeftToRight() throws Exception {
    byte[] pdf = circulars.pdf(circular114().id(), "ar", false);
    String text = words(extracted(pdf));
    assertThat(text).contains("الاتحاد الدولي للاتصالات", "مكتب تقييس الاتصالات", "إدارات الدول الأعضاء في الاتحاد",
        "أعضاء قطاع تقييس الاتصالات", "حضرات السادة والسيدات،", "رسوم تسجيل على هذا الاجتماع",
        "مدير مكتب تقييس الاتصالات", "الملحق 1", "FG-Cloud-I-nnnn", "/t/fg/cloud/docs/incoming", "09:30",
        "Vladimir Belenkovich");
    assertThat(PdfText.of(pdf).hasPresentationForms()).as("shaped glyphs map back to the letters typed").isFalse();
  }

  @Test
  void theDemoCircularConfirmedTheShortContributionWindowWithTheManagementsReason() {
    Circular c114 = circular114();
    assertThat(c114.confirmations()).singleElement().satisfies(w -> {
      assertThat(w.rule()).isEqualTo(CircularWarning.Rule.SHORT_CONTRIBUTION_WINDOW);
      assertThat(w.message()).contains("7 June 2010", "7 days", "10 calendar days");
      assertThat(w.values()).containsExactly("2010-06-07", "7", "10");
      assertThat(w.reason()).contains("management");
    });
    assertThat(circulars.auditTrail(c114.id(), Locale.ENGLISH)).extracting(Circulars.AuditLine::action)
        .containsExactly("DRAFTED", "WARNING_CONFIRMED", "ISSUED");
    assertThat(circulars.announcedAt(c114.meetingId())).contains(Instant.parse("2010-05-10T08:00:00Z"));
  }

  /** A confirmed warning is kept as values and worded for each reader: the demo's reads in Chinese and Arabic. */
  @Test
  void theDemoCircularsConfirmedWarningReadsInTheReadersLanguage() {
    Circular c114 = circular114();
    try {
      LocaleContextHolder.setLocale(Locale.CHINESE);
      assertThat(circulars.warnings(c114.id())).singleElement().extracting(CircularWarning::message).asString()
          .contains("2010年6月7日").doesNotContain("2010-06-07").doesNotContain("contribution");
      LocaleContextHolder.setLocale(Locale.forLanguageTag("ar"));
      assertThat(circulars.warnings(c114.id())).singleElement().extracting(CircularWarning::message).asString()
          .containsPattern("\\p{IsArabic}").doesNotContain("2010-06-07").doesNotContain("contribution");
    } finally {
      LocaleContextHolder.resetLocaleContext();
    }
  }

  @Test
  void issuingFreezesThePdfAndALaterChangeOffersAnAddendumThatStatesIt() throws Exception {
    Meeting meeting = scheduleIn("frozen", LocalDate.now().plusMonths(3), null);
    Circular draft = circulars.draft("frozen", meeting.code(), new CircularDraft("TSB Circular 901",
        LocalDate.now(), "The Director", "", List.of("A paragraph the secretariat added.")), "tsb");
    assertThat(circulars.warnings(draft.id())).isEmpty();
    assertThat(circulars.document(draft.id(), "en", true).plainText()).contains("A paragraph the secretariat added.");
    assertThat(circulars.announcedAt(meeting.id())).isEmpty();

    Circular issued = circulars.issue(draft.id(), Map.of(), "tsb");
    byte[] frozen = circulars.pdf(issued.id(), "en", false);
    String sha256 = circulars.sha256s(issued.id()).get("en");
    assertThat(sha256).isEqualTo(sha256(frozen));
    assertThat(circulars.sha256s(issued.id())).containsKeys("en", "zh");
    assertThat(circulars.auditTrail(issued.id(), Locale.ENGLISH).getLast().detail()).startsWith("PDF SHA-256: ")
        .contains("en " + sha256);
    assertThat(circulars.auditTrail(issued.id(), Locale.FRENCH).getLast().detail()).startsWith("SHA-256 des PDF\u202f: ")
        .contains("en " + sha256);
    assertThat(circulars.auditTrail(issued.id(), Locale.CHINESE).getFirst().detail()).as("the draft named by its title")
        .contains("第901号通函").doesNotContain("TSB Circular");
    assertThat(circulars.announcedAt(meeting.id())).isPresent();
    assertThat(circulars.changesSinceIssue(issued.id())).isEmpty();
    assertThatThrownBy(() -> circulars.edit(issued.id(), new CircularDraft("TSB Circular 901", LocalDate.now(), "X", "",
        List.of()), "tsb")).isInstanceOf(CircularRefusedException.class).hasMessageContaining("addendum");
    assertThatThrownBy(() -> circulars.notice(issued.id(), Circular.Kind.ADDENDUM, "tsb"))
        .isInstanceOf(CircularRefusedException.class).hasMessageContaining("Nothing");

    meetings.update("frozen", meeting.code(), draftOf(meeting.startDate(), "CICG, Geneva", null));
    assertThat(circulars.changesSinceIssue(issued.id())).extracting(Circular.FactChange::fact).containsExactly("Venue");
    // The facts are written in one language whoever reads: a French reader sees no deadline "changed".
    org.springframework.context.i18n.LocaleContextHolder.setLocale(java.util.Locale.FRENCH);
    try {
      assertThat(circulars.changesSinceIssue(issued.id())).extracting(Circular.FactChange::fact).containsExactly("Venue");
    } finally {
      org.springframework.context.i18n.LocaleContextHolder.resetLocaleContext();
    }
    assertThat(sha256(circulars.pdf(issued.id(), "en", false))).isEqualTo(sha256);
    assertThat(words(PdfText.of(circulars.pdf(issued.id(), "en", false)).stripped())).contains("ITU Headquarters")
        .doesNotContain("CICG");

    Circular addendum = circulars.notice(issued.id(), Circular.Kind.ADDENDUM, "tsb");
    assertThat(addendum.title()).isEqualTo("Addendum 1 to TSB Circular 901");
    String text = circulars.document(addendum.id(), "en", true).plainText();
    assertThat(text).contains("Addendum 1 to TSB Circular 901", "the following changes",
        "Venue: CICG, Geneva, Place des Nations (previously: ITU Headquarters, Geneva, Place des Nations)",
        "All other arrangements announced in TSB Circular 901 remain unchanged.");
    assertThat(circulars.document(addendum.id(), "zh", true).plainText()).contains("增编1", "地点：CICG");
    circulars.issue(addendum.id(), Map.of(), "tsb");
    assertThat(circulars.changesSinceIssue(issued.id())).isEmpty();
    assertThat(circulars.get(addendum.id(), false).changes()).extracting(Circular.FactChange::after)
        .containsExactly("CICG, Geneva, Place des Nations");
  }

  @Test
  void anAddendumSaysMovedDatesAndDeadlinesTheReadersWayWithTheZoneNamedInTheirLanguage() {
    LocalDate start = LocalDate.now().plusMonths(3).withDayOfMonth(10);
    Meeting meeting = scheduleIn("moved", start, null);
    Circular issued = circulars.issue(circulars.draft("moved", meeting.code(), new CircularDraft("TSB Circular 912",
        LocalDate.now(), "The Director", "", List.of()), "tsb").id(), Map.of(), "tsb");
    meetings.update("moved", meeting.code(), draftOf(start.plusDays(7), "ITU Headquarters, Geneva", null));
    assertThat(circulars.changesSinceIssue(issued.id())).extracting(Circular.FactChange::fact)
        .contains("Dates", "Pre-registration deadline", "Visa-support requests deadline");
    Circular addendum = circulars.notice(issued.id(), Circular.Kind.ADDENDUM, "tsb");

    String english = circulars.document(addendum.id(), "en", true).plainText();
    String month = start.getMonth().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH);
    assertThat(english).contains("Addendum 1 to TSB Circular 912", "Dates: " + (start.getDayOfMonth() + 7) + "–",
        "(previously: " + start.getDayOfMonth() + "–", month + " " + start.getYear(), "(Europe/Zurich)")
        .doesNotContain(start.toString(), "[Europe/Zurich]");
    var visa = meetings.get("moved", meeting.code()).deadline(Deadline.Kind.VISA_SUPPORT).local();
    for (String language : List.of("fr", "es", "ru", "zh", "ar")) {
      var locale = java.util.Locale.forLanguageTag(language);
      String text = circulars.document(addendum.id(), language, true).plainText();
      String zone = java.time.format.DateTimeFormatter.ofPattern("zzzz", locale).format(visa);
      assertThat(text).as(language).contains(zone, "Europe/Zurich")
          .doesNotContain(start.toString(), "[Europe/Zurich]", month, "CEST (Europe", "CET (Europe");
    }
    assertThat(circulars.document(addendum.id(), "fr", true).plainText()).contains("Addendum 1 à la Circulaire TSB 912",
        start.getMonth().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.FRENCH));
    // The page that lists the changes says them the same way.
    circulars.issue(addendum.id(), Map.of(), "tsb");
    meetings.update("moved", meeting.code(), draftOf(start.plusDays(14), "ITU Headquarters, Geneva", null));
    assertThat(circulars.changesSinceIssue(issued.id(), java.util.Locale.CHINESE)).filteredOn(c -> c.fact().equals("Dates"))
        .singleElement().satisfies(c -> assertThat(c.before() + c.after()).contains(start.getYear() + "年")
            .doesNotContain(start.toString()));
  }

  @Test
  void aLateAnnouncementAndAShortContributionWindowAreIssuedOnlyWithAReason() {
    LocalDate start = LocalDate.now().plusWeeks(2);
    Meeting meeting = scheduleIn("hasty", start, start.minusDays(3).atTime(23, 59));
    Circular draft = circulars.draft("hasty", meeting.code(), new CircularDraft("TSB Circular 902", LocalDate.now(),
        "The Director", "", List.of()), "tsb");
    assertThat(circulars.warnings(draft.id())).extracting(CircularWarning::rule)
        .containsExactly(CircularWarning.Rule.LATE_ANNOUNCEMENT, CircularWarning.Rule.SHORT_CONTRIBUTION_WINDOW);

    assertThatThrownBy(() -> circulars.issue(draft.id(),
        Map.of(CircularWarning.Rule.LATE_ANNOUNCEMENT, "The venue was confirmed late."), "tsb"))
        .isInstanceOfSatisfying(CircularRefusedException.class, e -> assertThat(e.warnings())
            .extracting(CircularWarning::rule).containsExactly(CircularWarning.Rule.SHORT_CONTRIBUTION_WINDOW));
    assertThat(circulars.get(draft.id(), true).issued()).isFalse();

    Circular issued = circulars.issue(draft.id(), Map.of(CircularWarning.Rule.LATE_ANNOUNCEMENT,
        "The venue was confirmed late.", CircularWarning.Rule.SHORT_CONTRIBUTION_WINDOW, "Agreed by the chair."), "tsb");
    assertThat(issued.confirmations()).extracting(CircularWarning::reason)
        .containsExactly("The venue was confirmed late.", "Agreed by the chair.");
    assertThat(circulars.auditTrail(issued.id(), Locale.ENGLISH)).filteredOn(a -> a.action().equals("WARNING_CONFIRMED"))
        .extracting(Circulars.AuditLine::detail).anySatisfy(d -> assertThat(d).endsWith(" Reason: Agreed by the chair."));
    assertThat(circulars.auditTrail(issued.id(), Locale.forLanguageTag("es"))).filteredOn(a -> a.action().equals("WARNING_CONFIRMED"))
        .extracting(Circulars.AuditLine::detail).anySatisfy(d -> assertThat(d).endsWith(" Motivo: Agreed by the chair."));
  }

  @Test
  void theGroupsOwnRulesDecideWhatIsLate() {
    LocalDate start = LocalDate.now().plusWeeks(3);
    Meeting meeting = scheduleIn("relaxed", start, start.minusDays(5).atTime(23, 59));
    circulars.setRules("relaxed", new AnnouncementRules(2, 5));
    Circular draft = circulars.draft("relaxed", meeting.code(), new CircularDraft("TSB Circular 903", LocalDate.now(),
        "The Director", "", List.of()), "tsb");
    assertThat(circulars.warnings(draft.id())).isEmpty();
    circulars.setRules("relaxed", new AnnouncementRules(4, 10));
    assertThat(circulars.warnings(draft.id())).hasSize(2);
  }

  @Test
  void sentencesThatDependOnAValueChangeWithIt() {
    Meeting meeting = scheduleIn("plain", LocalDate.now().plusMonths(4), null);
    meetings.update("plain", meeting.code(), new MeetingDraft(null, meeting.startDate(), meeting.startDate(),
        "Europe/Zurich", "ETSI", null, "nce", null, null, null, "CHF 100", "English", false, false, null, null, null,
        null, LatePolicy.FLAG, List.of(), List.of()));
    Circular draft = circulars.draft("plain", meeting.code(), new CircularDraft("TSB Circular 904", LocalDate.now(),
        "The Director", "", List.of()), "tsb");
    String text = circulars.document(draft.id(), "en", true).plainText();
    assertThat(text).contains("The registration fee for this meeting is CHF 100.",
        "Printed copies of the documents will be available", "available to registered participants only",
        "No other meeting is held at the same time and place.", "No hotel offers a preferential tariff",
        "The meeting will open on ").doesNotContain("paperless", "There is no registration fee");
  }

  private Circular circular114() {
    Meeting first = meetings.get("cloud", "1006-gva");
    return circulars.of(first.id(), false).stream().filter(c -> c.number().equals("TSB Circular 114")).findFirst()
        .orElseThrow();
  }

  private Meeting scheduleIn(String slug, LocalDate start, LocalDateTime contributions) {
    groups.create(new GroupDraft(slug, "FG " + slug, "Focus Group on " + slug, "tsag", "agreement of TSAG", "English",
        12, null, null, List.of(new Section("1 Scope", "Scope of " + slug + ".")),
        List.of(new Leader(LeaderRole.CHAIR, "Ada Chair", "ETSI", "FR", null)), List.of()));
    return meetings.schedule(slug, draftOf(start, "ITU Headquarters, Geneva", contributions));
  }

  private static MeetingDraft draftOf(LocalDate start, String venue, LocalDateTime contributions) {
    return new MeetingDraft(null, start, start.plusDays(2), "Europe/Zurich", venue, "Place des Nations", "gva",
        LocalTime.of(9, 30), LocalTime.of(8, 30), "Montbrillant building entrance", "None", "English", true, true, null,
        null, contributions, null, LatePolicy.FLAG, List.of(), List.of());
  }

  /** The PDF's text as Plenary's own extractor (search) reads it: in logical order. */
  private static String extracted(byte[] pdf) throws Exception {
    Path file = Files.createTempFile("circular", ".pdf");
    try {
      Files.write(file, pdf);
      var out = new java.io.StringWriter();
      org.plenary.pdf.PdfTextExtractor.extract(file, out);
      return out.toString();
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static String words(String text) {
    return text.replaceAll("\\s+", " ");
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
