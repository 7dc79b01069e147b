package org.plenary.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.plenary.shared.InvalidInputException;
import org.plenary.shared.Violation;

class SearchQueryTests {

  private static SearchQuery query(int page, int limit) {
    return new SearchQuery("network", null, null, null, null, null, "best", page, limit);
  }

  @Test
  void thePageSizeIsTheClientsFromOneToAHundred() {
    assertThat(query(1, 1).limit()).isEqualTo(1);
    assertThat(query(1, 100).limit()).isEqualTo(100);
    assertThat(new SearchQuery("network", null, null, null, null, null, "best", 1).limit()).isEqualTo(20);
    for (int limit : List.of(0, -1, 101)) {
      assertThatThrownBy(() -> query(1, limit)).isInstanceOfSatisfying(InvalidInputException.class,
          e -> assertThat(e.violations()).extracting(Violation::field).containsExactly("limit"));
    }
  }

  @Test
  void theLastPageDependsOnThePageSizeSoThatNoCountOverflows() {
    assertThat(query(Integer.MAX_VALUE / 100, 100).page()).isEqualTo(Integer.MAX_VALUE / 100);
    assertThatThrownBy(() -> query(Integer.MAX_VALUE / 100 + 1, 100)).isInstanceOfSatisfying(InvalidInputException.class,
        e -> assertThat(e.violations()).extracting(Violation::field).containsExactly("page"));
  }
}
