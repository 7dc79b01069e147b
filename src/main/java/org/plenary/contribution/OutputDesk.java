package org.plenary.contribution;

import static org.plenary.contribution.ContributionRefusedException.Reason.NOT_ALLOWED;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.plenary.account.Account;
import org.plenary.account.AccountDirectory;
import org.plenary.account.PlenaryUser;
import org.plenary.group.Group;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.Meeting;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.shared.Violations;
import org.springframework.stereotype.Component;

/**
 * The group's output documents ({@code FG-Cloud-O-0001}): numbered by the group's management or the
 * secretariat, uploaded and published with the same rules and channels as inputs (through
 * {@link ContributionDesk}), published into {@code <meeting>/out/}, and read under
 * {@link DocumentAccess} like every document.
 */
@Component
public class OutputDesk {

  private final ContributionDesk desk;
  private final Contributions contributions;
  private final DocumentAccess access;
  private final GroupCatalog groups;
  private final MeetingCatalog meetings;
  private final AccountDirectory accounts;
  private final Clock clock;

  OutputDesk(ContributionDesk desk, Contributions contributions, DocumentAccess access, GroupCatalog groups,
      MeetingCatalog meetings, AccountDirectory accounts, Clock clock) {
    this.desk = desk;
    this.contributions = contributions;
    this.access = access;
    this.groups = groups;
    this.meetings = meetings;
    this.accounts = accounts;
    this.clock = clock;
  }

  /** Allocates the next number of the group's output series for a document of the meeting. */
  public OutputDocument allocate(String slug, String code, OutputAllocation request, PlenaryUser user) {
    Group group = groups.get(slug);
    Meeting meeting = meetings.get(slug, code);
    if (!groups.canManage(user, group)) {
      throw ContributionRefusedException.of(NOT_ALLOWED, "contribution.refused.outputNumbers");
    }
    var violations = new Violations()
        .check(request.title() != null && !request.title().isBlank(), "title", "contribution", "contribution.error.outputTitle")
        .check(request.type() != null, "type", "contribution", "contribution.error.outputType");
    var editors = new ArrayList<Account>();
    for (String name : request.editors()) {
      Optional<Account> editor = accounts.find(name);
      violations.check(editor.isPresent(), "editors", "contribution", "contribution.error.editor", name);
      editor.filter(a -> editors.stream().noneMatch(e -> e.id().equals(a.id()))).ifPresent(editors::add);
    }
    var answered = contributions.findByNumbers(request.answers());
    for (String number : request.answers()) {
      boolean known = answered.stream().anyMatch(c -> c.number().equalsIgnoreCase(number)
          && c.groupId().equals(group.id()) && c.series() == DocumentSeries.INPUT);
      violations.check(known, "answers", "contribution", "contribution.error.answers",
          ContributionDesk.printable(number), group.acronym());
    }
    violations.throwIfAny();
    List<String> answers = request.answers().stream().map(n -> answered.stream()
        .filter(c -> c.number().equalsIgnoreCase(n)).findFirst().orElseThrow().number()).distinct().toList();
    var allocation = new Allocation(request.title().strip(),
        request.source() == null || request.source().isBlank() ? group.acronym() : request.source().strip(),
        List.of(), null, List.of());
    Contribution made = desk.allocateIn(DocumentSeries.OUTPUT, group, meeting, allocation, editors,
        new NumberAllocator.OutputDetails(request.type(), answers), user, clock.instant());
    return new OutputDocument(made, request.type(), answers);
  }

  /** The output document with this number, as the reader may see it (404 as an unknown number otherwise). */
  public OutputDocument get(String number, Reader reader) {
    Contribution document = access.contribution(number, reader);
    return with(List.of(document)).stream().findFirst().orElseThrow(() -> ContributionDesk.unknownNumber(number));
  }

  /** The meeting's output documents, or {@link DocumentsPrivateException} when the reader may not read them. */
  public List<OutputDocument> ofMeeting(String slug, String code, Reader reader) {
    return with(access.register(slug, code, reader).stream().filter(c -> c.series() == DocumentSeries.OUTPUT).toList());
  }

  /**
   * One page of the meeting's output documents, in number order, read by key in SQL (the page and one more, never
   * the whole register), or {@link DocumentsPrivateException} before anything is read when the reader may not read
   * the meeting's documents: the rule of {@link DocumentAccess} is the meeting's, so every row of a meeting the reader
   * may read is one they may read, and a page is never cut short by rows left out after the read.
   */
  public org.plenary.shared.Paged<OutputDocument> ofMeeting(String slug, String code, Reader reader,
      org.plenary.shared.Paged.Asked asked) {
    Meeting meeting = access.readableMeeting(slug, code, reader);
    var page = contributions.outputsOfMeeting(meeting.id(), asked);
    var details = contributions.outputs(page.rows().stream().map(Contribution::id).toList());
    return page.map(c -> new OutputDocument(c, details.get(c.id()).type(), details.get(c.id()).answers()));
  }

  /** The group's output documents the reader may read, in number order. */
  public List<OutputDocument> ofGroup(String slug, Reader reader) {
    Group group = groups.get(slug);
    return with(access.readable(contributions.ofGroup(group.id(), DocumentSeries.OUTPUT), Contribution::meetingId,
        reader));
  }

  /** The group's input documents the reader may read, in number order. */
  public List<Contribution> inputsOfGroup(String slug, Reader reader) {
    Group group = groups.get(slug);
    return access.readable(contributions.ofGroup(group.id(), DocumentSeries.INPUT), Contribution::meetingId, reader);
  }

  private List<OutputDocument> with(List<Contribution> documents) {
    var details = contributions.outputs(documents.stream().map(Contribution::id).toList());
    return documents.stream().filter(c -> details.containsKey(c.id()))
        .map(c -> new OutputDocument(c, details.get(c.id()).type(), details.get(c.id()).answers())).toList();
  }
}
