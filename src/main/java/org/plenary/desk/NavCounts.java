package org.plenary.desk;

import org.plenary.account.PlenaryUser;
import org.plenary.contribution.ContributionDesk;
import org.plenary.registration.RegistrationDesk;
import org.plenary.visa.VisaDesk;
import org.springframework.stereotype.Component;

/**
 * The counts the navigation shows on every page ({@code @navCounts} in the layout), so that work
 * waiting is seen from anywhere: registrations to decide (focal points, secretariat), documents in
 * the incoming queues and visa requests and re-issue requests waiting (secretariat), each the length of the desk's
 * list it links to. Counted with one query each.
 */
@Component("navCounts")
public class NavCounts {

  /** What waits, by kind; zero where the person does not have the role. */
  public record Counts(long toDecide, long incoming, long visaWaiting) {}

  private final RegistrationDesk registrations;
  private final ContributionDesk contributions;
  private final VisaDesk visas;

  NavCounts(RegistrationDesk registrations, ContributionDesk contributions, VisaDesk visas) {
    this.registrations = registrations;
    this.contributions = contributions;
    this.visas = visas;
  }

  /** For the person signed in on this request; all zero for a visitor. */
  public Counts current() {
    return PlenaryUser.current().map(this::of).orElse(new Counts(0, 0, 0));
  }

  public Counts of(PlenaryUser user) {
    long toDecide = registrations.waitingCount(user);
    if (!user.isStaff()) {
      return new Counts(toDecide, 0, 0);
    }
    long incoming = contributions.incomingCounts().values().stream().mapToLong(Long::longValue).sum();
    return new Counts(toDecide, incoming, visas.waitingCount());
  }
}
