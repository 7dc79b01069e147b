package org.plenary.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.plenary.DemoTest;
import org.plenary.account.PlenaryUser;
import org.plenary.contribution.ContributionDesk;
import org.plenary.desk.PersonalDesk;
import org.plenary.registration.RegistrationDesk;
import org.plenary.shared.InvalidInputException;
import org.plenary.visa.VisaDesk;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * A decision's reason longer than its column is refused by the desk itself, naming {@code reason}, before the
 * registration, request or document is looked up: every channel (a page's parameter, the API's record, any new one)
 * meets the same bound, and none reaches the database's refusal that names no field.
 */
@DemoTest
class ReasonLengthTests {

  @Autowired RegistrationDesk registrations;
  @Autowired VisaDesk visas;
  @Autowired ContributionDesk contributions;
  @Autowired UserDetailsService users;
  @Autowired PersonalDesk desk;

  @Test
  void everyDesksReasonPastItsColumnIsRefusedNamingIt() {
    PlenaryUser tsb = (PlenaryUser) users.loadUserByUsername("tsb");
    List<Runnable> decisions = List.of(
        () -> registrations.reject(999_999, "x".repeat(RegistrationDesk.REASON_MAX + 1), tsb),
        () -> visas.refuse(999_999, "x".repeat(VisaDesk.REASON_MAX + 1), tsb),
        () -> visas.returnForCorrection(999_999, "x".repeat(VisaDesk.REASON_MAX + 1), tsb),
        () -> contributions.reject("FG-Cloud-I-9999", "x".repeat(ContributionDesk.REASON_MAX + 1), tsb),
        () -> contributions.withdraw("FG-Cloud-I-9999", "x".repeat(ContributionDesk.REASON_MAX + 1), tsb));
    for (Runnable decision : decisions) {
      InvalidInputException refused = catchThrowableOfType(InvalidInputException.class, decision::run);
      assertThat(refused).isNotNull();
      assertThat(refused.violations()).anySatisfy(v -> {
        assertThat(v.field()).isEqualTo("reason");
        assertThat(v.message()).contains("at most");
      });
    }
  }

  /** The desk's table brings a reason by row ({@code reasons[<id>]}): the desk refuses one past its bound naming the row. */
  @Test
  void thePersonalDesksRowReasonsPastTheirBoundAreRefusedNamingTheirRow() {
    desk.checkReasons(java.util.Map.of("7", "x".repeat(PersonalDesk.REASON_MAX)));
    InvalidInputException refused = catchThrowableOfType(InvalidInputException.class, () -> desk.checkReasons(
        java.util.Map.of("7", "fine", "8", "x".repeat(PersonalDesk.REASON_MAX + 1))));
    assertThat(refused).isNotNull();
    assertThat(refused.violations()).singleElement().satisfies(v -> {
      assertThat(v.field()).isEqualTo("reasons[8]");
      assertThat(v.message()).contains("at most");
    });
  }
}
