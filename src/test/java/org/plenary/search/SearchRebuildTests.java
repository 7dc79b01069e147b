package org.plenary.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rebuild fills a new index beside the one searches read, which answers whole until the new one
 * takes its place; a rebuild cut short by a stop or a crash leaves the old index in use and is begun
 * again at the next start; the folder a finished rebuild replaced is removed.
 */
class SearchRebuildTests {

  @TempDir Path folder;

  @Test
  void searchesAnswerFromTheOldIndexUntilTheRebuiltOneTakesItsPlace() throws IOException {
    SearchIndex index = open();
    try {
      index.put(entry("FG-Re-I-0001"));
      index.put(entry("FG-Re-I-0002"));
      index.commit(Map.of("mark", "old"));
      index.refresh();

      index.beginRebuild();
      assertThat(index.rebuilding()).isTrue();
      assertThat(numbers(index)).as("the old index answers whole while the new one is empty")
          .containsExactlyInAnyOrder("FG-Re-I-0001", "FG-Re-I-0002");
      assertThat(index.stored("FG-Re-I-0001")).as("the indexer compares with the new index").isEmpty();
      index.put(entry("FG-Re-I-0001"));
      index.refresh();
      index.commit(Map.of());
      assertThat(numbers(index)).containsExactlyInAnyOrder("FG-Re-I-0001", "FG-Re-I-0002");
      assertThat(index.size()).isEqualTo(2);
      assertThat(index.rebuilt()).isEqualTo(1);

      index.finishRebuild(Map.of("mark", "new"));

      assertThat(index.rebuilding()).isFalse();
      assertThat(numbers(index)).containsExactly("FG-Re-I-0001");
      assertThat(index.committed()).containsEntry("mark", "new");
      assertThat(Files.readString(folder.resolve("current"))).isEqualTo("lucene-1");
      assertThat(folder.resolve("lucene")).as("the old index is deleted").doesNotExist();
    } finally {
      index.destroy();
    }
    SearchIndex again = open();
    try {
      assertThat(again.created()).isFalse();
      assertThat(again.interruptedRebuild()).isFalse();
      assertThat(numbers(again)).containsExactly("FG-Re-I-0001");
      assertThat(again.committed()).containsEntry("mark", "new");
    } finally {
      again.destroy();
    }
  }

  @Test
  void aRebuildCutShortLeavesTheOldIndexInUseAndIsBegunAgainAtTheNextStart() throws IOException {
    SearchIndex index = open();
    index.put(entry("FG-Re-I-0001"));
    index.commit(Map.of("mark", "old"));
    index.beginRebuild();
    index.put(entry("FG-Re-I-0009"));
    index.commit(Map.of("mark", "half"));
    // A crash: the process ends with the rebuild's index half written.
    index.destroy();

    SearchIndex again = open();
    try {
      assertThat(again.interruptedRebuild()).as("the next start begins the rebuild again").isTrue();
      assertThat(again.created()).isFalse();
      assertThat(numbers(again)).containsExactly("FG-Re-I-0001");
      assertThat(again.committed()).containsEntry("mark", "old");
      assertThat(folder.resolve("lucene-1")).as("the half-built index is removed").doesNotExist();

      again.beginRebuild();
      again.put(entry("FG-Re-I-0002"));
      again.finishRebuild(Map.of("mark", "rebuilt"));
      assertThat(numbers(again)).containsExactly("FG-Re-I-0002");
      assertThat(Files.readString(folder.resolve("current"))).isEqualTo("lucene-1");
    } finally {
      again.destroy();
    }
  }

  @Test
  void aRebuildBegunAgainDropsTheOneUnderWayAndTheFolderAFinishedOneReplacedIsRemovedAtStart() throws IOException {
    SearchIndex index = open();
    try {
      index.put(entry("FG-Re-I-0001"));
      index.beginRebuild();
      index.put(entry("FG-Re-I-0002"));
      index.beginRebuild();
      assertThat(index.rebuilt()).as("the first rebuild's documents are dropped").isZero();
      index.put(entry("FG-Re-I-0003"));
      index.finishRebuild(Map.of());
      assertThat(numbers(index)).containsExactly("FG-Re-I-0003");
    } finally {
      index.destroy();
    }
    // A crash after `current` was replaced, before the old folder was deleted.
    Files.createDirectories(folder.resolve("lucene"));
    SearchIndex again = open();
    try {
      assertThat(again.interruptedRebuild()).isFalse();
      assertThat(folder.resolve("lucene")).doesNotExist();
      assertThat(numbers(again)).containsExactly("FG-Re-I-0003");
    } finally {
      again.destroy();
    }
  }

  private SearchIndex open() throws IOException {
    return new SearchIndex(folder.toString(), false);
  }

  private static List<String> numbers(SearchIndex index) {
    return index.read(view -> {
      try {
        var searcher = view.searcher();
        var top = searcher.search(new MatchAllDocsQuery(), 100);
        var stored = searcher.storedFields();
        List<String> numbers = new java.util.ArrayList<>();
        for (var hit : top.scoreDocs) {
          numbers.add(stored.document(hit.doc).get("number"));
        }
        return numbers;
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  private static IndexEntry entry(String number) {
    return new IndexEntry(number, 1, "re/one", "Title of " + number, "ITU", List.of(), "", "INCOMING", "txt",
        number + ".txt", 1_700_000_000_000L, "the text of " + number, Set.of("en"), null, "s-" + number);
  }
}
