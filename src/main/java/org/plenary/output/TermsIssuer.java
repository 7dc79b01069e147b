package org.plenary.output;

import java.io.ByteArrayInputStream;
import java.util.List;
import org.plenary.account.PlenaryUser;
import org.plenary.contribution.ContributionDesk;
import org.plenary.contribution.OutputAllocation;
import org.plenary.contribution.OutputDesk;
import org.plenary.contribution.OutputDocument;
import org.plenary.contribution.OutputType;
import org.plenary.group.Group;
import org.plenary.group.GroupCatalog;
import org.plenary.shared.EditVersion;
import org.plenary.shared.Words;
import org.springframework.stereotype.Component;

/**
 * Issues the terminology register in one action: numbers it as a terminology output document of
 * a meeting and uploads the register's PDF, as it reads now, as that document's file, for the
 * secretariat to publish into the meeting's {@code out/} folder like any output.
 */
@Component
class TermsIssuer {

  private final TermDesk desk;
  private final TermsPdf pdf;
  private final GroupCatalog groups;
  private final OutputDesk outputs;
  private final ContributionDesk documents;
  private final Words words;

  TermsIssuer(TermDesk desk, TermsPdf pdf, GroupCatalog groups, OutputDesk outputs, ContributionDesk documents,
      Words words) {
    this.words = words;
    this.desk = desk;
    this.pdf = pdf;
    this.groups = groups;
    this.outputs = outputs;
    this.documents = documents;
  }

  OutputDocument issue(String slug, String meeting, PlenaryUser user) {
    return issue(slug, meeting, user, EditVersion.ANY);
  }

  /**
   * The register's version: one more whenever a term is proposed (its first version counts one more) or changed
   * (edited, translated, agreed, superseded), as terms are never deleted. The API's list gives it as its ETag, the
   * page's issue form carries it.
   */
  static long version(List<Term> terms) {
    return terms.stream().mapToLong(t -> t.version() + 1L).sum();
  }

  /**
   * Issues the register as its issuer read it ({@code seen}): the very terms rendered are those of the version
   * checked, so a register changed since (a term added, edited, agreed) is not numbered and uploaded unseen (412,
   * nothing allocated).
   */
  OutputDocument issue(String slug, String meeting, PlenaryUser user, EditVersion seen) {
    Group group = groups.get(slug);
    if (user == null || !groups.canManage(user, group)) {
      throw OutputRefusedException.notAllowed("output.refused.manage.issueTerms");
    }
    if (meeting == null || meeting.isBlank()) {
      throw OutputRefusedException.state("output.refused.terms.meeting");
    }
    List<Term> terms = desk.search(slug, null);
    if (terms.isEmpty()) {
      throw OutputRefusedException.state("output.refused.terms.none", group.acronym());
    }
    if (!seen.accepts(version(terms))) {
      throw OutputRefusedException.changedSinceRead("output.refused.terms.changed", group.acronym(), terms.size());
    }
    OutputDocument output = outputs.allocate(slug, meeting.strip(), new OutputAllocation(
        words.in(group.workingLocale(), "output.pdf.terms.title", group.acronym()), null, OutputType.TERMINOLOGY, List.of(), List.of()), user);
    documents.upload(output.number(), output.number() + ".pdf",
        new ByteArrayInputStream(pdf.render(group.acronym(), terms, group.workingLocale())), user);
    return output;
  }
}
