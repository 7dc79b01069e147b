package org.plenary.shared;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * One page of an API list: at most {@code limit} rows after the opaque {@code cursor} of the page before, and the
 * cursor of the next page while there is one ({@code Link: <…?limit=N&cursor=C>; rel="next"}, as the register's).
 * Rows keep the list's own order; a cursor records the largest id the first page saw and the last row given, so a
 * row added while a client pages through comes after every row the list held then (in id order): none is skipped or
 * given twice. A row whose place in the order changes between two pages (renamed) may be; a cursor whose last row was
 * removed since is refused, naming {@code cursor}.
 *
 * <p>A list read by key ({@link Asked#keyset}) reads no more than its page: its SQL asks for the rows after
 * {@link Asked#after} in key order ({@code WHERE key > :after ORDER BY key LIMIT :read}), and its cursor is the last
 * row's {@link Key}, signed with an HMAC-SHA256 whose key the installation keeps in its database ({@link CursorKey},
 * one for every node), so that a cursor no page gave (altered, or made by hand) is refused naming {@code cursor}. A row added while a
 * client pages comes where its key puts it: after the page just given it is on a later page, before it on none.
 */
public record Paged<T>(List<T> rows, String next) {

  /** Rows of a page when the client names no {@code limit}: small lists come whole, as before paging. */
  public static final int DEFAULT_LIMIT = 100;
  /** The largest page a client may ask for. */
  public static final int MAX_LIMIT = 1000;
  /** The {@code limit} parameter's description in the API's operations. */
  public static final String LIMIT = "at most this many rows (1-1000, default 100); the `Link` header names the next page";
  /** The {@code cursor} parameter's description in the API's operations. */
  public static final String CURSOR = "the `cursor` of the `Link` header's next page, as it is (signed: a cursor"
      + " altered or made by hand is refused)";

  private static final Pattern CURSOR_SHAPE = Pattern.compile("(\\d{1,18})\\.(\\d{1,18})");
  private static final Pattern KEY_SHAPE = Pattern.compile("(\\d{1,18})(?::(.*))?", Pattern.DOTALL);
  /** Bytes of the HMAC that begins a key's cursor. */
  private static final int SUM = 16;
  /** The HMAC's key: the installation's ({@link CursorKey}) once it started; until then one of this process. */
  private static volatile SecretKeySpec cursorKey = new SecretKeySpec(random(), "HmacSHA256");
  /** The longest cursor a page gives (a sort value of up to about 1,000 characters). */
  private static final int MAX_CURSOR = 4000;

  /**
   * The page a client asks for, checked before anything is read (a {@code limit} outside 1 to {@value #MAX_LIMIT} or a
   * {@code cursor} of another shape is refused naming it, whatever else the request names): then {@link Asked#of}.
   */
  public static Asked asked(Integer limit, String cursor) {
    if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
      throw InvalidInputException.of("limit", "common", "common.page.limit", MAX_LIMIT);
    }
    int size = limit == null ? DEFAULT_LIMIT : limit;
    if (cursor == null || cursor.isBlank()) {
      return new Asked(size, -1, -1, null);
    }
    Matcher m = CURSOR_SHAPE.matcher(cursor.strip());
    if (m.matches()) {
      return new Asked(size, Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), cursor);
    }
    return new Asked(size, -1, -1, cursor, Key.parse(cursor.strip()).orElseThrow(() -> unknown(cursor)));
  }

  /**
   * Where a row stands in a list read by key: its {@code sort} value (null where the list's order is its ids') and its
   * {@code id}, which breaks ties. Rows come in ({@code sort}, {@code id}) order.
   */
  public record Key(String sort, long id) {

    /** The key of a list in id order. */
    public static Key of(long id) {
      return new Key(null, id);
    }

    /**
     * The sort value read as {@code type} ({@code LocalDate::parse}, say); a key of another shape (a cursor another
     * list gave) is a cursor no page of this list gave, refused naming {@code cursor}.
     */
    public <V> V sortAs(Function<String, V> type) {
      try {
        return type.apply(java.util.Objects.requireNonNull(sort));
      } catch (RuntimeException e) {
        throw unknown(cursor());
      }
    }

    /** The key as a cursor: opaque, signed. */
    String cursor() {
      byte[] payload = (sort == null ? Long.toString(id) : id + ":" + sort).getBytes(StandardCharsets.UTF_8);
      byte[] all = new byte[SUM + payload.length];
      System.arraycopy(sum(payload), 0, all, 0, SUM);
      System.arraycopy(payload, 0, all, SUM, payload.length);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(all);
    }

    /** The key a cursor names, or empty for a string no page gave (not base64url, a wrong signature, no id). */
    static Optional<Key> parse(String cursor) {
      if (cursor.length() > MAX_CURSOR || !cursor.matches("[A-Za-z0-9_-]+")) {
        return Optional.empty();
      }
      byte[] all;
      try {
        all = Base64.getUrlDecoder().decode(cursor);
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
      if (all.length <= SUM) {
        return Optional.empty();
      }
      byte[] payload = Arrays.copyOfRange(all, SUM, all.length);
      if (!java.security.MessageDigest.isEqual(Arrays.copyOf(sum(payload), SUM), Arrays.copyOf(all, SUM))) {
        return Optional.empty();
      }
      Matcher m = KEY_SHAPE.matcher(new String(payload, StandardCharsets.UTF_8));
      return m.matches() ? Optional.of(new Key(m.group(2), Long.parseLong(m.group(1)))) : Optional.empty();
    }

    private static byte[] sum(byte[] payload) {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(cursorKey);
        return mac.doFinal(payload);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** A row read by key, with its key. */
  public record Keyed<T>(Key key, T row) {}

  /** A page asked for: {@code size} rows after the row {@code last} of the list as it held rows up to id {@code seen}. */
  public record Asked(int size, long seen, long last, String cursor, Key key) {

    Asked(int size, long seen, long last, String cursor) {
      this(size, seen, last, cursor, null);
    }

    /**
     * The key of the last row the page before gave (null on the first page): a list read by key reads the rows after
     * it. A cursor of a list paged in memory is refused here, naming {@code cursor}.
     */
    public Key after() {
      if (cursor != null && key == null) {
        throw unknown(cursor);
      }
      return key;
    }

    /** The id after which a list in id order reads (0 on the first page: ids start at 1). */
    public long afterId() {
      return after() == null ? 0 : after().id();
    }

    /** How many rows a list read by key reads: the page and one more, which says whether a next page exists. */
    public int read() {
      return size + 1;
    }

    /** The page of {@code read}: at most {@link #read()} rows after {@link #after()}, in key order. */
    public <T> Paged<T> keyset(List<Keyed<T>> read) {
      after();
      List<Keyed<T>> page = read.subList(0, Math.min(size, read.size()));
      String next = read.size() > size ? page.getLast().key().cursor() : null;
      return new Paged<>(page.stream().map(Keyed::row).toList(), next);
    }

    /** The page of {@code rows} (the whole list, in its order), each row known by its {@code id} (unique, growing as rows are added). */
    public <T> Paged<T> of(List<T> rows, ToLongFunction<T> id) {
      if (key != null) {
        throw unknown(cursor);
      }
      long upTo = seen;
      List<T> ordered = rows;
      int from = 0;
      if (cursor == null) {
        upTo = rows.stream().mapToLong(id).max().orElse(0);
      } else {
        ordered = inOrderSeen(rows, id, seen);
        from = -1;
        for (int i = 0; i < ordered.size() && from < 0; i++) {
          from = id.applyAsLong(ordered.get(i)) == last ? i + 1 : -1;
        }
        if (from < 0) {
          throw unknown(cursor);
        }
      }
      int to = (int) Math.min(ordered.size(), (long) from + size);
      List<T> page = List.copyOf(ordered.subList(from, to));
      String next = to < ordered.size() && !page.isEmpty() ? upTo + "." + id.applyAsLong(page.getLast()) : null;
      return new Paged<>(page, next);
    }
  }

  /** The same page with each row mapped (to what the API shows of it). */
  public <R> Paged<R> map(Function<T, R> mapping) {
    return new Paged<>(rows.stream().map(mapping).toList(), next);
  }

  /** The page as an API answer: its rows, and the next page's address in {@code Link} while there is one. */
  public ResponseEntity<List<T>> answer() {
    return answer(ResponseEntity.ok());
  }

  /** The page as an API answer begun by {@code answer} (an {@code ETag} of the whole list, say). */
  public ResponseEntity<List<T>> answer(ResponseEntity.BodyBuilder answer) {
    if (next != null) {
      HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
      String link = UriComponentsBuilder.fromPath(request.getRequestURI()).query(request.getQueryString())
          .replaceQueryParam("cursor", next).build().toUriString();
      answer.header(HttpHeaders.LINK, "<" + link + ">; rel=\"next\"");
    }
    return answer.body(rows);
  }

  /** The list as the first page saw it (rows it held, in their order), then the rows added since, oldest first. */
  private static <T> List<T> inOrderSeen(List<T> rows, ToLongFunction<T> id, long seen) {
    List<T> ordered = new ArrayList<>(rows.stream().filter(r -> id.applyAsLong(r) <= seen).toList());
    rows.stream().filter(r -> id.applyAsLong(r) > seen).sorted(Comparator.comparingLong(id)).forEach(ordered::add);
    return ordered;
  }

  /** Signs cursors with the installation's key from now on ({@link CursorKey}, at start). */
  static void keyCursorsWith(byte[] key) {
    cursorKey = new SecretKeySpec(key, "HmacSHA256");
  }

  private static byte[] random() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }

  private static InvalidInputException unknown(String cursor) {
    return InvalidInputException.of("cursor", "common", "common.page.cursor", cursor);
  }

}
