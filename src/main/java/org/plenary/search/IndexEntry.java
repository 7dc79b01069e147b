package org.plenary.search;

import java.util.List;
import java.util.Set;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.util.BytesRef;
import org.plenary.contribution.Contribution;

/**
 * One contribution as the index holds it: its register entry, the text of its files (the version
 * waiting in incoming/ and the newest published one) and, when a file could not be read, why.
 * {@code stamp} sums up everything it was made from, so that an unchanged contribution is not read again.
 */
record IndexEntry(String number, long meetingId, String meeting, String title, String source,
    List<Long> agendaItemIds, String agendaText, String state, String type, String fileName, long date,
    String body, Set<String> languages, String problem, String stamp) {

  static final String ID = "id";
  static final String MEETING_ID = "meeting_id";
  static final String DATE = "date";
  /** The number as a sorted doc value: the last key of every sort, so that equal dates and scores keep one order. */
  static final String ORDER = "order";
  static final String STAMP = "stamp";
  /** The beginning of the text, indexed apart with its offsets so that snippets never load a text of megabytes. */
  static final String PREVIEW = "preview";
  /**
   * The same beginning as a doc value (UTF-8, not compressed): every hit of a page reads it, and
   * decompressing it from stored fields was half of a two-word query's time.
   */
  static final String PREVIEW_TEXT = "preview_text";
  /** About ten pages: the first 100,000 characters cost each search three times as much as these. */
  static final int PREVIEW_CHARS = 20_000;
  /**
   * The whole text, compressed ({@link KeptText}), as a doc value (read back when the files did not change): a stored
   * document is decompressed whole to show a hit, so the text is kept out of it.
   */
  static final String TEXT = "text";
  /**
   * What a hit shows (number, title, source, file name, problem, meeting, type, agenda items) as one
   * doc value ({@link HitFields}): reading them from stored fields decompressed an LZ4 block per hit.
   */
  static final String HIT = "hit";

  /**
   * The facets: meeting, agenda item, source and type, and the state, which is a doc value (its
   * {@link Contribution.Status} ordinal) like the date and the stamp, so that a change of state alone
   * is written with {@link #restated} without analysing the text again.
   */
  static final FacetsConfig FACETS = new FacetsConfig();

  static {
    FACETS.setMultiValued(Facet.AGENDA_ITEM.field(), true);
  }

  /** Facet dimensions, each also a filter field of the same name. */
  enum Facet {
    MEETING("meeting"), AGENDA_ITEM("agendaItem"), SOURCE("source"), TYPE("type"), STATE("state");

    private final String field;

    Facet(String field) {
      this.field = field;
    }

    String field() {
      return field;
    }
  }

  /** The preview's words, with their offsets: snippets are marked by them. */
  private static final FieldType WITH_OFFSETS = new FieldType();

  /**
   * The whole text's words, with positions (phrases) but no offsets: snippets read only the
   * preview's, so an offset pair for every word of a long text was written for nothing.
   */
  private static final FieldType WITH_POSITIONS = new FieldType();

  static {
    WITH_OFFSETS.setTokenized(true);
    WITH_OFFSETS.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    WITH_OFFSETS.freeze();
    WITH_POSITIONS.setTokenized(true);
    WITH_POSITIONS.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
    WITH_POSITIONS.freeze();
  }

  Document toDocument() throws java.io.IOException {
    Document doc = new Document();
    doc.add(new StringField(ID, number.toUpperCase(java.util.Locale.ROOT), Field.Store.NO));
    doc.add(new StoredField("number", number));
    doc.add(new SortedDocValuesField(ORDER, new BytesRef(number.toUpperCase(java.util.Locale.ROOT))));
    doc.add(new StringField(MEETING_ID, Long.toString(meetingId), Field.Store.YES));
    doc.add(new StoredField("title", title));
    doc.add(new StoredField("source", source));
    doc.add(new StoredField("fileName", fileName == null ? "" : fileName));
    doc.add(new StoredField("problem", problem == null ? "" : problem));
    doc.add(new StoredField("languages", String.join(",", languages)));
    doc.add(new BinaryDocValuesField(STAMP, new BytesRef(stamp)));
    doc.add(new BinaryDocValuesField(HIT, HitFields.encode(number, title, source, fileName == null ? "" : fileName,
        problem == null ? "" : problem, meeting, type, agendaItemIds)));
    doc.add(new NumericDocValuesField(DATE, date));
    doc.add(new NumericDocValuesField(Facet.STATE.field(), ordinal(state)));
    facet(doc, Facet.MEETING, meeting);
    for (Long item : agendaItemIds) {
      facet(doc, Facet.AGENDA_ITEM, Long.toString(item));
    }
    facet(doc, Facet.SOURCE, source.isBlank() ? "—" : source);
    if (type != null) {
      facet(doc, Facet.TYPE, type);
    }
    String register = number + "\n" + title + "\n" + source + "\n" + agendaText + "\n" + (fileName == null ? "" : fileName);
    doc.add(new TextField(Analysis.META, register, Field.Store.NO));
    // The text is cut into words once, for the body, its preview and each stemmed field.
    Tokens words = Tokens.of(body);
    // The preview's words are those within it: cut by characters, it never ends in half of one (U+FFFD in a snippet).
    String preview = org.plenary.shared.CodePoints.first(body, PREVIEW_CHARS);
    doc.add(new Field(PREVIEW, Analysis.plain(words.upTo(preview.length())), WITH_OFFSETS));
    doc.add(new BinaryDocValuesField(PREVIEW_TEXT, new BytesRef(preview)));
    Tokens heading = languages.isEmpty() ? null : Tokens.of(title + "\n" + source + "\n");
    for (String language : languages) {
      doc.add(new Field(Analysis.stemmedField(language), Analysis.stemmed(language, heading.then(words)),
          TextField.TYPE_NOT_STORED));
    }
    Document built = FACETS.build(doc);
    built.add(new Field(Analysis.BODY, Analysis.plain(words.stream()), WITH_POSITIONS));
    built.add(new BinaryDocValuesField(TEXT, new BytesRef(KeptText.of(body))));
    return built;
  }

  /** The fields a change of state rewrites: state, date and stamp, all doc values. */
  static Field[] restated(String state, long date, String stamp) {
    return new Field[] {new NumericDocValuesField(Facet.STATE.field(), ordinal(state)),
        new NumericDocValuesField(DATE, date), new BinaryDocValuesField(STAMP, new BytesRef(stamp))};
  }

  private static int ordinal(String state) {
    return Contribution.Status.valueOf(state).ordinal();
  }

  /** A facet's value composed (NFC), as a filter's value is: a source stored decomposed is one facet with its twin. */
  private static void facet(Document doc, Facet facet, String value) {
    String composed = java.text.Normalizer.normalize(value, java.text.Normalizer.Form.NFC);
    doc.add(new StringField(facet.field(), composed, Field.Store.YES));
    doc.add(new SortedSetDocValuesFacetField(facet.field(), composed));
  }
}
