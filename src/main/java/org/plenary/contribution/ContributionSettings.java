package org.plenary.contribution;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/** The limits of uploads: allowed extensions and the size cap. */
@Component
public class ContributionSettings {

  private final List<String> extensions;
  private final DataSize maxSize;
  private final int maxUnusedNumbers;

  ContributionSettings(
      @Value("${plenary.contributions.extensions:doc,docx,pdf,ppt,pptx,xls,xlsx,zip,txt,rtf,odt}") String extensions,
      @Value("${plenary.contributions.max-size:100MB}") DataSize maxSize,
      @Value("${plenary.contributions.max-unused-numbers:50}") int maxUnusedNumbers) {
    this.extensions = Arrays.stream(extensions.split(",")).map(e -> e.strip().toLowerCase(Locale.ROOT))
        .filter(e -> !e.isEmpty()).toList();
    this.maxSize = maxSize;
    if (maxUnusedNumbers < 0) {
      throw new IllegalArgumentException("plenary.contributions.max-unused-numbers is a count, 0 for no limit: "
          + maxUnusedNumbers);
    }
    this.maxUnusedNumbers = maxUnusedNumbers;
  }

  /**
   * How many input numbers one account may hold for a meeting with no file uploaded for them before
   * it is refused another; 0 for no limit. The secretariat has none.
   */
  public int maxUnusedNumbers() {
    return maxUnusedNumbers;
  }

  public List<String> extensions() {
    return extensions;
  }

  public long maxBytes() {
    return maxSize.toBytes();
  }

  /** "100 MB", as messages say it. */
  public String maxSizeText() {
    return org.plenary.shared.Numbers.size(maxSize.toBytes());
  }
}
