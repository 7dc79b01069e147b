package org.plenary.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
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
import org.plenary.contribution.DocumentAccess;
import org.plenary.contribution.Reader;
import org.plenary.group.Group;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.Meeting;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.search.IndexEntry.Facet;
import org.plenary.shared.TtlCache;
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
  private final GroupCatalog groups;
  private final MeetingCatalog meetings;
  private final int highlightedChars;
  private final TtlCache<String, List<Meeting>> allMeetings;

  Search(SearchIndex index, DocumentAccess access, GroupCatalog groups, MeetingCatalog meetings,
      ExtractionLimits limits, Clock clock) {
    this.index = index;
    this.access = access;
    this.groups = groups;
    this.meetings = meetings;
    // Passages are looked for in the beginning only: on a text of megabytes, scoring every match of a common word cost seconds.
    this.highlightedChars = Math.min(limits.maxChars(), IndexEntry.PREVIEW_CHARS);
    this.allMeetings = new TtlCache<>(Duration.ofSeconds(5), 1, clock);
  }

  public SearchResults search(SearchQuery query, Reader reader) {
    Query words = parse(query.q());
    List<Meeting> every = allMeetings.get("all", () -> groups.all().stream().flatMap(g -> meetings.of(g).stream()).toList());
    List<Meeting> readable = access.readable(every, Meeting::id, reader);
    // Always a positive list of what DocumentAccess allowed: a meeting newer than the (5 s) list is
    // left out of every reader's results until the list is read again, never let through.
    BooleanQuery.Builder built = new BooleanQuery.Builder().add(words, Occur.MUST)
        .add(readable.isEmpty() ? new MatchNoDocsQuery() : new TermInSetQuery(IndexEntry.MEETING_ID,
            readable.stream().map(m -> new BytesRef(Long.toString(m.id().value()))).toList()), Occur.FILTER);
    filter(built, Facet.MEETING, query.meeting());
    filter(built, Facet.AGENDA_ITEM, query.agendaItem() == null ? null : query.agendaItem().toString());
    filter(built, Facet.SOURCE, query.source());
    filter(built, Facet.TYPE, query.type());
    filter(built, Facet.STATE, query.state());
    Query full = built.build();
    Sort sort = query.newest() || query.q().isEmpty()
        ? new Sort(new SortField(IndexEntry.DATE, SortField.Type.LONG, true)) : Sort.RELEVANCE;
    int wanted = Math.min(query.page() * SearchQuery.PAGE_SIZE, MAX_RESULTS);
    return index.read(view -> {
      try {
        return run(view, query, words, full, sort, wanted, readable);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  private SearchResults run(SearchIndex.View view, SearchQuery query, Query words, Query full, Sort sort, int wanted,
      List<Meeting> readable) throws IOException {
    IndexSearcher searcher = view.searcher();
    FacetsCollectorManager.FacetsResult result =
        FacetsCollectorManager.search(searcher, full, Math.max(wanted, 1), sort, new FacetsCollectorManager());
    FacetsCollector collected = result.facetsCollector();
    long total = collected.getMatchingDocs().stream().mapToLong(m -> m.totalHits()).sum();
    ScoreDoc[] all = result.topDocs().scoreDocs;
    int from = Math.min((query.page() - 1) * SearchQuery.PAGE_SIZE, all.length);
    ScoreDoc[] page = Arrays.copyOfRange(all, from, Math.min(from + SearchQuery.PAGE_SIZE, all.length));
    String[] snippets = Snippets.of(searcher, words, result.topDocs(), page, highlightedChars);
    List<SearchResults.Hit> hits = new ArrayList<>();
    var stored = searcher.storedFields();
    for (int i = 0; i < page.length; i++) {
      hits.add(hit(stored.document(page[i].doc, HIT_FIELDS), snippets[i]));
    }
    List<SearchResults.Facet> facets = view.facets() == null || total == 0 ? List.of()
        : facets(new SortedSetDocValuesFacetCounts(view.facets(), collected), readable);
    return new SearchResults(query.q(), query.sort(), total, query.page(), SearchQuery.PAGE_SIZE, hits, facets);
  }

  private static final Set<String> HIT_FIELDS = Set.of("number", "title", "source", "fileName", "problem", IndexEntry.DATE,
      Facet.MEETING.field(), Facet.AGENDA_ITEM.field(), Facet.STATE.field(), Facet.TYPE.field());


  private static SearchResults.Hit hit(Document doc, String snippet) {
    String[] meeting = doc.get(Facet.MEETING.field()).split("/", 2);
    List<Long> items = Arrays.stream(doc.getValues(Facet.AGENDA_ITEM.field())).map(Long::valueOf).toList();
    List<ReadProblem.OfFile> problems = ReadProblem.stored(doc.get("problem"));
    String fileName = doc.get("fileName");
    return new SearchResults.Hit(doc.get("number"), doc.get("title"), doc.get("source"), meeting[0], meeting[1], items,
        doc.get(Facet.STATE.field()), doc.get(Facet.TYPE.field()), fileName.isEmpty() ? null : fileName,
        Instant.ofEpochMilli(doc.getField(IndexEntry.DATE).numericValue().longValue()),
        snippet == null || snippet.isBlank() ? null : snippet, said(problems),
        problems.stream().map(p -> new SearchResults.Problem(p.fileName().isEmpty() ? null : p.fileName(),
            p.problem().code(), p.problem().args())).toList(),
        "/documents/" + doc.get("number"));
  }

  /** The problems as one sentence in the reader's language, or null when there are none. */
  private static String said(List<ReadProblem.OfFile> problems) {
    if (problems.isEmpty()) {
      return null;
    }
    java.util.function.BiFunction<String, Object[], String> sentence = (key, args) ->
        org.plenary.shared.Words.said(new org.springframework.context.support.DefaultMessageSourceResolvable(
            new String[] {key}, args, key));
    List<String> each = problems.stream().map(p -> p.said(sentence)).toList();
    return String.join(sentence.apply("search.reason.separator", new Object[0]), each);
  }

  private List<SearchResults.Facet> facets(Facets counts, List<Meeting> readable) throws IOException {
    Map<String, String> labels = labels(readable);
    List<SearchResults.Facet> facets = new ArrayList<>();
    for (Facet facet : Facet.values()) {
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
        values.add(new SearchResults.FacetValue(v.label,
            labels.getOrDefault(facet.field() + ":" + v.label, v.label), v.value.longValue()));
      }
      facets.add(new SearchResults.Facet(facet.field(), values));
    }
    return facets;
  }

  /** What meeting and agenda-item values stand for, on the agenda as it stands. */
  private Map<String, String> labels(List<Meeting> readable) {
    Map<String, String> labels = new HashMap<>();
    for (Meeting meeting : readable) {
      Group group = groups.get(meeting.groupId());
      labels.put(Facet.MEETING.field() + ":" + group.slug() + "/" + meeting.code(), group.acronym() + " " + meeting.code());
      for (int i = 0; i < meeting.agenda().size(); i++) {
        var item = meeting.agenda().get(i);
        if (item.id() != null) {
          labels.put(Facet.AGENDA_ITEM.field() + ":" + item.id(), meeting.code() + " · " + (i + 1) + ". " + item.title());
        }
      }
    }
    labels.put("state:ALLOCATED", "Number allocated");
    labels.put("state:INCOMING", "Incoming");
    labels.put("state:PUBLISHED", "Published");
    labels.put("state:WITHDRAWN", "Withdrawn");
    return labels;
  }

  private static void filter(BooleanQuery.Builder query, Facet facet, String value) {
    if (value != null && !value.isBlank()) {
      query.add(new TermQuery(new Term(facet.field(), value)), Occur.FILTER);
    }
  }

  private static Query parse(String q) {
    if (q.isEmpty()) {
      return new MatchAllDocsQuery();
    }
    if (q.length() > 1000) {
      throw new BadQueryException("search.error.tooLong", 1000);
    }
    MultiFieldQueryParser parser = new MultiFieldQueryParser(FIELDS, Analysis.analyzer(), BOOSTS);
    parser.setDefaultOperator(QueryParser.Operator.AND);
    parser.setSplitOnWhitespace(true);
    parser.setAutoGeneratePhraseQueries(true);
    parser.setAllowLeadingWildcard(false);
    try {
      return parser.parse(q);
    } catch (ParseException | IndexSearcher.TooManyClauses e) {
      // The special characters are an argument: a pattern would have to quote the braces.
      throw new BadQueryException("search.error.unparsable", q, "+ - ! ( ) : ^ [ ] \" { } ~ * ? \\ /");
    }
  }
}
