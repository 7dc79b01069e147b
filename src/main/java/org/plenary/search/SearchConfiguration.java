package org.plenary.search;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/** The limits of reading files, from {@code plenary.search.*}. */
@Configuration(proxyBeanMethods = false)
class SearchConfiguration {

  @Bean
  ExtractionLimits extractionLimits(
      @Value("${plenary.search.max-chars:10000000}") int maxChars,
      @Value("${plenary.search.max-depth:3}") int maxDepth,
      @Value("${plenary.search.max-entries:10000}") int maxEntries,
      @Value("${plenary.search.max-entry-size:64MB}") DataSize maxEntrySize,
      @Value("${plenary.search.max-expanded:256MB}") DataSize maxExpanded,
      @Value("${plenary.search.max-ratio:100}") int maxRatio,
      @Value("${plenary.search.timeout:30s}") Duration timeout,
      @Value("${plenary.search.max-file-size:256MB}") DataSize maxFileSize) {
    return new ExtractionLimits(maxChars, maxDepth, maxEntries, maxEntrySize.toBytes(), maxExpanded.toBytes(),
        maxRatio, timeout, maxFileSize.toBytes());
  }
}
