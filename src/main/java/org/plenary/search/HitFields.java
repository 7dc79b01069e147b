package org.plenary.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.util.BytesRef;
import org.plenary.search.IndexEntry.Facet;

/**
 * The fields of an index entry that a hit shows, kept together as one binary doc value
 * ({@link IndexEntry#HIT}): a search reads a few hundred bytes per hit, where stored fields
 * decompressed a block of several documents per hit. {@code type} is null when the entry has none;
 * the others are never null ("" for no file name or no problem).
 */
record HitFields(String number, String title, String source, String fileName, String problem, String meeting,
    String type, List<Long> agendaItemIds) {

  static BytesRef encode(String number, String title, String source, String fileName, String problem, String meeting,
      String type, List<Long> agendaItemIds) {
    var out = new ByteBuffersDataOutput();
    try {
      for (String field : new String[] {number, title, source, fileName, problem, meeting}) {
        out.writeString(field);
      }
      out.writeByte((byte) (type == null ? 0 : 1));
      if (type != null) {
        out.writeString(type);
      }
      out.writeVInt(agendaItemIds.size());
      for (long item : agendaItemIds) {
        out.writeVLong(item);
      }
    } catch (IOException impossible) {
      throw new UncheckedIOException(impossible);
    }
    return new BytesRef(out.toArrayCopy());
  }

  static HitFields decode(BytesRef bytes) {
    var in = new ByteArrayDataInput(bytes.bytes, bytes.offset, bytes.length);
    try {
      String number = in.readString();
      String title = in.readString();
      String source = in.readString();
      String fileName = in.readString();
      String problem = in.readString();
      String meeting = in.readString();
      String type = in.readByte() == 0 ? null : in.readString();
      int items = in.readVInt();
      List<Long> ids = new ArrayList<>(items);
      for (int i = 0; i < items; i++) {
        ids.add(in.readVLong());
      }
      return new HitFields(number, title, source, fileName, problem, meeting, type, List.copyOf(ids));
    } catch (IOException impossible) {
      // A byte array is read: nothing is read from a file.
      throw new UncheckedIOException(impossible);
    }
  }

  /** The same fields from an entry's stored fields (an index of an older layout, searched while it is rebuilt). */
  static HitFields stored(Document doc) {
    String[] items = doc.getValues(Facet.AGENDA_ITEM.field());
    List<Long> ids = new ArrayList<>(items.length);
    for (String item : items) {
      ids.add(Long.valueOf(item));
    }
    return new HitFields(doc.get("number"), doc.get("title"), doc.get("source"), doc.get("fileName"),
        doc.get("problem"), doc.get(Facet.MEETING.field()), doc.get(Facet.TYPE.field()), List.copyOf(ids));
  }
}
