package org.plenary.store;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness of the document store, reported by Actuator as {@code documentStore}: down when the
 * folder is not writable or the bucket does not answer.
 */
@Component
class DocumentStoreHealthIndicator implements HealthIndicator {

  private final DocumentStore store;

  DocumentStoreHealthIndicator(DocumentStore store) {
    this.store = store;
  }

  @Override
  public Health health() {
    String kind = store instanceof S3Store ? "s3" : "fs";
    return store.problem().map(problem -> Health.down().withDetail("store", kind).withDetail("problem", problem).build())
        .orElseGet(() -> Health.up().withDetail("store", kind).build());
  }
}
