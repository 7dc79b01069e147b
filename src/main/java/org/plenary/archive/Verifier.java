package org.plenary.archive;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipException;
import javax.net.ssl.SSLException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar plenary.jar verify <folder-or-zip> [--site URL] [--key URL-or-file] [--no-history]
 * [--partial] [--token TOKEN]}:
 * checks a downloaded folder or ZIP against its signed manifest, without starting the server. The
 * key is never taken from the manifest itself (that would prove nothing), nor from the site the manifest
 * names (whoever edited the manifest chose it): it is fetched from the site the reader names ({@code --site},
 * or a {@code --key} URL or file); without either nothing is checked and the command says which site the
 * manifest names, for the reader to name it if it is the one they trust. A token goes only to the site the
 * reader named. Prints one line
 * per difference ({@code changed:}, {@code missing:}, {@code added:}, {@code withdrawn:},
 * {@code history rewritten at version N}) and exits 0 when all is well, 1 on any difference, 2 on a
 * usage error or when nothing could be checked.
 */
public final class Verifier {

  private static final String USAGE = "usage: java -jar plenary.jar verify <folder-or-zip> [--site URL]"
      + " [--key URL-or-file] [--no-history] [--partial] [--token TOKEN]";
  private static final String WELL_KNOWN = "/.well-known/plenary-manifest-key";

  private final PrintStream out;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
      .followRedirects(HttpClient.Redirect.NORMAL).build();
  /**
   * For the site's earlier versions: a redirect could take the token to another site, and a folder
   * that is not the reader's redirects to the sign-in page, so none is followed.
   */
  private final HttpClient site = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  /**
   * A personal access token, sent only with the requests for the manifest's earlier versions, and only
   * to the site the reader named ({@link #named}).
   */
  private final String token;
  /** The site the reader named ({@code --site}, or the origin of a {@code --key} URL), or null. */
  private final URI named;
  private int differences;

  private Verifier(PrintStream out, String token, URI named) {
    this.out = out;
    this.token = token;
    this.named = named;
  }

  /** Runs the command and answers its exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    String target = null;
    String key = null;
    String site = null;
    boolean history = true;
    boolean partial = false;
    String token = System.getenv("PLENARY_TOKEN");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--key" -> key = i + 1 < args.length ? args[++i] : null;
        case "--site" -> site = i + 1 < args.length ? args[++i] : null;
        case "--token" -> {
          if (i + 1 >= args.length || args[i + 1].isBlank()) {
            err.println(USAGE);
            return 2;
          }
          token = args[++i];
        }
        case "--no-history" -> history = false;
        case "--partial" -> partial = true;
        default -> {
          if (target != null || args[i].startsWith("--")) {
            err.println(USAGE);
            return 2;
          }
          target = args[i];
        }
      }
    }
    if (target == null || (key == null && List.of(args).contains("--key"))
        || (site == null && List.of(args).contains("--site"))) {
      err.println(USAGE);
      return 2;
    }
    try {
      URI named = site != null ? origin(site) : key != null && isUrl(key) ? origin(key) : null;
      return new Verifier(out, token == null || token.isBlank() ? null : token.strip(), named)
          .verify(Path.of(target), key != null ? key : named != null ? named + WELL_KNOWN : null, history, partial);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      err.println("error: " + explained(e, target));
      return 2;
    }
  }

  /** A sentence for what stopped the check: the JDK's own messages name a bare path, or nothing at all. */
  static String explained(Exception e, String target) {
    return switch (e) {
      case NoSuchFileException missing -> "no such file or folder: " + missing.getFile();
      case AccessDeniedException denied -> "cannot read " + denied.getFile() + " (permission denied)";
      case ZipException zip -> target + " is neither a folder nor a ZIP file that can be read (" + zip.getMessage() + ")";
      default -> e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    };
  }

  @SuppressWarnings("unchecked")
  private int verify(Path target, String keySource, boolean history, boolean partial)
      throws IOException, GeneralSecurityException {
    Downloaded downloaded = Downloaded.read(target);
    if (downloaded.manifest().isEmpty()) {
      out.println("missing: " + ManifestLog.NAME + " (nothing to check " + downloaded.description() + " against)");
      return 1;
    }
    Map<String, Object> manifest = parse(downloaded.manifest().get());
    if (keySource == null) {
      // The manifest's key address is whatever its editor wrote: a forged folder signed with the editor's key, which
      // the editor's site serves, verified "ok" (with a warning a script never reads), and the verifier asked a host
      // the folder chose. Whose signature counts is the reader's decision, said with --site or --key.
      String named = namedKey(manifest.get("key"));
      throw new IOException("whose signature to trust is yours to say: this manifest names the key at " + named
          + ", an address whoever handed you the folder could have written; if " + origin(named)
          + " is the site you downloaded it from, give --site " + origin(named) + " (or its key with --key); nothing was"
          + " checked");
    }
    String source = keySource;
    PublicKey key = ManifestKey.parsePem(new String(fetch(source, false), StandardCharsets.US_ASCII));
    out.println("key: " + source + " (id " + ManifestKey.id(key) + ")");
    if (!signed(manifest, key, "this manifest")) {
      return 1;
    }
    downloaded.problems().forEach(this::difference);
    var listed = new LinkedHashMap<String, Map<String, Object>>();
    ((List<Map<String, Object>>) manifest.get("files")).forEach(f -> listed.put((String) f.get("name"), f));
    var withdrawn = new LinkedHashMap<String, Map<String, Object>>();
    ((List<Map<String, Object>>) manifest.get("withdrawn")).forEach(f -> withdrawn.put((String) f.get("name"), f));
    downloaded.files().forEach((name, sum) -> {
      Map<String, Object> expected = listed.get(name);
      if (expected == null) {
        Map<String, Object> gone = withdrawn.get(name);
        difference(gone != null ? "withdrawn: " + name + " (withdrawn " + gone.get("withdrawn") + " by "
            + gone.get("withdrawnBy") + "; the folder no longer holds it)" : "added: " + name
            + " (not in the manifest)");
      } else if (!expected.get("sha256").equals(sum.sha256()) || ((Number) expected.get("size")).longValue() != sum.size()) {
        difference("changed: " + name + " (SHA-256 " + sum.sha256() + ", " + sum.size() + " bytes; expected "
            + expected.get("sha256") + ", " + expected.get("size") + " bytes)");
      }
    });
    if (!partial) {
      listed.keySet().stream().filter(name -> !downloaded.files().containsKey(name))
          .forEach(name -> difference("missing: " + name));
    }
    int version = ((Number) manifest.get("version")).intValue();
    if (history) {
      history(manifest, key);
    }
    if (differences == 0) {
      out.println("ok: " + downloaded.files().size() + " files of " + downloaded.description() + " match version "
          + version + " of the manifest of " + manifest.get("folder")
          + (history ? ", and its chain back to version 1 holds" : ""));
      return 0;
    }
    out.println(differences + (differences == 1 ? " difference" : " differences"));
    return 1;
  }

  /**
   * Walks the chain from the manifest back to version 1, fetching each older version from the site:
   * each must hash to what the next names as {@code previous}, carry a good signature, and no file
   * may leave the folder without becoming a withdrawal entry, nor change.
   */
  @SuppressWarnings("unchecked")
  private void history(Map<String, Object> newer, PublicKey key) throws IOException {
    String base = (named != null ? named : origin(namedKey(newer.get("key")))) + "/";
    String folder = (String) newer.get("folder");
    for (int version = ((Number) newer.get("version")).intValue() - 1; version >= 1; version--) {
      byte[] bytes = fetch(base + folder.substring(1) + ManifestLog.NAME + "?version=" + version, true);
      Map<String, Object> older = parse(bytes);
      if (!hash(older, bytes).equals(newer.get("previous"))
          || ((Number) older.get("version")).intValue() != version || !signed(older, key, "version " + version)) {
        difference("history rewritten at version " + version + " (its SHA-256 is not the one version "
            + (version + 1) + " names)");
        return;
      }
      var kept = new LinkedHashMap<String, Object>();
      for (String list : List.of("files", "withdrawn")) {
        ((List<Map<String, Object>>) newer.get(list)).forEach(f -> kept.put(f.get("name") + " " + f.get("sha256"), f));
      }
      for (String list : List.of("files", "withdrawn")) {
        for (Map<String, Object> file : (List<Map<String, Object>>) older.get(list)) {
          if (!kept.containsKey(file.get("name") + " " + file.get("sha256"))) {
            difference("history rewritten at version " + (version + 1) + ": " + file.get("name")
                + " left the folder without a withdrawal entry");
          }
        }
      }
      newer = older;
    }
    if (newer.get("previous") != null) {
      difference("history rewritten at version 1 (it names a version before it)");
    }
  }

  /**
   * Whether the manifest carries the key's signature. Format 1 signs its canonical bytes without the
   * signature; format 2 signs its header alone (without {@code files}, {@code withdrawn} and the
   * signature), whose {@code entries} must then be the digest replayed from the files and withdrawn
   * entries it lists ({@link EntriesDigest}).
   */
  @SuppressWarnings("unchecked")
  private boolean signed(Map<String, Object> manifest, PublicKey key, String what) {
    boolean format2 = ManifestLog.FORMAT_2.equals(manifest.get("format"));
    var unsigned = new LinkedHashMap<>(manifest);
    Object signature = unsigned.remove("signature");
    if (format2) {
      unsigned.remove("files");
      unsigned.remove("withdrawn");
    }
    if (!(signature instanceof String s && ManifestKey.verify(key, CanonicalJson.bytes(unsigned), s))) {
      difference("signature: " + what + " is not signed by the key (id " + ManifestKey.id(key)
          + "): it was changed after it was signed, or signed by another key (it names " + manifest.get("keyId") + ")");
      return false;
    }
    if (format2) {
      String replayed;
      try {
        replayed = EntriesDigest.replay((List<Map<String, Object>>) manifest.get("files"),
            (List<Map<String, Object>>) manifest.get("withdrawn"));
      } catch (RuntimeException malformed) {
        replayed = "(" + malformed.getMessage() + ")";
      }
      if (replayed == null || !replayed.equals(manifest.get("entries"))) {
        difference("signature: " + what + " is not signed by the key (id " + ManifestKey.id(key) + ") as it stands:"
            + " its files or withdrawn entries were changed after it was signed (their digest " + replayed
            + " is not the signed " + manifest.get("entries") + ")");
        return false;
      }
    }
    return true;
  }

  /**
   * A version's hash, the one the next version names as {@code previous}: the SHA-256 of its bytes in
   * format 1, of its signed statement (the manifest without {@code files} and {@code withdrawn}) in format 2.
   */
  private static String hash(Map<String, Object> manifest, byte[] bytes) {
    if (!ManifestLog.FORMAT_2.equals(manifest.get("format"))) {
      return Digests.sha256Hex(bytes);
    }
    var statement = new LinkedHashMap<>(manifest);
    statement.remove("files");
    statement.remove("withdrawn");
    Object signature = statement.remove("signature");
    statement.put("signature", signature);
    return Digests.sha256Hex(CanonicalJson.bytes(statement));
  }

  private void difference(String line) {
    differences++;
    out.println(line);
  }

  /**
   * The key address the manifest names, if it is a Plenary site's well-known one: anything else (a
   * file of this machine, another path, user information) was not written by Plenary.
   */
  private static String namedKey(Object key) throws IOException {
    if (key instanceof String url && isUrl(url)) {
      URI uri = URI.create(url);
      if (uri.getHost() != null && uri.getRawUserInfo() == null && uri.getRawPath() != null && uri.getRawPath().endsWith(WELL_KNOWN)
          && uri.getRawQuery() == null && uri.getRawFragment() == null) {
        return url;
      }
    }
    throw new IOException("the manifest names no key address of a Plenary site (" + key + "): give the site you"
        + " downloaded from with --site, or its key with --key");
  }

  private static boolean isUrl(String source) {
    return source.startsWith("http://") || source.startsWith("https://");
  }

  /** {@code https://host[:port]} of a URL, without path, query or user information. */
  private static URI origin(String url) {
    URI uri = URI.create(url.strip());
    if (!isUrl(url.strip()) || uri.getHost() == null) {
      throw new IllegalArgumentException("not a site's address: " + url + " (give it as https://host[:port])");
    }
    return URI.create(uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parse(byte[] bytes) {
    return JsonMapper.builder().build().readValue(bytes, LinkedHashMap.class);
  }

  /**
   * The bytes at {@code source}, a URL or a file. {@code fromSite}: the request goes to the site the
   * manifest names (its earlier versions), so the token, if any, goes with it; the key's address may
   * be another site's ({@code --key}) and never gets it.
   */
  private byte[] fetch(String source, boolean fromSite) throws IOException {
    if (!isUrl(source)) {
      return Files.readAllBytes(Path.of(source));
    }
    try {
      var request = HttpRequest.newBuilder(URI.create(source)).timeout(Duration.ofSeconds(30));
      if (fromSite && token != null && named != null) {
        request.header("Authorization", "Bearer " + token);
      }
      HttpResponse<byte[]> response = (fromSite ? site : http).send(request.build(),
          HttpResponse.BodyHandlers.ofByteArray());
      int status = response.statusCode();
      if (status != 200) {
        boolean refused = status == 401 || status == 403 || status == 404 || (status >= 300 && status < 400);
        throw new IOException(source + " answered " + status + (!fromSite || !refused ? ""
            : token == null || named == null ? " (a meeting whose documents are not public: give a personal access token"
                + " with --token or PLENARY_TOKEN and the site it belongs to with --site, or check only this version with"
                + " --no-history)"
            : " (the token was refused, or its account may not read this folder)"));
      }
      return response.body();
    } catch (ConnectException | HttpTimeoutException | SSLException e) {
      throw new IOException("cannot fetch " + source + ": " + (e instanceof ConnectException ? "the connection was refused"
          : e instanceof HttpTimeoutException ? "no answer in time" : "TLS failed (" + e.getMessage() + ")"), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while fetching " + source, e);
    }
  }
}
