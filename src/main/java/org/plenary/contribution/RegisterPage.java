package org.plenary.contribution;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.plenary.meeting.MeetingId;
import org.plenary.shared.InvalidInputException;

/**
 * One page of a meeting's register for the API: at most {@code limit} contributions the reader has
 * not yet been given, in register order. {@code next} is the opaque cursor of the following page
 * (null on the last one): how far each number series (input, output) has been read, since each is
 * numbered in commit order on its own. One position in the merged order (the last number of the page)
 * skipped an output numbered after the reader had passed a higher input number.
 */
record RegisterPage(List<Contribution> entries, String next) {

  static final int MAX_LIMIT = 1000;

  private static final Pattern CURSOR = Pattern.compile("([0-9]{1,10})\\.([0-9]{1,10})");

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
   * follows). {@code cursor}: a {@code next} of an earlier page; else {@code after}, a number of the
   * meeting (the last one of the previous page, as before cursors); neither: from the first.
   */
  static RegisterPage read(Contributions contributions, MeetingId meeting, String cursor, String after, int limit) {
    checkLimit(limit);
    long[] position = {0, 0};
    if (cursor != null && !cursor.isBlank()) {
      Matcher m = CURSOR.matcher(cursor.strip());
      if (!m.matches()) {
        throw InvalidInputException.of("cursor", "contribution", "contribution.error.pageCursor",
            ContributionDesk.printable(cursor));
      }
      position = new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
    } else if (after != null && !after.isBlank()) {
      position = contributions.registerPosition(meeting, after.strip()).orElseThrow(() -> InvalidInputException.of(
          "after", "contribution", "contribution.error.pageAfter", ContributionDesk.printable(after)));
    }
    List<Contributions.Placed> rows = contributions.pageOfMeeting(meeting, position[0], position[1], limit + 1);
    List<Contributions.Placed> page = rows.subList(0, Math.min(limit, rows.size()));
    long input = position[0];
    long output = position[1];
    for (Contributions.Placed p : page) {
      if (p.contribution().series() == DocumentSeries.OUTPUT) {
        output = Math.max(output, p.seq());
      } else {
        input = Math.max(input, p.seq());
      }
    }
    return new RegisterPage(page.stream().map(Contributions.Placed::contribution).toList(),
        rows.size() > limit ? input + "." + output : null);
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
