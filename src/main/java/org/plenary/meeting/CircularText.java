package org.plenary.meeting;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.plenary.group.ContentLanguageNames;
import org.plenary.group.Group;
import org.plenary.group.Leader;
import org.plenary.group.LeaderRole;
import org.plenary.meeting.CircularDocument.Block;
import org.plenary.meeting.CircularDocument.Type;
import org.plenary.shared.Listed;
import org.plenary.shared.Times;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Writes a circular from what Plenary knows, following TSB Circular 114: letterhead, reference,
 * addressees, subject, the numbered paragraphs built from the meeting (each sentence that depends on
 * a value changes with it), the signature, then the annexes (terms of reference, draft agenda, hotel
 * form). Every sentence comes from the bundle {@code i18n/circular*.properties}; a language is
 * available when its bundle exists. An addendum states the facts that changed.
 */
@Component
class CircularText {

  private static final String BASENAME = "i18n/circular";

  private final MessageSource messages;
  private final CircularAddresses addresses;

  CircularText(CircularAddresses addresses) {
    this.addresses = addresses;
    var source = new ResourceBundleMessageSource();
    source.setBasename(BASENAME);
    source.setDefaultEncoding("UTF-8");
    source.setFallbackToSystemLocale(false);
    source.setAlwaysUseMessageFormat(true);
    this.messages = source;
  }

  /** English, and every language with a bundle of its own ({@code circular_zh.properties}). */
  static boolean speaks(String lang) {
    return "en".equals(lang) || lang != null && lang.matches("[a-z]{2,3}")
        && new ClassPathResource(BASENAME + "_" + lang + ".properties").exists();
  }

  /** What the circular says, in {@code lang}, for the meeting as it stands (a draft) or as given. */
  CircularDocument write(Circular circular, Circular parent, Group group, String parentAcronym, Meeting meeting,
      boolean firstMeeting, String lang) {
    var w = new Writer(Locale.forLanguageTag(lang));
    String number = parent == null ? circular.number() : parent.number();
    String reference = w.number(number, true);
    String title = circular.kind() == Circular.Kind.CIRCULAR ? w.number(number, false)
        : w.say("title." + circular.kind(), circular.sequence(), reference);
    w.line(w.say("letterhead.1"));
    w.line(w.say("letterhead.2"));
    w.line(w.say("dated", w.date(circular.dated())));
    w.field(w.say("field.ref"), title);
    if (group.contactEmail() != null) {
      w.field(w.say("field.contact"), group.contactEmail());
    }
    w.field(w.say("field.to"), w.say("addressee.1"));
    for (int i = 2; i <= 4; i++) {
      w.field(null, w.say("addressee." + i));
    }
    if (parentAcronym != null) {
      w.field(w.say("field.copy"), w.say("copy.parent", parentAcronym));
    }
    String dates = w.range(meeting.startDate(), meeting.endDate());
    String subject = switch (circular.kind()) {
      case CIRCULAR -> firstMeeting ? w.say("subject.first", group.name(), group.acronym(), meeting.venueName(), dates)
          : w.say("subject.meeting", group.name(), group.acronym(), meeting.venueName(), dates);
      default -> w.say("subject." + circular.kind(), circular.sequence(), reference, group.name(), group.acronym(),
          meeting.venueName(), dates);
    };
    w.field(w.say("field.subject"), subject);
    w.line(w.say("salutation"));
    if (circular.kind() == Circular.Kind.CIRCULAR) {
      body(w, group, parentAcronym, meeting, firstMeeting, dates);
    } else {
      notice(w, circular, parent, group, reference);
    }
    circular.paragraphs().forEach(w::numbered);
    w.line(w.say("closing"));
    w.block(Type.SIGNATURE, null, circular.signatory());
    w.block(Type.SIGNATURE, null, circular.signatoryTitle().isBlank() ? w.say("director") : circular.signatoryTitle());
    if (circular.kind() == Circular.Kind.CIRCULAR) {
      w.line(w.say("annexes", 3));
      annexes(w, group, meeting, reference);
    }
    return new CircularDocument(lang, title, List.copyOf(w.blocks));
  }

  private void body(Writer w, Group group, String parentAcronym, Meeting m, boolean firstMeeting, String dates) {
    if (firstMeeting && group.establishedBy() != null) {
      w.numbered(w.say("p.established", group.name(), group.acronym(), group.establishedBy()));
    }
    String procedures = parentAcronym == null ? w.say("p.procedures.noParent", group.acronym())
        : w.say("p.procedures", group.acronym(), parentAcronym);
    List<Leader> chairs = group.leaders(LeaderRole.CHAIR);
    List<Leader> vices = group.leaders(LeaderRole.VICE_CHAIR);
    if (!chairs.isEmpty()) {
      procedures += " " + (vices.isEmpty() ? w.say("p.leadership.chairOnly", people(chairs, w.locale))
          : w.say("p.leadership", people(chairs, w.locale), people(vices, w.locale)));
    }
    w.numbered(procedures);
    w.numbered(w.say("p.open", group.acronym()));
    String venue = Listed.parts(w.locale, m.venueName(), m.venueAddress());
    w.numbered(w.say(firstMeeting ? "p.meeting.first" : "p.meeting", group.acronym(), venue, dates) + " "
        + (m.collocated().isEmpty() ? w.say("p.collocated.none") : w.say("p.collocated", Listed.clauses(w.locale, m.collocated()))));
    w.numbered(w.say("p.web", addresses.meeting(group, m)));
    w.paragraph(opening(w, m) + " " + (m.fee() == null || m.fee().isBlank() || m.fee().equalsIgnoreCase("none")
        ? w.say("p.fee.none") : w.say("p.fee", m.fee())));
    w.paragraph(w.say("p.language", ContentLanguageNames.typed(m.languages(), w.locale)));
    w.paragraph(w.say(m.documentsPublic() ? "p.documents.public" : "p.documents.private") + " "
        + w.say("p.template", addresses.group(group) + "/template.docx"));
    w.bullet(w.say("b.number", addresses.meeting(group, m) + "/documents/new"));
    w.bullet(w.say("b.name", "FG-" + group.acronym().replaceFirst("^FG ", "").replace(' ', '-')));
    w.bullet(w.say("b.upload", group.acronym(), addresses.ftpHost(), addresses.incomingPath(group),
        addresses.incomingFtp(group)));
    w.paragraph(w.say("p.incoming", addresses.incomingWeb(group), addresses.publishedWeb(group, m)));
    w.paragraph(w.say("p.deadline", w.deadline(m.deadline(Deadline.Kind.CONTRIBUTIONS))) + " "
        + w.say(m.paperless() ? "p.paperless" : "p.paper"));
    if (m.practicalInfo() != null && !m.practicalInfo().isBlank()) {
      w.numbered(w.say("p.practical", addresses.meeting(group, m)));
    }
    w.numbered(m.hotels().isEmpty() ? w.say("p.hotels.none") : w.say("p.hotels", addresses.meeting(group, m) + "/hotel-form"));
    w.numbered(w.say("p.register", addresses.meeting(group, m) + "/register",
        w.deadline(m.deadline(Deadline.Kind.REGISTRATION))));
    w.numbered(w.say("p.visa"));
    w.paragraph(w.say("p.visa.support", w.deadline(m.deadline(Deadline.Kind.VISA_SUPPORT))));
  }

  private String opening(Writer w, Meeting m) {
    String first = w.date(m.startDate());
    if (m.openingTime() == null) {
      return w.say("p.opening.none", first);
    }
    String opens = m.openingTime().toString();
    if (m.deskOpensAt() == null) {
      return w.say("p.opening.noDesk", opens, first);
    }
    return m.deskPlace() == null ? w.say("p.opening.desk", opens, first, m.deskOpensAt().toString())
        : w.say("p.opening", opens, first, m.deskOpensAt().toString(), m.deskPlace());
  }

  private void notice(Writer w, Circular circular, Circular parent, Group group, String reference) {
    String intro = circular.kind() == Circular.Kind.ADDENDUM ? "addendum.intro" : "corrigendum.intro";
    w.numbered(w.say(intro, reference, parent == null ? "" : w.date(parent.dated()), group.name(), group.acronym()));
    for (Circular.FactChange change : circular.changes()) {
      String fact = w.sayOr("fact." + change.fact().toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "-")
          .replaceAll("^-|-$", ""), change.fact());
      w.bullet(w.say("addendum.change", fact, value(w, change.fact(), change.after()), value(w, change.fact(), change.before())));
    }
    w.paragraph(w.say("addendum.rest", reference));
  }

  private void annexes(Writer w, Group group, Meeting m, String reference) {
    annex(w, 1, reference, w.say("annex1.heading", group.name()));
    group.sections().forEach(section -> {
      w.block(Type.HEADING, null, section.heading());
      if (section.body() != null) {
        for (String line : section.body().split("\n")) {
          String text = line.strip();
          if (text.matches("^[-*·•–] .*")) {
            w.bullet(plain(text.substring(2)));
          } else if (!text.isEmpty()) {
            w.paragraph(plain(text));
          }
        }
      }
    });
    annex(w, 2, reference, w.say("annex2.heading"));
    if (m.agenda().isEmpty()) {
      w.paragraph(w.say("annex2.empty"));
    }
    for (int i = 0; i < m.agenda().size(); i++) {
      w.block(Type.PARAGRAPH, (i + 1) + ".", m.agenda().get(i).title());
    }
    annex(w, 3, reference, w.say("annex3.heading"));
    w.paragraph(w.say("annex3.intro"));
    w.paragraph(w.say("annex3.meeting", group.name(), w.date(m.startDate()), w.date(m.endDate())));
    for (String key : List.of("made", "with", "tariff", "arriving", "departing", "family", "first", "address", "tel",
        "fax", "email", "card", "number", "valid", "date", "signature")) {
      w.field(w.say("annex3." + key), "_".repeat(30));
    }
    if (!m.hotels().isEmpty()) {
      w.block(Type.HEADING, null, w.say("annex3.hotels"));
      m.hotels().forEach(h -> w.bullet(w.say("annex3.hotel", Listed.parts(w.locale, h.name(), h.address()), "",
          orDash(h.singleRate()), orDash(h.doubleRate()))));
    }
  }

  private static void annex(Writer w, int number, String reference, String heading) {
    w.block(Type.NEW_PAGE, null, "");
    w.block(Type.HEADING, null, w.say("annex.title", number));
    w.line(w.say("annex.to", reference));
    w.block(Type.HEADING, null, heading);
  }

  private static String people(List<Leader> leaders, Locale locale) {
    return Listed.items(locale, leaders.stream()
        .map(l -> Listed.aside(locale, l.personName(), l.organization())).toList());
  }

  /** Markdown emphasis and link syntax left out: the annex is printed text. */
  private static String plain(String markdown) {
    return markdown.replaceAll("\\[([^]]*)]\\(([^)]*)\\)", "$1 ($2)").replaceAll("[*_`]{1,2}", "").replaceAll("^#+ ", "");
  }

  private static String orDash(String text) {
    return text == null || text.isBlank() ? "—" : text;
  }

  /** The changes with their values said in {@code locale}, for the page that lists them. */
  List<Circular.FactChange> said(List<Circular.FactChange> changes, Locale locale) {
    var w = new Writer(locale);
    return changes.stream().map(c -> new Circular.FactChange(c.fact(), value(w, c.fact(), c.before()),
        value(w, c.fact(), c.after()))).toList();
  }

  /**
   * A fact's value in the circular's language: the meeting's dates and the deadlines (kept in ISO-8601) written
   * the reader's way, the deadline's time zone named in their language; a working language by its name in theirs
   * ("anglais"); the words the facts store (Paperless: yes, no; Documents: public, participants only; Fee: none)
   * through {@code value.<fact>.<value>}; anything else (names, addresses) as it is.
   */
  private static String value(Writer w, String fact, String text) {
    if (text == null || text.isBlank()) {
      return w.say("fact.none");
    }
    var dates = CircularFacts.ISO_DATES.matcher(text);
    if (dates.matches()) {
      return w.range(LocalDate.parse(dates.group(1)), LocalDate.parse(dates.group(2)));
    }
    if (fact.endsWith(" deadline") && text.matches("\\d{4}-\\d{2}-\\d{2}T.*\\[.+]")) {
      ZonedDateTime at = ZonedDateTime.parse(text);
      return Times.display(at.toInstant(), at.getZone(), w.locale);
    }
    if (fact.equals("Working language")) {
      return ContentLanguageNames.typed(text, w.locale);
    }
    return w.sayOr("value." + slug(fact) + "." + slug(text), text);
  }

  private static String slug(String text) {
    return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "-").replaceAll("^-|-$", "");
  }

  /** The blocks being written, in one language. */
  private final class Writer {
    final Locale locale;
    final List<Block> blocks = new ArrayList<>();
    int paragraph;

    Writer(Locale locale) {
      this.locale = locale;
    }

    String say(String key, Object... args) {
      return messages.getMessage(key, args, locale);
    }

    String sayOr(String key, String fallback) {
      return messages.getMessage(key, null, fallback, locale);
    }

    /** A circular's number as said in this language ("Circulaire TSB 114"), {@code to} after "to" (Russian dative). */
    String number(String typed, boolean to) {
      var tsb = Circular.TSB_NUMBER.matcher(typed);
      return tsb.matches() ? say(to ? "number.TSB.to" : "number.TSB", tsb.group(1)) : typed;
    }

    String date(LocalDate date) {
      return DateTimeFormatter.ofPattern(say("format.date"), locale).format(date);
    }

    /** "14–16 June 2010", "2010年6月14-16日"; across months or years the ends in full. */
    String range(LocalDate start, LocalDate end) {
      if (start.equals(end)) {
        return date(start);
      }
      if (start.getYear() != end.getYear()) {
        return date(start) + " – " + date(end);
      }
      if (start.getMonth() != end.getMonth()) {
        return DateTimeFormatter.ofPattern(say("format.dayMonth"), locale).format(start) + " – " + date(end);
      }
      return DateTimeFormatter.ofPattern(say("format.range.start"), locale).format(start) + say("format.range.separator")
          + DateTimeFormatter.ofPattern(say("format.range.end"), locale).format(end);
    }

    String deadline(Deadline d) {
      return say("format.deadline", date(d.local().toLocalDate()), d.local().toLocalTime().toString(), d.timeZone().getId());
    }

    void block(Type type, String label, String text) {
      blocks.add(new Block(type, label, text));
    }

    void line(String text) {
      block(Type.LINE, null, text);
    }

    void field(String label, String text) {
      block(Type.FIELD, label, text);
    }

    void numbered(String text) {
      block(Type.PARAGRAPH, String.valueOf(++paragraph), text);
    }

    void paragraph(String text) {
      block(Type.PARAGRAPH, null, text);
    }

    void bullet(String text) {
      block(Type.BULLET, null, text);
    }
  }
}
