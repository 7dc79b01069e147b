package org.plenary.shared;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names the folder tree ({@code /t/fg/<group>/docs/<meeting>/in/}) and the pages beside it use
 * for themselves. A group slug, a meeting code or a file name may never be one of them, or a
 * group, meeting or document would shadow a folder (a meeting {@code incoming} would hide the
 * incoming folder, a file {@code in.zip} the meeting's archive). Every channel that creates or
 * renames such a name asks here.
 */
public final class TreeNames {

  /**
   * Folders and files of the tree, now and for the features announced (outputs, archives,
   * manifests), and the words that sit beside a slug or code in page paths ({@code /groups/new},
   * {@code /groups/cloud/meetings/new}). Compared in lower case.
   */
  private static final Set<String> RESERVED = Set.of(
      "t", "fg", "docs", "incoming", "in", "out", "outgoing", "published", "archive", "manifest.json", "manifest",
      "new", "edit", "api", "meetings", "documents", "contributions", "outputs", "deliverables", "terms",
      "living-list", "circulars", "search", "agenda", "register", "participants", "template", "calendar",
      "progress-report", "registrations", "incoming.zip", "in.zip", "out.zip", "docs.zip");

  /** A folder of its own: lower-case letters, digits and dashes, starting with a letter or digit, 2 to 40 long. */
  private static final Pattern SEGMENT = Pattern.compile("[a-z0-9][a-z0-9-]{1,39}");

  private TreeNames() {}

  /**
   * Whether {@code name} is, or would shadow, a name the tree uses: one of the reserved names, in
   * any case, a name starting with a dot ({@code .}, {@code ..}, hidden files), or the archive of a
   * reserved folder ({@code in.zip}). A document's own archive ({@code FG-Cloud-I-0001.zip}) is not.
   */
  public static boolean reserved(String name) {
    if (name == null) {
      return false;
    }
    String lower = name.strip().toLowerCase(Locale.ROOT);
    return RESERVED.contains(lower) || lower.startsWith(".")
        || lower.endsWith(".zip") && RESERVED.contains(lower.substring(0, lower.length() - 4));
  }

  /**
   * Why {@code name} cannot name a folder of the tree (a group slug, a meeting code), in a sentence
   * for the person who typed it; empty when it can. {@code what} is "slug" or "code", {@code example}
   * a valid one.
   */
  public static Optional<String> folderProblem(String name, String what, String example) {
    if (name == null || !SEGMENT.matcher(name).matches()) {
      return Optional.of("Use 2 to 40 lower-case letters, digits or dashes, starting with a letter or digit, such as "
          + example + ".");
    }
    if (reserved(name)) {
      return Optional.of("\"" + name + "\" is a name the folder tree and the pages use for themselves; choose another "
          + what + ", such as " + example + ".");
    }
    return Optional.empty();
  }
}
