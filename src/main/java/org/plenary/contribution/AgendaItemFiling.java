package org.plenary.contribution;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.plenary.meeting.AgendaItemDocuments;
import org.springframework.stereotype.Component;

/** Tells the meeting module which documents are filed under agenda items, so none loses its item. */
@Component
class AgendaItemFiling implements AgendaItemDocuments {

  private final Contributions contributions;

  AgendaItemFiling(Contributions contributions) {
    this.contributions = contributions;
  }

  @Override
  public Map<Long, List<String>> documentsOn(Collection<Long> agendaItemIds) {
    return contributions.numbersOnAgendaItems(agendaItemIds);
  }
}
