package org.plenary.shared;

import java.util.ArrayList;
import java.util.List;

/**
 * The versions of a record an edit was made on: what its editor read (the API's {@code If-Match}, a
 * form's hidden {@code editVersion}). A record that changed since is not overwritten in silence: the
 * edit is refused ({@link ChangedMeanwhileException}). An edit that names no version ({@link #ANY}: no
 * header, {@code *}, a client that never read one) replaces whatever is current, as before.
 *
 * @param accepted the versions the edit may replace; empty for any
 */
public record EditVersion(List<Long> accepted) {

  /** Whatever version is current. */
  public static final EditVersion ANY = new EditVersion(List.of());

  public EditVersion {
    accepted = List.copyOf(accepted);
  }

  /** The version a form carried; {@link #ANY} without one. */
  public static EditVersion of(Long version) {
    return version == null ? ANY : new EditVersion(List.of(version));
  }

  /**
   * The versions an {@code If-Match} names (RFC 9110 13.1.1): a list of entity tags as {@link #etag(long)}
   * gives them, any of which may be current; {@code *} or no header for any. A tag this server never gave
   * (a weak one, which If-Match's strong comparison never matches, or another resource's) matches no version.
   */
  public static EditVersion ifMatch(String header) {
    if (header == null || header.isBlank()) {
      return ANY;
    }
    var versions = new ArrayList<Long>();
    for (String part : header.split(",")) {
      String tag = part.strip();
      if (tag.equals("*")) {
        return ANY;
      }
      if (tag.length() > 3 && tag.startsWith("\"v") && tag.endsWith("\"")) {
        try {
          versions.add(Long.parseLong(tag.substring(2, tag.length() - 1)));
          continue;
        } catch (NumberFormatException notOurs) {
          // falls through: a tag that names no version
        }
      }
      versions.add(-1L);
    }
    return new EditVersion(versions);
  }

  /** The versions an API request names: its {@code If-Match} when it sends one, else the version in its body (null for none). */
  public static EditVersion ifMatch(String header, Long bodyVersion) {
    return header == null || header.isBlank() ? of(bodyVersion) : ifMatch(header);
  }

  /** The entity tag of a version, strong: {@code "v12"}. */
  public static String etag(long version) {
    return "\"v" + version + "\"";
  }

  /** Whether the edit may replace the record at {@code current}. */
  public boolean accepts(long current) {
    return accepted.isEmpty() || accepted.contains(current);
  }

  /**
   * Refuses the edit when the record is no longer at a version its editor read; call it under the
   * record's lock, in the transaction that writes it.
   */
  public void check(long current, String what) {
    if (!accepts(current)) {
      throw new ChangedMeanwhileException(what);
    }
  }
}
