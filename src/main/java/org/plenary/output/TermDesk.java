package org.plenary.output;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.plenary.account.PlenaryUser;
import org.plenary.group.Group;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.Meeting;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.shared.UnknownException;
import org.plenary.shared.EditVersion;
import org.plenary.shared.Violations;
import org.plenary.shared.Words;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every rule about the terminology register, for the pages and the API: anyone reads and searches
 * it; the group's management (or the secretariat) proposes, edits, agrees, supersedes and
 * translates terms, and every change is kept in the term's history.
 */
@Component
public class TermDesk {

  /** What the management gives for a term. */
  public record TermDraft(String term, String definition, String source, String note, String related) {

    List<String> relatedTerms() {
      return related == null ? List.of()
          : Arrays.stream(related.split("[;\\n]")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }
  }

  private final Terms terms;
  private final GroupCatalog groups;
  private final MeetingCatalog meetings;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final Words words;
  private final org.plenary.account.AccountDirectory accounts;

  TermDesk(Terms terms, GroupCatalog groups, MeetingCatalog meetings, TransactionTemplate transaction, Clock clock,
      org.plenary.account.AccountDirectory accounts, Words words) {
    this.words = words;
    this.accounts = accounts;
    this.terms = terms;
    this.groups = groups;
    this.meetings = meetings;
    this.transaction = transaction;
    this.clock = clock;
  }

  /** The register, alphabetically; with words, the terms whose term or definition contains each of them. */
  public List<Term> search(String slug, String query) {
    return terms.search(groups.get(slug).id(), query);
  }

  /** One page of {@link #search}'s terms, read by key in SQL: the page and one more, never the whole register. */
  public org.plenary.shared.Paged<Term> search(String slug, String query, org.plenary.shared.Paged.Asked asked) {
    return terms.page(groups.get(slug).id(), query, asked);
  }

  public Term get(String slug, long id) {
    Group group = groups.get(slug);
    return terms.find(group.id(), id)
        .orElseThrow(() -> new UnknownException("output", "output.unknown.term", group.acronym(), id));
  }

  /** Every change of the term, oldest first, each naming who changed it by name (never by username). */
  public List<TermChange> history(String slug, long id) {
    return terms.history(get(slug, id).id()).stream().map(named()).toList();
  }

  /** One page of the term's changes ({@link #history(String, long)}), read by key. */
  public org.plenary.shared.Paged<TermChange> history(String slug, long id, org.plenary.shared.Paged.Asked asked) {
    return terms.history(get(slug, id).id(), asked).map(named());
  }

  private java.util.function.Function<TermChange, TermChange> named() {
    var names = new java.util.HashMap<String, String>();
    return c -> new TermChange(c.version(), c.change(), c.term(), c.definition(), c.source(), c.note(), c.status(),
        c.supersededBy(), names.computeIfAbsent(c.changedBy(), u -> accounts.findEvenDisabled(u).map(a -> a.displayName())
            .orElse(words.get("output.history.formerAccount"))), c.changedAt());
  }

  public Term propose(String slug, TermDraft draft, PlenaryUser user) {
    Group group = manageable(slug, user);
    check(draft);
    unique(group, draft.term(), 0);
    return oneByName(draft, () -> transaction.execute(status -> {
      var fresh = new Term(0, org.plenary.shared.Names.clean(draft.term()), draft.definition().strip(), blankToNull(draft.source()),
          blankToNull(draft.note()), TermStatus.PROPOSED, null, null, draft.relatedTerms(), 1, null);
      long id = terms.insert(group.id(), fresh);
      Term made = get(slug, id);
      terms.history(made, null, "PROPOSED", user.getUsername(), clock.instant());
      return made;
    }));
  }

  /** Refuses a name another term of the register (not superseded) has, {@code id} being the term named. */
  private void unique(Group group, String term, long id) {
    new Violations().check(terms.findByName(group.id(), term).filter(t -> t.id() != id).isEmpty(), "term",
        words.get("output.error.termExists", term.strip())).throwIfAny();
  }

  /**
   * Runs a save that gives a term its name; when another editor's save of the same name won the race between
   * the check above and this save, the unique key refuses it, and the editor is told as a sequential
   * proposal is (nothing saved).
   */
  private Term oneByName(TermDraft draft, java.util.function.Supplier<Term> save) {
    try {
      return save.get();
    } catch (org.springframework.dao.DuplicateKeyException sameName) {
      throw new org.plenary.shared.InvalidInputException("term",
          words.get("output.error.termExists", draft.term().strip()));
    }
  }

  public Term edit(String slug, long id, TermDraft draft, PlenaryUser user) {
    return edit(slug, id, draft, user, EditVersion.ANY);
  }

  /**
   * Edits the term as its editor read it at a version {@code read} names: refused
   * ({@link org.plenary.shared.ChangedMeanwhileException}) when someone changed it since (edited, agreed, superseded).
   */
  public Term edit(String slug, long id, TermDraft draft, PlenaryUser user, EditVersion read) {
    Group group = manageable(slug, user);
    check(draft);
    return oneByName(draft, () -> transaction.execute(status -> {
      lock(id);
      Term current = get(slug, id);
      read.check(current.version(), current.term());
      // Renamed to the name of another term of the register: two entries one reader cannot tell apart.
      unique(group, draft.term(), id);
      Term edited = current.edited(org.plenary.shared.Names.clean(draft.term()), draft.definition().strip(), blankToNull(draft.source()),
          blankToNull(draft.note()), draft.relatedTerms());
      terms.update(edited, null);
      terms.history(edited, null, "EDITED", user.getUsername(), clock.instant());
      return get(slug, id);
    }));
  }

  public Term agree(String slug, long id, String meetingCode, PlenaryUser user) {
    return agree(slug, id, meetingCode, user, EditVersion.ANY);
  }

  /**
   * Records the term as agreed at the meeting, as its deciding editor read it at a version {@code read} names:
   * refused (412, nothing recorded) when someone changed it since, so that what is agreed is what was seen.
   */
  public Term agree(String slug, long id, String meetingCode, PlenaryUser user, EditVersion read) {
    manageable(slug, user);
    return transaction.execute(status -> {
      lock(id);
      // The meeting under its lock: a move or a rename committed since it was named is seen (and refused), not
      // one the agreement is recorded past.
      Meeting meeting = meetings.forIssue(slug, meetingCode);
      Term agreed = seen(slug, id, read, "output.refused.term.changedBeforeAgreement").agreed(meeting, LocalDate.now(clock.withZone(meeting.timeZone())));
      terms.update(agreed, meeting.id().value());
      terms.history(agreed, meeting.id().value(), "AGREED", user.getUsername(), clock.instant());
      return get(slug, id);
    });
  }

  public Term supersede(String slug, long id, String byTerm, PlenaryUser user) {
    return supersede(slug, id, byTerm, user, EditVersion.ANY);
  }

  /** Records that {@code byTerm} supersedes the term, as read at a version {@code read} names (else 412, nothing recorded). */
  public Term supersede(String slug, long id, String byTerm, PlenaryUser user, EditVersion read) {
    Group group = manageable(slug, user);
    Term by = terms.findByName(group.id(), byTerm == null ? "" : byTerm.strip()).orElseThrow(() ->
        OutputRefusedException.state("output.refused.term.unknownSuccessor", byTerm));
    return transaction.execute(status -> {
      lock(id);
      Term current = seen(slug, id, read, "output.refused.term.changedBeforeSupersession");
      Long meetingId = current.agreedAt() == null ? null : meetings.get(slug, current.agreedAt()).id().value();
      Term superseded = current.supersededBy(by);
      terms.update(superseded, meetingId);
      terms.history(superseded, meetingId, "SUPERSEDED", user.getUsername(), clock.instant());
      return get(slug, id);
    });
  }

  /**
   * Takes the term's row lock, then the row lock of the meeting that agreed it ({@link MeetingCatalog#forIssue}, as
   * the visa desk does): the term's version adds that meeting's, and a change of the meeting (its code renamed)
   * committed between the version's check and the write would otherwise be saved over unseen.
   */
  private void lock(long id) {
    terms.lock(id).ifPresent(meetings::forIssue);
  }

  /**
   * The term as it stands, under its lock, when it is still at a version the deciding editor read; else refused
   * with a sentence saying what it is now (its name, version and definition).
   */
  private Term seen(String slug, long id, EditVersion read, String refusal) {
    Term current = get(slug, id);
    if (!read.accepts(current.version())) {
      throw OutputRefusedException.changedSinceRead(refusal, current.term(), current.version(), current.definition());
    }
    return current;
  }

  /** The term in another of the languages Plenary speaks, whatever version it is at. */
  public Term translate(String slug, long id, String lang, String term, String definition, PlenaryUser user) {
    return translate(slug, id, lang, term, definition, user, EditVersion.ANY);
  }

  /**
   * The term in another of the languages Plenary speaks, made on the version {@code read} names (refused
   * when someone changed the term, its translations included, since); a translation is a change of the
   * term: its version goes up, so its entity tag changes and its history numbers it.
   */
  public Term translate(String slug, long id, String lang, String term, String definition, PlenaryUser user,
      EditVersion read) {
    manageable(slug, user);
    new Violations()
        .check(lang != null && Term.LANGUAGES.contains(lang), "lang",
            words.get("output.error.language", org.plenary.shared.Listed.items(org.plenary.shared.Words.reader(), Term.LANGUAGES)))
        .check(term != null && !term.isBlank(), "term", words.get("output.error.translatedTerm"))
        .throwIfAny();
    return transaction.execute(status -> {
      lock(id);
      Term current = get(slug, id);
      read.check(current.version(), current.term());
      terms.translate(current.id(), lang, term.strip(), blankToNull(definition));
      Term translated = get(slug, id);
      terms.history(translated, null, "TRANSLATED " + lang, user.getUsername(), clock.instant());
      return translated;
    });
  }

  private void check(TermDraft draft) {
    new Violations()
        .check(draft.term() != null && !draft.term().isBlank(), "term", words.get("output.error.term"))
        .check(draft.term() == null || org.plenary.shared.CodePoints.atMost(draft.term().strip(), 200), "term",
            words.get("output.error.termLength"))
        .check(draft.definition() != null && !draft.definition().isBlank(), "definition", words.get("output.error.definition"))
        .check(draft.definition() == null || org.plenary.shared.CodePoints.atMost(draft.definition(), 4000), "definition",
            words.get("output.error.definitionLength"))
        .throwIfAny();
  }

  private Group manageable(String slug, PlenaryUser user) {
    Group group = groups.get(slug);
    if (!groups.canManage(user, group)) {
      throw OutputRefusedException.notAllowed("output.refused.manage.terms");
    }
    return group;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
