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

  ContributionSettings(
      @Value("${plenary.contributions.extensions:doc,docx,pdf,ppt,pptx,xls,xlsx,zip,txt,rtf,odt}") String extensions,
      @Value("${plenary.contributions.max-size:100MB}") DataSize maxSize) {
    this.extensions = Arrays.stream(extensions.split(",")).map(e -> e.strip().toLowerCase(Locale.ROOT))
        .filter(e -> !e.isEmpty()).toList();
    this.maxSize = maxSize;
  }

  public List<String> extensions() {
    return extensions;
  }

  public long maxBytes() {
    return maxSize.toBytes();
  }

  /** "100 MB", as messages say it. */
  public String maxSizeText() {
    long megabytes = maxSize.toMegabytes();
    return megabytes > 0 && DataSize.ofMegabytes(megabytes).equals(maxSize) ? megabytes + " MB" : maxSize.toBytes() + " bytes";
  }
}
