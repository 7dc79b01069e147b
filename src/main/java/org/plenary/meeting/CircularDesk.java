package org.plenary.meeting;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.plenary.group.Days;
import org.plenary.group.Group;
import org.plenary.group.GroupCatalog;
import org.plenary.group.GroupId;
import org.plenary.shared.Violations;
import org.plenary.shared.EditVersion;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The circular of a meeting, from draft to issue: the secretariat numbers and dates it, reviews the
 * text generated from the meeting, adds paragraphs and issues it. Issuing checks the group's
 * announcement rules (each warning confirmed with a reason), freezes a PDF per language with its
 * SHA-256 in the audit trail, sets the meeting's {@code announcedAt} and publishes
 * {@link CircularIssued}. A change of the meeting afterwards is stated in an addendum or corrigendum,
 * never by changing the issued circular.
 */
@Component
public class CircularDesk {

  /** How details of the audit trail began before they were kept in no language. */
  private static final String LEGACY_PDFS = "PDF SHA-256: ";
  private static final String LEGACY_REASON = " Reason: ";

  /** Languages a circular is written in, when their bundle exists; each is frozen at issue. */
  private static final List<String> CANDIDATE_LANGUAGES = org.plenary.shared.Languages.SUPPORTED.stream()
      .map(java.util.Locale::getLanguage).toList();

  private final Circulars circulars;
  private final MeetingCatalog meetings;
  private final GroupCatalog groups;
  private final CircularText text;
  private final CircularPdf pdf;
  private final CircularAddresses addresses;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final MessageSource messages;

  CircularDesk(Circulars circulars, MeetingCatalog meetings, GroupCatalog groups, CircularText text, CircularPdf pdf,
      CircularAddresses addresses, ApplicationEventPublisher events, Clock clock, MessageSource messages) {
    this.messages = messages;
    this.circulars = circulars;
    this.meetings = meetings;
    this.groups = groups;
    this.text = text;
    this.pdf = pdf;
    this.addresses = addresses;
    this.events = events;
    this.clock = clock;
  }

  /** The languages circulars are written in: English and each language with a bundle. */
  public List<String> languages() {
    return CANDIDATE_LANGUAGES.stream().filter(CircularText::speaks).toList();
  }

  /** {@code lang} when circulars are written in it, else English. */
  public String language(String lang) {
    return lang != null && languages().contains(lang) ? lang : "en";
  }

  /** The circular; a draft only for the secretariat ({@code staff}), otherwise as unknown. */
  public Circular get(CircularId id, boolean staff) {
    Circular c = circulars.find(id).orElseThrow(() -> new UnknownCircularException(id));
    if (!c.issued() && !staff) {
      throw new UnknownCircularException(id);
    }
    return c.issued() || c.kind() == Circular.Kind.CIRCULAR ? c : withLiveChanges(c);
  }

  /** The meeting's circulars and notices, oldest first; drafts only for the secretariat. */
  public List<Circular> of(MeetingId meeting, boolean staff) {
    return circulars.ofMeeting(meeting).stream().filter(c -> staff || c.issued()).toList();
  }

  /** One page of the meeting's circulars ({@link #of(MeetingId, boolean)}), in id order, read by key. */
  public org.plenary.shared.Paged<Circular> of(MeetingId meeting, boolean staff, org.plenary.shared.Paged.Asked asked) {
    return circulars.ofMeeting(meeting, staff, asked);
  }

  /** The group's issued circulars and notices, newest first. */
  public List<Circular> issuedOf(GroupId group) {
    return circulars.issuedOfGroup(group);
  }

  /** Today in the meeting's time zone: a new circular's date. */
  public LocalDate today(Meeting meeting) {
    return LocalDate.now(clock.withZone(meeting.timeZone()));
  }

  public Meeting meetingOfCode(String slug, String code) {
    return meetings.get(slug, code);
  }

  public Meeting meetingOf(Circular circular) {
    return meetings.get(circular.meetingId());
  }

  public Optional<Instant> announcedAt(MeetingId meeting) {
    return circulars.announcedAt(meeting);
  }

  public AnnouncementRules rules(GroupId group) {
    return circulars.rules(group).orElse(AnnouncementRules.DEFAULTS);
  }

  /** The version of the group's announcement rules: the rules page's form carries it. */
  public long rulesVersion(GroupId group) {
    return circulars.rulesVersion(group);
  }

  @Transactional
  public AnnouncementRules setRules(String slug, AnnouncementRules rules) {
    return setRules(slug, rules, EditVersion.ANY);
  }

  /**
   * Sets the group's announcement rules, made on the version {@code seen} names: refused
   * ({@link org.plenary.shared.ChangedMeanwhileException}, nothing saved) when someone saved them since.
   */
  @Transactional
  public AnnouncementRules setRules(String slug, AnnouncementRules rules, EditVersion seen) {
    Group group = groups.get(slug);
    // Under the group's lock (the rules' own row may not exist yet): one save at a time.
    groups.lockForChange(group.id());
    seen.check(circulars.rulesVersion(group.id()), group.acronym());
    new Violations()
        .check(rules.announceWeeks() >= 0 && rules.announceWeeks() <= 52, "announceWeeks", text("meeting.circular.error.weeks"))
        .check(rules.contributionDays() >= 0 && rules.contributionDays() <= 90, "contributionDays", text("meeting.circular.error.days"))
        .throwIfAny();
    circulars.setRules(groups.get(slug).id(), rules);
    return rules;
  }

  @Transactional
  public Circular draft(String slug, String code, CircularDraft draft, String actor) {
    Meeting meeting = meetings.get(slug, code);
    check(draft, null, true);
    Instant now = clock.instant();
    CircularId id = circulars.insert(meeting.id(), Circular.Kind.CIRCULAR, null, 0, draft.number().strip(),
        draft.dated(), draft.signatory().strip(), blankToEmpty(draft.signatoryTitle()), paragraphs(draft), now);
    circulars.audit(id, now, actor, "DRAFTED", draft.number().strip());
    return get(id, true);
  }

  @Transactional
  public Circular edit(CircularId id, CircularDraft draft, String actor) {
    return edit(id, draft, EditVersion.ANY, actor);
  }

  /**
   * Saves the draft as its editor wrote it on the version {@code seen} they read: a draft another
   * secretary saved since is not replaced in silence ({@link org.plenary.shared.ChangedMeanwhileException}).
   */
  @Transactional
  public Circular edit(CircularId id, CircularDraft draft, EditVersion seen, String actor) {
    Circular current = get(id, true);
    frozenIfIssued(current);
    seen.check(lockVersion(id), current.title());
    current = get(id, true);
    frozenIfIssued(current);
    check(draft, id, current.kind() == Circular.Kind.CIRCULAR);
    String number = current.kind() == Circular.Kind.CIRCULAR ? draft.number().strip() : current.number();
    if (circulars.updateDraft(id, number, draft.dated(), draft.signatory().strip(), blankToEmpty(draft.signatoryTitle()),
        paragraphs(draft)) == 0) {
      frozenIfIssued(get(id, true));
    }
    circulars.audit(id, clock.instant(), actor, "EDITED", null);
    return get(id, true);
  }

  /** The circular's title in {@code lang} ("Circulaire TSB 114"), as its PDF names it. */
  public String title(Circular circular, String lang) {
    return messages.getMessage(circular.titled(), Locale.forLanguageTag(lang));
  }

  /** {@link #changesSinceIssue(CircularId)} with the values said in {@code reader}'s language, for the page. */
  public List<Circular.FactChange> changesSinceIssue(CircularId id, Locale reader) {
    return text.said(changesSinceIssue(id), reader);
  }

  /** The facts of the meeting that changed since the circular (or its latest issued notice) was issued. */
  public List<Circular.FactChange> changesSinceIssue(CircularId id) {
    Circular root = root(get(id, true));
    if (!root.issued()) {
      return List.of();
    }
    Circular latest = Stream.concat(Stream.of(root), circulars.ofMeeting(root.meetingId()).stream()
            .filter(c -> c.issued() && root.id().equals(c.parentId())))
        .max(Comparator.comparing(Circular::issuedAt)).orElse(root);
    return CircularFacts.changes(latest.facts(), facts(meetings.get(root.meetingId())));
  }

  /** Drafts an addendum (or a corrigendum) to an issued circular, stating what changed since. */
  @Transactional
  public Circular notice(CircularId of, Circular.Kind kind, String actor) {
    Circular root = root(get(of, true));
    if (kind == Circular.Kind.CIRCULAR || !root.issued()) {
      throw new CircularRefusedException("meeting.circular.error.notIssued", root.titled());
    }
    if (changesSinceIssue(root.id()).isEmpty()) {
      throw new CircularRefusedException("meeting.circular.error.unchanged", root.titled());
    }
    Instant now = clock.instant();
    int sequence = circulars.nextSequence(root.id());
    CircularId id = circulars.insert(root.meetingId(), kind, root.id(), sequence, root.number(),
        LocalDate.now(clock.withZone(meetings.get(root.meetingId()).timeZone())), root.signatory(),
        root.signatoryTitle(), List.of(), now);
    circulars.audit(id, now, actor, "DRAFTED", kind.name().toLowerCase() + " " + sequence + " to " + root.number());
    return get(id, true);
  }

  /** What the circular says in {@code lang}: as frozen when issued, else as the meeting stands now. */
  public CircularDocument document(CircularId id, String lang, boolean staff) {
    Circular c = get(id, staff);
    String language = language(lang);
    if (c.issued()) {
      return circulars.document(id, language).or(() -> circulars.document(id, "en"))
          .orElseThrow(() -> new UnknownCircularException(id));
    }
    return write(c, language);
  }

  /** The PDF in {@code lang}: the frozen bytes once issued, else rendered now. */
  public byte[] pdf(CircularId id, String lang, boolean staff) {
    Circular c = get(id, staff);
    String language = language(lang);
    if (c.issued()) {
      return circulars.pdf(id, language).or(() -> circulars.pdf(id, "en"))
          .orElseThrow(() -> new UnknownCircularException(id));
    }
    return pdf.render(write(c, language));
  }

  /** The SHA-256 of each frozen PDF, by language (empty for a draft). */
  public Map<String, String> sha256s(CircularId id) {
    return circulars.sha256s(id);
  }

  /**
   * The circular's audit trail, its details said in {@code reader}'s language: a draft names the
   * circular by its title, an issue the SHA-256 of each PDF, a confirmed warning the warning (as the
   * issuer read it) and the reason typed. Rows written before details were kept in no language
   * ("PDF SHA-256: …", "… Reason: …") are read back the same way.
   */
  List<Circulars.AuditLine> auditTrail(CircularId id, Locale reader) {
    Circular circular = get(id, true);
    return circulars.auditTrail(id).stream().map(line -> new Circulars.AuditLine(line.at(), line.actor(), line.action(),
        detail(circular, line, reader))).toList();
  }

  private String detail(Circular circular, Circulars.AuditLine line, Locale reader) {
    String detail = line.detail();
    if (detail == null) {
      return null;
    }
    return switch (line.action()) {
      case "DRAFTED" -> messages.getMessage(circular.titled(), reader);
      case "ISSUED" -> messages.getMessage("meeting.circular.auditDetail.issued",
          new Object[] {detail.startsWith(LEGACY_PDFS) ? detail.substring(LEGACY_PDFS.length()) : detail}, reader);
      case "WARNING_CONFIRMED" -> {
        int cut = detail.indexOf('\n');
        int legacy = detail.lastIndexOf(LEGACY_REASON);
        if (cut < 0 && legacy < 0) {
          yield detail;
        }
        yield messages.getMessage("meeting.circular.auditDetail.warning", cut >= 0
            ? new Object[] {detail.substring(0, cut), detail.substring(cut + 1)}
            : new Object[] {detail.substring(0, legacy), detail.substring(legacy + LEGACY_REASON.length())}, reader);
      }
      default -> detail;
    };
  }

  /** The rules issuing now would break; confirmed ones, with their reason, once issued. */
  public List<CircularWarning> warnings(CircularId id) {
    Circular c = get(id, true);
    return c.issued() ? c.confirmations().stream().map(this::inReadersWords).toList() : check(c, clock.instant());
  }

  /** A confirmed warning's sentence in the reader's language, worded again from its values (if it kept them). */
  CircularWarning inReadersWords(CircularWarning w) {
    return w.values() == null ? w : w.worded(sentence(w.rule(), w.values()));
  }

  /** Issues the circular now; see {@link #issueAsOf}. */
  @Transactional
  public Circular issue(CircularId id, Map<CircularWarning.Rule, String> reasons, String actor) {
    return issue(id, reasons, EditVersion.ANY, actor);
  }

  /**
   * Issues the circular as the issuer read it ({@code seen}): a draft edited since (its number, date,
   * signature or paragraphs) is not frozen and mailed in silence: nothing is issued
   * ({@link org.plenary.shared.ChangedMeanwhileException}).
   */
  @Transactional
  public Circular issue(CircularId id, Map<CircularWarning.Rule, String> reasons, EditVersion seen, String actor) {
    Circular c = get(id, true);
    frozenIfIssued(c);
    seen.check(lockVersion(id), c.title());
    return issueAsOf(id, reasons, actor, clock.instant());
  }

  /**
   * The circular's version as its reader saw it, its rows locked until the transaction ends: the circular's, its
   * meeting's, then its group's (through the group module): one edit or issue at a time, and no change of the facts it
   * quotes between the check and the issue.
   */
  private long lockVersion(CircularId id) {
    groups.lockForChange(circulars.lockRows(id));
    return version(id);
  }

  /**
   * The circular's version: its draft's, its meeting's and its group's versions together (each only grows, so their
   * sum moves whenever one does). A circular quotes its meeting's dates, venue, deadlines and hotels and its group's
   * terms and leaders: read before the meeting moved, it is not issued (or its draft saved) stating the old facts in
   * silence. The edit and issue forms carry it, the API's ETag names it.
   */
  public long version(CircularId id) {
    Circulars.Versions versions = circulars.versions(id);
    return versions.draftAndMeeting() + groups.version(versions.group());
  }

  /**
   * Issues the circular as of {@code at}: {@code issue} passes now; a circular issued before it was
   * kept in Plenary (the demo's Circular 114) passes its day. Each warning needs a reason in
   * {@code reasons}, or nothing happens ({@link CircularRefusedException} lists them).
   */
  @Transactional
  public Circular issueAsOf(CircularId id, Map<CircularWarning.Rule, String> reasons, String actor, Instant at) {
    Circular c = get(id, true);
    frozenIfIssued(c);
    List<CircularWarning> open = check(c, at);
    List<CircularWarning> unconfirmed = open.stream()
        .filter(w -> reasons.getOrDefault(w.rule(), "").isBlank()).toList();
    if (!unconfirmed.isEmpty()) {
      throw new CircularRefusedException(unconfirmed, "meeting.circular.error.confirm", c.title(),
          String.join(" ", unconfirmed.stream().map(CircularWarning::message).toList()));
    }
    List<CircularWarning> confirmed = open.stream()
        .map(w -> w.confirmed(reasons.get(w.rule()).strip(), actor, at)).toList();
    Meeting meeting = meetings.get(c.meetingId());
    Map<String, String> facts = facts(meeting);
    List<Circular.FactChange> changes = c.kind() == Circular.Kind.CIRCULAR ? List.of() : changesSinceIssue(c.id());
    if (circulars.markIssued(id, at, actor, facts, changes, confirmed) == 0) {
      throw new CircularRefusedException("meeting.circular.error.issuedMeanwhile", c.title());
    }
    Circular issued = circulars.find(id).orElseThrow();
    var digests = new ArrayList<String>();
    for (String lang : languages()) {
      CircularDocument document = write(issued, lang);
      byte[] bytes = pdf.render(document);
      String sha256 = sha256(bytes);
      circulars.keepPdf(id, lang, bytes, sha256, document);
      digests.add(lang + " " + sha256);
    }
    // Details kept in no language (said per reader by auditTrail): the warning as the issuer read it, then the reason.
    confirmed.forEach(w -> circulars.audit(id, at, actor, "WARNING_CONFIRMED", w.message() + "\n" + w.reason()));
    circulars.audit(id, at, actor, "ISSUED", String.join("; ", digests));
    if (c.kind() == Circular.Kind.CIRCULAR) {
      circulars.markAnnounced(c.meetingId(), at);
    }
    events.publishEvent(new CircularIssued(id, meeting.groupId(), meeting.id()));
    return issued;
  }

  /** A sentence for the person acting, in their language (the page's or the API request's). */
  private String text(String key, Object... args) {
    return messages.getMessage(key, args, LocaleContextHolder.getLocale());
  }

  /** The stable address of the circular's page; its PDF adds {@code .pdf}. */
  public String address(CircularId id) {
    return addresses.circular(id);
  }

  private List<CircularWarning> check(Circular c, Instant at) {
    Meeting m = meetings.get(c.meetingId());
    AnnouncementRules rules = rules(m.groupId());
    var warnings = new ArrayList<CircularWarning>();
    LocalDate announced = at.atZone(m.timeZone()).toLocalDate();
    LocalDate latest = m.startDate().minusWeeks(rules.announceWeeks());
    if (c.kind() == Circular.Kind.CIRCULAR && announced.isAfter(latest)) {
      warnings.add(warning(CircularWarning.Rule.LATE_ANNOUNCEMENT, List.of(announced.toString(),
          String.valueOf(ChronoUnit.DAYS.between(announced, m.startDate())), String.valueOf(rules.announceWeeks()),
          latest.toString())));
    }
    LocalDate due = m.contributionDeadline().atZone(m.timeZone()).toLocalDate();
    long days = ChronoUnit.DAYS.between(due, m.startDate());
    if (days < rules.contributionDays()) {
      warnings.add(warning(CircularWarning.Rule.SHORT_CONTRIBUTION_WINDOW, List.of(due.toString(), String.valueOf(days),
          String.valueOf(rules.contributionDays()))));
    }
    return warnings;
  }

  private CircularWarning warning(CircularWarning.Rule rule, List<String> values) {
    return CircularWarning.open(rule, sentence(rule, values), values);
  }

  /** The rule's sentence in the reader's language: the dates of {@code values} in its words, the numbers as numbers. */
  private String sentence(CircularWarning.Rule rule, List<String> values) {
    Locale reader = LocaleContextHolder.getLocale();
    // A number may be negative (a meeting already held was announced -6020 days before it): only a date has a month.
    Object[] args = values.stream()
        .map(v -> v.matches("-?\\d+") ? (Object) Long.valueOf(v) : Days.day(LocalDate.parse(v), reader)).toArray();
    return text(switch (rule) {
      case LATE_ANNOUNCEMENT -> Long.parseLong(values.get(1)) > 0 ? "meeting.circular.warning.late"
          : "meeting.circular.warning.lateBegun"; // not "-6020 days before the meeting"
      case SHORT_CONTRIBUTION_WINDOW -> "meeting.circular.warning.short";
    }, args);
  }

  private CircularDocument write(Circular c, String lang) {
    Meeting meeting = meetings.get(c.meetingId());
    Group group = groups.get(meeting.groupId());
    String parentAcronym = group.parentSlug() == null ? null : groups.find(group.parentSlug()).map(Group::acronym).orElse(null);
    boolean first = meetings.of(group).stream().findFirst().map(m -> m.id().equals(meeting.id())).orElse(false);
    Circular parent = c.parentId() == null ? null : circulars.find(c.parentId()).orElseThrow();
    return text.write(c, parent, group, parentAcronym, meeting, first, lang);
  }

  private Map<String, String> facts(Meeting meeting) {
    return CircularFacts.of(groups.get(meeting.groupId()), meeting, addresses);
  }

  private Circular root(Circular c) {
    return c.parentId() == null ? c : circulars.find(c.parentId()).orElseThrow();
  }

  private Circular withLiveChanges(Circular c) {
    return new Circular(c.id(), c.meetingId(), c.kind(), c.parentId(), c.sequence(), c.number(), c.dated(),
        c.signatory(), c.signatoryTitle(), c.paragraphs(), c.status(), c.createdAt(), c.issuedAt(), c.issuedBy(),
        c.facts(), changesSinceIssue(c.parentId()), c.confirmations());
  }

  private void check(CircularDraft draft, CircularId self, boolean ownNumber) {
    new Violations()
        .check(draft.number() != null && !draft.number().isBlank()
            && org.plenary.shared.CodePoints.atMost(draft.number(), 100), "number", text("meeting.circular.error.number"))
        .check(draft.dated() != null, "dated", text("meeting.circular.error.dated"))
        .check(draft.signatory() != null && !draft.signatory().isBlank(), "signatory", text("meeting.circular.error.signatory"))
        .throwIfAny();
    new Violations()
        .check(!ownNumber || !circulars.numberTaken(draft.number().strip(), self), "number",
            text("meeting.circular.error.numberTaken", draft.number()))
        .throwIfAny();
  }

  private void frozenIfIssued(Circular c) {
    if (c.issued()) {
      throw new CircularRefusedException("meeting.circular.error.frozen", c.title());
    }
  }

  private static List<String> paragraphs(CircularDraft draft) {
    return draft.paragraphs() == null ? List.of()
        : draft.paragraphs().stream().filter(p -> p != null && !p.isBlank()).map(String::strip).toList();
  }

  private static String blankToEmpty(String text) {
    return text == null ? "" : text.strip();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
