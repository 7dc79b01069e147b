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

  /** Why a name cannot be a group's or a meeting's folder: not of the folder names' form, or one the tree keeps. */
  public enum FolderProblem { FORM, RESERVED }

  /** What is wrong with {@code name} as a group slug or meeting code, if anything (the caller words it for the reader). */
  public static Optional<FolderProblem> folderProblem(String name) {
    if (name == null || !SEGMENT.matcher(name).matches()) {
      return Optional.of(FolderProblem.FORM);
    }
    return reserved(name) ? Optional.of(FolderProblem.RESERVED) : Optional.empty();
  }
}
