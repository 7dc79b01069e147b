package org.plenary.contribution;

/** What happened to contributions, for mail and feeds. Each names the contribution by its number. */
public final class ContributionEvents {

  private ContributionEvents() {}

  /**
   * Numbers were allocated to people who will upload the documents; one event for all the
   * contributions one transaction allocated together, as recorded. It carries them whole because its
   * listeners run in that transaction while the series' lock is held (the mails of the numbers go in
   * the outbox with them): a listener that read them again would keep the other nodes' allocations
   * waiting for its queries.
   */
  public record NumbersAllocated(java.util.List<Contribution> allocated) {

    /** The numbers allocated, in the order of {@link #allocated}. */
    public java.util.List<String> numbers() {
      return allocated.stream().map(Contribution::number).toList();
    }
  }

  /** A version arrived in the incoming folder. */
  public record ContributionReceived(String number, long fileId) {}

  /**
   * Versions arrived in incoming folders; one event for all that one transaction registered together.
   * It carries the contributions as that transaction left them (one each, the new version among their
   * files), because its listeners run inside it (the mails go in the outbox with the uploads): reading
   * them again cost each batch four queries for what the desk had just read and written.
   */
  public record ContributionsReceived(java.util.List<ContributionReceived> received,
      java.util.List<Contribution> contributions) {

    /** The contribution of this number among {@link #contributions}. */
    public Contribution contribution(String number) {
      return find(contributions, number);
    }
  }

  /**
   * The secretariat published a version into the meeting's folder; {@code publishedBy} is the username
   * of the staff member who did, the actor the audit trail records.
   */
  public record ContributionPublished(String number, long fileId, String publishedBy) {}

  /**
   * Versions were published; one event for all that one transaction published together, in the order
   * they were published. Listeners inside that transaction (the folders' manifests, the mails) see it
   * before it commits, so it carries the contributions as that transaction left them (one each, the
   * published version with its folder's path and time): the manifest and the mails each read them
   * again, and so did the desk for its answers, three reads of four queries a batch.
   */
  public record ContributionsPublished(java.util.List<ContributionPublished> published,
      java.util.List<Contribution> contributions) {

    /** The contribution of this number among {@link #contributions}. */
    public Contribution contribution(String number) {
      return find(contributions, number);
    }
  }

  private static Contribution find(java.util.List<Contribution> contributions, String number) {
    return contributions.stream().filter(c -> c.number().equals(number)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("The event does not carry " + number + "."));
  }

  /** The secretariat refused a version, with a reason. */
  public record ContributionRejected(String number, long fileId, String reason) {}

  /**
   * A waiting version was taken back from the incoming folder by its sender or the secretariat
   * ({@code takenBy}) before anything was done with it; the number stays allocated.
   */
  public record ContributionTakenBack(String number, long fileId, String takenBy) {}

  /** A published contribution was withdrawn; its number stays used. */
  public record ContributionWithdrawn(String number) {}
}
