package org.plenary.contribution;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A file name as a delegate sends it, read as number, revision and extension: FG-Cloud-I-0012r1.docx, FG-Cloud-O-0003.pdf. */
record UploadName(String number, int revision, String extension) {

  private static final Pattern NAME =
      Pattern.compile("([A-Za-z0-9-]{1,60}-[IiOo]-\\d{4,6})(?:[Rr](\\d{1,3}))?\\.([A-Za-z0-9]{1,5})");

  static Optional<UploadName> parse(String name) {
    Matcher matcher = name == null ? null : NAME.matcher(name);
    if (matcher == null || !matcher.matches()) {
      return Optional.empty();
    }
    int revision = matcher.group(2) == null ? 0 : Integer.parseInt(matcher.group(2));
    return Optional.of(new UploadName(matcher.group(1), revision, matcher.group(3).toLowerCase(Locale.ROOT)));
  }
}
