package org.plenary.search;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Where each term of a query lies in every segment of one index reader, and its statistics: looked
 * up once per reader instead of at every search. A two-word query asks each word in seven fields of
 * every segment; those lookups (a terms dictionary walked per term, field and segment, with its
 * buffers) took a quarter to a third of what a search allocated and a tenth of its processor time.
 * The answers of a reader never change, so its lookups are kept with it and dropped at the next refresh.
 */
final class TermLookups {

  /** Terms kept per reader: the words people search for, many times over. */
  private static final int MAX_TERMS = 50_000;

  private final IndexSearcher searcher;
  private final Cache<Term, TermStates> states = Caffeine.newBuilder().maximumSize(MAX_TERMS).build();

  TermLookups(IndexSearcher searcher) {
    this.searcher = searcher;
  }

  /** The term's states in this reader (with statistics, so that they can be shared by concurrent searches). */
  TermStates of(Term term) {
    return states.get(term, t -> {
      try {
        return TermStates.build(searcher, t, true);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** The same query, its term queries (inside boolean and boost queries) carrying their states in this reader. */
  Query resolve(Query query) {
    return switch (query) {
      case TermQuery term -> new TermQuery(term.getTerm(), of(term.getTerm()));
      case BoostQuery boost -> new BoostQuery(resolve(boost.getQuery()), boost.getBoost());
      case BooleanQuery bool -> {
        var built = new BooleanQuery.Builder().setMinimumNumberShouldMatch(bool.getMinimumNumberShouldMatch());
        for (BooleanClause clause : bool.clauses()) {
          built.add(resolve(clause.query()), clause.occur());
        }
        yield built.build();
      }
      default -> query;
    };
  }
}
