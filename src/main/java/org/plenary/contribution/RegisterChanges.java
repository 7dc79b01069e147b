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

  /**
   * What happened (allocation, upload, publication, rejection, withdrawal…) at or after {@code since},
   * in id order, leaving out the actions whose ids {@code seen} (ascending) holds: a copy that
   * remembers the ids it has seen is sent only the actions new to it.
   */
  public List<Action> changedSince(Instant since, long[] seen) {
    return contributions.changedSince(since, seen);
  }

  /**
   * One action of the audit trail: its id (never reused), the number it happened to, whether it was
   * the number's allocation (which a copy told of the allocation once it committed already has), and
   * when it happened.
   */
  public record Action(long id, String number, boolean allocation, Instant at) {}
}
