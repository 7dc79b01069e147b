package org.plenary.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexableField;
import org.junit.jupiter.api.Test;

/**
 * A hit's fields read from their one doc value are those its stored fields hold (which an index of
 * an older layout is read by while it is rebuilt): a search shows the same hit either way.
 */
class HitFieldsTests {

  @Test
  void theDocValueHoldsWhatTheStoredFieldsHold() throws Exception {
    for (IndexEntry entry : List.of(
        entry("FG-Hit-I-0001", List.of(3L, 1L, 2L), "pdf", "FG-Hit-I-0001.pdf", "[{\"code\":\"encrypted\"}]"),
        entry("FG-Hit-I-0002", List.of(), null, null, null),
        entry("FG-Hit-I-0003", List.of(Long.MAX_VALUE), "docx", "FG-Hit-I-0003r1.docx", ""))) {
      Document built = entry.toDocument();
      Document stored = new Document();
      for (IndexableField field : built.getFields()) {
        if (field.fieldType().stored()) {
          stored.add(field);
        }
      }
      HitFields fromDocValue = HitFields.decode(built.getField(IndexEntry.HIT).binaryValue());

      assertThat(fromDocValue).isEqualTo(HitFields.stored(stored));
      assertThat(fromDocValue.number()).isEqualTo(entry.number());
      assertThat(fromDocValue.agendaItemIds()).isEqualTo(entry.agendaItemIds());
      assertThat(fromDocValue.type()).isEqualTo(entry.type());
    }
  }

  private static IndexEntry entry(String number, List<Long> items, String type, String fileName, String problem) {
    return new IndexEntry(number, 7, "hit/one", "Titre « été » 标题 " + number, "Source, Inc.", items, "", "PUBLISHED",
        type, fileName, 1_700_000_000_000L, "text", Set.of("en"), problem, "s");
  }
}
