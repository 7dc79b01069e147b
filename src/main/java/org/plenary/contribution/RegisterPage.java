package org.plenary.contribution;

import java.util.List;
import org.plenary.meeting.MeetingId;
import org.plenary.shared.InvalidInputException;

/**
 * One page of a meeting's register for the API: the contributions after the number {@code after}
 * (the last one of the previous page), at most {@code limit} of them, in register order. A cursor
 * rather than a page number, so that numbers allocated while a mirror pages through are neither
 * skipped nor listed twice. {@code next} is the cursor of the following page, null on the last one.
 */
record RegisterPage(List<Contribution> entries, String next) {

  static final int MAX_LIMIT = 1000;

  /** Without {@code limit} and {@code after}, the whole register (as before paging existed). */
  static RegisterPage of(List<Contribution> register, String after, Integer limit) {
    checkLimit(limit);
    int from = 0;
    if (after != null && !after.isBlank()) {
      from = indexOf(register, after.strip()) + 1;
      if (from == 0) {
        throw InvalidInputException.of("after", "contribution", "contribution.error.pageAfter",
            ContributionDesk.printable(after));
      }
    }
    int to = limit == null ? register.size() : (int) Math.min(register.size(), (long) from + limit);
    List<Contribution> entries = register.subList(from, to);
    String next = to < register.size() && !entries.isEmpty() ? entries.getLast().number() : null;
    return new RegisterPage(entries, next);
  }

  /**
   * A page read from the database: only the page's rows (and one more, to tell whether another page
   * follows), in register order; {@code after} must be a number of the meeting.
   */
  static RegisterPage read(Contributions contributions, MeetingId meeting, String after, int limit) {
    checkLimit(limit);
    long[] position = null;
    if (after != null && !after.isBlank()) {
      position = contributions.registerPosition(meeting, after.strip()).orElseThrow(() -> InvalidInputException.of(
          "after", "contribution", "contribution.error.pageAfter", ContributionDesk.printable(after)));
    }
    List<Contribution> rows = contributions.pageOfMeeting(meeting, position, limit + 1);
    List<Contribution> entries = rows.subList(0, Math.min(limit, rows.size()));
    return new RegisterPage(entries, rows.size() > limit ? entries.getLast().number() : null);
  }

  private static void checkLimit(Integer limit) {
    if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
      throw InvalidInputException.of("limit", "contribution", "contribution.error.pageLimit", MAX_LIMIT);
    }
  }

  private static int indexOf(List<Contribution> register, String number) {
    for (int i = 0; i < register.size(); i++) {
      if (register.get(i).number().equalsIgnoreCase(number)) {
        return i;
      }
    }
    return -1;
  }
}
