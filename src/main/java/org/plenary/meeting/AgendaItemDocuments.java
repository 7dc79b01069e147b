package org.plenary.meeting;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Which documents are filed under agenda items, asked before items are removed so that none is
 * left without its item. The contribution module answers; without it, no item has documents.
 */
public interface AgendaItemDocuments {

  /** The document numbers filed under each of these items (items without documents left out). */
  Map<Long, List<String>> documentsOn(Collection<Long> agendaItemIds);
}
