package org.plenary.contribution;

import java.util.List;
import org.plenary.meeting.Meeting;

/**
 * An output document as JSON: the document as a contribution is shown, its type, its editors by
 * their names (never by the usernames they sign in with) and the inputs it answers.
 */
record OutputResource(ContributionResource document, OutputType type, List<String> editors, List<String> answers) {

  static OutputResource of(OutputDocument output, String slug, Meeting meeting, ContributionDesk desk) {
    return new OutputResource(ContributionResource.of(output.document(), slug, meeting), output.type(),
        output.editors().stream().map(desk::personName).toList(), output.answers());
  }
}
