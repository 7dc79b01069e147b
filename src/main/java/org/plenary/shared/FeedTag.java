package org.plenary.shared;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

/**
 * The entity tag of a feed or export made from the versions of what it is written from, and the language it is
 * written in, known before it is written: a conditional GET that names it is answered 304 without writing the body
 * (and without buffering it to hash it, as the feeds' shallow tags did). Two languages are two tags.
 */
public final class FeedTag {

  private FeedTag() {}

  /** The tag of a body written in {@code language} from data at {@code versions} (each part's text is hashed). */
  public static String of(Locale language, Object... versions) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Object part : versions) {
        digest.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      }
      return "\"f" + HexFormat.of().formatHex(digest.digest(), 0, 12) + "-" + language.toLanguageTag() + "\"";
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /**
   * Whether the request names {@code tag} in {@code If-None-Match}: then the answer is a 304 (status and tag set, no
   * body written). Either way the body is not buffered to be hashed again: the tag is this one.
   */
  public static boolean unchanged(HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response,
      String tag) {
    ShallowEtagHeaderFilter.disableContentCaching(request);
    return new ServletWebRequest(request, response).checkNotModified(tag);
  }
}
