package org.plenary.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;
import org.plenary.contribution.Contribution;
import org.plenary.contribution.DocumentAccess;
import org.plenary.contribution.Reader;
import org.plenary.meeting.Meeting;
import org.plenary.search.IndexEntry.Facet;
import org.plenary.shared.Words;
import org.springframework.stereotype.Component;

/**
 * Searches the index for a reader. The meetings whose documents the reader may read come from
 * {@link DocumentAccess} at every search and restrict the query itself, so totals, facet counts,
 * results and snippets are all counted among those documents only: a private meeting's document
 * leaves no trace for a stranger, not even a count.
 */
@Component
public class Search {

  private static final String[] FIELDS;
  private static final Map<String, Float> BOOSTS = new HashMap<>();
  private static final int MAX_RESULTS = 10_000;

  static {
    List<String> fields = new ArrayList<>(List.of(Analysis.META, Analysis.BODY));
    BOOSTS.put(Analysis.META, 3f);
    BOOSTS.put(Analysis.BODY, 1f);
    for (String language : Analysis.stemmedLanguages()) {
      fields.add(Analysis.stemmedField(language));
      BOOSTS.put(Analysis.stemmedField(language), 0.5f);
    }
    FIELDS = fields.toArray(String[]::new);
  }

  private final SearchIndex index;
  private final DocumentAccess access;
  private final KnownMeetings known;
  private final int highlightedChars;
  private final Words words;

  Search(SearchIndex index, DocumentAccess access, KnownMeetings known, ExtractionLimits limits, Words words) {
    this.words = words;
    this.index = index;
    this.access = access;
    this.known = known;
    // Passages are looked for in the beginning only: on a text of megabytes, scoring every match of a common word cost seconds.
    this.highlightedChars = Math.min(limits.maxChars(), IndexEntry.PREVIEW_CHARS);
  }

  public SearchResults search(SearchQuery query, Reader reader) {
    Query words = parse(query.q());
    KnownMeetings.Snapshot every = known.current();
    List<Meeting> readable = access.readable(every.meetings(), Meeting::id, reader);
    // Always a positive list of what DocumentAccess allowed: a meeting newer than the (5 s) list is
    // left out of every reader's results until the list is read again, never let through.
    BooleanQuery.Builder built = new BooleanQuery.Builder().add(words, Occur.MUST)
        .add(readable.isEmpty() ? new MatchNoDocsQuery() : new TermInSetQuery(IndexEntry.MEETING_ID,
            readable.stream().map(m -> new BytesRef(Long.toString(m.id().value()))).toList()), Occur.FILTER);
    filter(built, Facet.MEETING, query.meeting());
    filter(built, Facet.AGENDA_ITEM, query.agendaItem() == null ? null : query.agendaItem().toString());
    filter(built, Facet.SOURCE, query.source());
    filter(built, Facet.TYPE, query.type());
    if (query.state() != null && !query.state().isBlank()) {
      built.add(stateIs(query.state()), Occur.FILTER);
    }
    Query full = built.build();
    // Ties are broken by the number, never by Lucene's document ids, which a merge or an update renumbers
    // between two pages: a page asked by offset then repeated or skipped hits of the same date or score.
    // Newest first: of the same time, the higher number (asked for later) first.
    Sort sort = query.newest() || query.q().isEmpty()
        ? new Sort(new SortField(IndexEntry.DATE, SortField.Type.LONG, true),
            new SortField(IndexEntry.ORDER, SortField.Type.STRING, true))
        : new Sort(SortField.FIELD_SCORE, new SortField(IndexEntry.ORDER, SortField.Type.STRING));
    int wanted = (int) Math.min((long) query.page() * query.limit(), MAX_RESULTS);
    return index.read(view -> {
      try {
        return run(view, query, words, full, sort, wanted, every.labels());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  private SearchResults run(SearchIndex.View view, SearchQuery query, Query words, Query full, Sort sort, int wanted,
      Map<String, String> labels) throws IOException {
    IndexSearcher searcher = view.searcher();
    FacetsCollectorManager.FacetsResult result = FacetsCollectorManager.search(searcher, view.terms().resolve(full),
        Math.max(wanted, 1), sort, new FacetsCollectorManager());
    FacetsCollector collected = result.facetsCollector();
    long total = collected.getMatchingDocs().stream().mapToLong(m -> m.totalHits()).sum();
    ScoreDoc[] all = result.topDocs().scoreDocs;
    int from = (int) Math.min((long) (query.page() - 1) * query.limit(), all.length);
    ScoreDoc[] page = Arrays.copyOfRange(all, from, Math.min(from + query.limit(), all.length));
    String[] snippets = Snippets.of(view, words, result.topDocs(), page, highlightedChars);
    SearchResults.Hit[] shown = new SearchResults.Hit[page.length];
    var leaves = searcher.getIndexReader().leaves();
    // Doc values are read forwards: the page's hits in the order of their documents, one reader per segment.
    Integer[] byDoc = new Integer[page.length];
    Arrays.setAll(byDoc, i -> i);
    Arrays.sort(byDoc, Comparator.comparingInt(i -> page[i].doc));
    LeafReaderContext leaf = null;
    BinaryDocValues fields = null;
    NumericDocValues states = null;
    NumericDocValues dates = null;
    for (int i : byDoc) {
      if (leaf == null || page[i].doc >= leaf.docBase + leaf.reader().maxDoc()) {
        leaf = leaves.get(ReaderUtil.subIndex(page[i].doc, leaves));
        fields = leaf.reader().getBinaryDocValues(IndexEntry.HIT);
        states = leaf.reader().getNumericDocValues(Facet.STATE.field());
        dates = leaf.reader().getNumericDocValues(IndexEntry.DATE);
      }
      int doc = page[i].doc - leaf.docBase;
      HitFields hit = fields != null && fields.advanceExact(doc) ? HitFields.decode(fields.binaryValue())
          : HitFields.stored(searcher.storedFields().document(page[i].doc, HIT_FIELDS));
      shown[i] = hit(hit, value(states, doc), value(dates, doc), snippets[i]);
    }
    List<SearchResults.Hit> hits = List.of(shown);
    List<SearchResults.Facet> facets = new ArrayList<>();
    if (view.facets() != null && total > 0) {
      facets.addAll(facets(new SortedSetDocValuesFacetCounts(view.facets(), collected), labels));
    }
    if (total > 0) {
      facets.add(states(collected));
    }
    return new SearchResults(query.q(), query.sort(), total, query.page(), query.limit(), hits, facets);
  }

  private static final Set<String> HIT_FIELDS = Set.of("number", "title", "source", "fileName", "problem",
      Facet.MEETING.field(), Facet.AGENDA_ITEM.field(), Facet.TYPE.field());


  /** A document's numeric doc value (its state's ordinal, its date). */
  private static long value(NumericDocValues values, int doc) throws IOException {
    return values != null && values.advanceExact(doc) ? values.longValue() : 0;
  }

  /**
   * The state facet, counted from the state's doc value (updated in place, so not a facet field), in
   * the order of the other facets: most documents first, then by name.
   */
  private SearchResults.Facet states(FacetsCollector collected) throws IOException {
    Contribution.Status[] all = Contribution.Status.values();
    long[] counts = new long[all.length];
    for (FacetsCollector.MatchingDocs matching : collected.getMatchingDocs()) {
      NumericDocValues values = matching.context().reader().getNumericDocValues(Facet.STATE.field());
      DocIdSetIterator docs = matching.bits().iterator();
      for (int doc = docs.nextDoc(); values != null && doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
        if (values.advanceExact(doc)) {
          counts[(int) values.longValue()]++;
        }
      }
    }
    return new SearchResults.Facet(Facet.STATE.field(), Arrays.stream(all).filter(s -> counts[s.ordinal()] > 0)
        .sorted(Comparator.comparingLong((Contribution.Status s) -> -counts[s.ordinal()]).thenComparing(Enum::name))
        .map(s -> new SearchResults.FacetValue(s.name(), stateWord(s.name()), counts[s.ordinal()])).toList());
  }

  /** Documents in the state named (none for a name that is not a state). */
  private static Query stateIs(String state) {
    return Arrays.stream(Contribution.Status.values()).filter(s -> s.name().equals(state)).findFirst()
        .map(s -> NumericDocValuesField.newSlowExactQuery(Facet.STATE.field(), s.ordinal()))
        .orElseGet(MatchNoDocsQuery::new);
  }

  private SearchResults.Hit hit(HitFields doc, long state, long date, String snippet) {
    String[] meeting = doc.meeting().split("/", 2);
    List<ReadProblem.OfFile> problems = ReadProblem.stored(doc.problem());
    String fileName = doc.fileName();
    return new SearchResults.Hit(doc.number(), doc.title(), doc.source(), meeting[0], meeting[1], doc.agendaItemIds(),
        Contribution.Status.values()[(int) state].name(), doc.type(),
        fileName.isEmpty() ? null : fileName, Instant.ofEpochMilli(date),
        snippet == null || snippet.isBlank() ? null : snippet, said(problems),
        problems.stream().map(p -> new SearchResults.Problem(p.fileName().isEmpty() ? null : p.fileName(),
            p.problem().code(), p.problem().args())).toList(),
        "/documents/" + doc.number());
  }

  /** The problems as one sentence in the reader's language, or null when there are none. */
  private String said(List<ReadProblem.OfFile> problems) {
    if (problems.isEmpty()) {
      return null;
    }
    java.util.function.BiFunction<String, Object[], String> sentence = words::get;
    List<String> each = problems.stream().map(p -> p.said(sentence)).toList();
    return String.join(sentence.apply("search.reason.separator", new Object[0]), each);
  }

  /** Counts by dimension; the values are those of the documents found, all readable, so only their labels are shown. */
  private List<SearchResults.Facet> facets(Facets counts, Map<String, String> labels) throws IOException {
    List<SearchResults.Facet> facets = new ArrayList<>();
    for (Facet facet : Facet.values()) {
      if (facet == Facet.STATE) {
        continue;
      }
      FacetResult top;
      try {
        top = counts.getTopChildren(20, facet.field());
      } catch (IllegalArgumentException notIndexed) {
        continue;
      }
      if (top == null) {
        continue;
      }
      List<SearchResults.FacetValue> values = new ArrayList<>();
      for (LabelAndValue v : top.labelValues) {
        String label = labels.getOrDefault(facet.field() + ":" + v.label, v.label);
        values.add(new SearchResults.FacetValue(v.label, label, v.value.longValue()));
      }
      facets.add(new SearchResults.Facet(facet.field(), values));
    }
    return facets;
  }

  /** A document state as the facet names it, in the reader's language ("Published", "Publié", "已发布"). */
  private String stateWord(String state) {
    Locale reader = Words.reader();
    String word = words.in(reader, "search.state." + state);
    return word.isEmpty() ? word : word.substring(0, 1).toUpperCase(reader) + word.substring(1);
  }

  /** A facet's value, composed (NFC) as every stored text and the query's words are: {@code source=Société} in NFD too. */
  private static void filter(BooleanQuery.Builder query, Facet facet, String value) {
    if (value != null && !value.isBlank()) {
      String composed = java.text.Normalizer.normalize(value, java.text.Normalizer.Form.NFC);
      query.add(new TermQuery(new Term(facet.field(), composed)), Occur.FILTER);
    }
  }

  static Query parse(String q) {
    if (q.isEmpty()) {
      return new MatchAllDocsQuery();
    }
    if (!org.plenary.shared.CodePoints.atMost(q, 1000)) {
      throw new BadQueryException("search.error.tooLong", 1000);
    }
    MultiFieldQueryParser parser = new WordsParser();
    parser.setDefaultOperator(QueryParser.Operator.AND);
    parser.setSplitOnWhitespace(true);
    parser.setAutoGeneratePhraseQueries(true);
    parser.setAllowLeadingWildcard(false);
    try {
      // Composed (NFC), as every indexed word is (WordsFilteredOnce): a prefix or wildcard term is never analysed,
      // nor are a stemmed field's words by our filters, so "zébu*" typed decomposed missed the composed terms. Not
      // NFKC here: it would join a word and a symbol after it ("Plenary™" to "PlenaryTM") before the words are cut.
      return parser.parse(java.text.Normalizer.normalize(q, java.text.Normalizer.Form.NFC));
    } catch (ParseException | IndexSearcher.TooManyClauses | TooComplexToDeterminizeException e) {
      // The special characters are an argument: a pattern would have to quote the braces.
      throw new BadQueryException("search.error.unparsable", q, "+ - ! ( ) : ^ [ ] \" { } ~ * ? \\ /");
    }
  }

  /**
   * Lucene's classic syntax without its regular expressions ({@code /…/}): they are not part of the
   * syntax the search offers (words, "phrases", prefix*, AND, OR, -not), and one anonymous request
   * could cost a core for a minute ({@code /a{1000000}/}) or fail as too complex; such a search is
   * refused like any other that cannot be understood (put a word with {@code /} in quotes).
   */
  private static final class WordsParser extends MultiFieldQueryParser {

    WordsParser() {
      super(FIELDS, Analysis.analyzer(), BOOSTS);
    }

    @Override
    protected Query getRegexpQuery(String field, String termStr) throws ParseException {
      throw new ParseException("Regular expressions are not offered: " + termStr);
    }
  }
}
