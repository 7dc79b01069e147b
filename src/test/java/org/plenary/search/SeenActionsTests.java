package org.plenary.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plenary.contribution.RegisterChanges.Action;

class SeenActionsTests {

  private static final Instant T = Instant.parse("2026-12-06T00:00:00Z");

  @Test
  void keepsTheIdsInOrderWhenALateCommitFillsAGap() {
    var seen = SearchIndexer.Seen.NONE.with(List.of(action(1, 0), action(3, 1), action(5, 2)))
        .with(List.of(action(2, 3), action(4, 1), action(6, 4)));
    assertThat(seen.ids()).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(seen.at()).containsExactly(at(0), at(3), at(1), at(1), at(2), at(4));
  }

  @Test
  void forgetsWhatHappenedBeforeTheWindowWhateverItsId() {
    var seen = SearchIndexer.Seen.NONE.with(List.of(action(1, 5), action(2, 0), action(3, 9)));
    assertThat(seen.since(T.plusSeconds(5)).ids()).containsExactly(1, 3);
    assertThat(seen.since(T).ids()).containsExactly(1, 2, 3);
    assertThat(seen.since(T.plusSeconds(10)).ids()).isEmpty();
  }

  private static Action action(long id, int second) {
    return new Action(id, "FG-Seen-I-" + id, false, T.plusSeconds(second));
  }

  private static long at(int second) {
    return T.plusSeconds(second).toEpochMilli();
  }
}
