package org.plenary.shared;

import java.util.ArrayList;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

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

  /**
   * The versions an {@code If-Match} names, where a tag of the part {@code part} ({@link #etag(long, String)}) names
   * its version too: for changes that write nothing of what the part leaves out (an action on the record, not its
   * replacement), so that a reader shown the part can still change it safely, and never only without the header.
   */
  public static EditVersion ifMatchOrPart(String header, String part) {
    return ifMatch(header == null ? null : header.replace("-" + part + "\"", "\""));
  }

  /** The versions an API request names: its {@code If-Match} when it sends one, else the version in its body (null for none). */
  public static EditVersion ifMatch(String header, Long bodyVersion) {
    return header == null || header.isBlank() ? of(bodyVersion) : ifMatch(header);
  }

  /** The entity tag of a version, strong: {@code "v12"}. */
  public static String etag(long version) {
    return "\"v" + version + "\"";
  }

  /**
   * The entity tag of a version in a representation that leaves something out ({@code "v12-public"}): a
   * resource shown whole to its editors and in part to others is two representations, which never share a
   * tag, so that neither a conditional GET nor a cache revalidating one serves it for the other. An
   * {@code If-Match} naming it matches no version: a change made on a part would drop the rest.
   */
  public static String etag(long version, String representation) {
    return "\"v" + version + "-" + representation + "\"";
  }

  /**
   * A 200 giving a record at {@code version}, the same to every reader: its ETag, and {@code no-cache} so
   * that a client asks again with it.
   */
  public static ResponseEntity.BodyBuilder ok(long version) {
    return ResponseEntity.ok().eTag(etag(version)).cacheControl(CacheControl.noCache());
  }

  /**
   * A 200 giving a record at {@code version} in one of the representations that depend on who reads it:
   * {@code representation} null for the whole one (its editors'), else the name of the part others see. Each
   * has its own ETag ({@link #etag(long, String)}); both vary on what says who reads ({@code Authorization},
   * {@code Cookie}), and the whole one is {@code private}: no shared cache keeps what is its editors' only.
   */
  public static ResponseEntity.BodyBuilder ok(long version, String representation) {
    return ResponseEntity.ok().eTag(representation == null ? etag(version) : etag(version, representation))
        .cacheControl(representation == null ? CacheControl.noCache().cachePrivate() : CacheControl.noCache())
        .varyBy(HttpHeaders.AUTHORIZATION, HttpHeaders.COOKIE);
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
