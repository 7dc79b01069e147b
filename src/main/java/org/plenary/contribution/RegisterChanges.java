package org.plenary.contribution;

import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * What changed in the register, for copies of it kept elsewhere (the search index of each node).
 * Every number is listed regardless of who may read it: such a copy must ask {@link DocumentAccess}
 * before it shows anything to a reader.
 */
@Component
public class RegisterChanges {

  private final Contributions contributions;

  RegisterChanges(Contributions contributions) {
    this.contributions = contributions;
  }

  /** The register's version: it grows with every transaction that writes the register, on any node. */
  public long version() {
    return contributions.version();
  }

  /** Every number ever allocated, oldest first. */
  public List<String> numbers() {
    return contributions.allNumbers();
  }

  /** The numbers something happened to (allocation, upload, publication, rejection, withdrawal…) at or after {@code since}. */
  public List<String> changedSince(Instant since) {
    return contributions.changedSince(since);
  }
}
