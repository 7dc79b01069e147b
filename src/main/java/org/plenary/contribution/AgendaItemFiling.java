package org.plenary.contribution;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.plenary.meeting.AgendaItemDocuments;
import org.plenary.meeting.MeetingDocuments;
import org.plenary.meeting.MeetingId;
import org.springframework.stereotype.Component;

/**
 * Tells the meeting module which documents are filed under agenda items, so none loses its item,
 * and whether a meeting has documents, so the code naming their folder does not change.
 */
@Component
class AgendaItemFiling implements AgendaItemDocuments, MeetingDocuments {

  private final Contributions contributions;

  AgendaItemFiling(Contributions contributions) {
    this.contributions = contributions;
  }

  @Override
  public Map<Long, List<String>> documentsOn(Collection<Long> agendaItemIds) {
    return contributions.numbersOnAgendaItems(agendaItemIds);
  }

  @Override
  public boolean anyFor(MeetingId meeting) {
    return contributions.anyOfMeeting(meeting);
  }
}
