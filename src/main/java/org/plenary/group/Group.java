package org.plenary.group;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A focus group (or its parent). Its lifetime is computed, not typed: it runs for
 * {@code lifetimeMonths} from the start of its first meeting.
 */
public record Group(
    GroupId id,
    String slug,
    String acronym,
    String name,
    String parentSlug,
    String establishedBy,
    String workingLanguage,
    int lifetimeMonths,
    String contactEmail,
    String mailingList,
    LocalDate firstMeetingOn,
    List<Section> sections,
    List<Leader> leaders,
    List<Milestone> milestones,
    Map<String, GroupTranslation> translations) {

  /** The start of the group's document numbers: "FG Cloud" gives FG-Cloud (FG-Cloud-I-0001). */
  public String documentPrefix() {
    return documentPrefix(acronym);
  }

  /**
   * The start of the document numbers of a group with this acronym: its runs of other characters than
   * Latin letters and digits become one hyphen. Two groups whose prefixes differ only in case would
   * number alike (numbers are unique whatever their case), so {@link GroupCatalog} refuses that.
   */
  public static String documentPrefix(String acronym) {
    return acronym.strip().replaceAll("[^A-Za-z0-9]+", "-");
  }

  /** The supported language the group works in, read from {@link #workingLanguage()} ("English" → en). */
  public Locale workingLocale() {
    return ContentLanguages.of(workingLanguage);
  }

  /** The name in the reader's language when given, else in the working language. */
  public Shown<String> name(Locale reader) {
    return ContentLanguages.pick(name, workingLocale(), translations, GroupTranslation::name, reader);
  }

  /** Each clause of the terms of reference in the reader's language when given, else in the working language. */
  public List<Shown<Section>> sections(Locale reader) {
    var shown = new ArrayList<Shown<Section>>();
    for (int i = 0; i < sections.size(); i++) {
      int index = i;
      shown.add(ContentLanguages.pick(sections.get(i), workingLocale(), translations, t -> t.clause(index), reader));
    }
    return shown;
  }

  /** Whether something the reader sees of the group is in the working language rather than theirs. */
  public boolean fallsBack(Locale reader) {
    return name(reader).fallback() || sections(reader).stream().anyMatch(Shown::fallback);
  }

  /** The last day of the group's lifetime, once its first meeting is scheduled. */
  public Optional<LocalDate> lifetimeEndsOn() {
    return Optional.ofNullable(firstMeetingOn).map(start -> start.plusMonths(lifetimeMonths).minusDays(1));
  }

  public List<Leader> leaders(LeaderRole role) {
    return leaders.stream().filter(leader -> leader.role() == role).toList();
  }
}
