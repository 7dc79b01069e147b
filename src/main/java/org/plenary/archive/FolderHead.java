package org.plenary.archive;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A folder's newest manifest version as this node last wrote or read it: its files and withdrawn
 * entries, each already in its canonical bytes (format 2), in the manifest's order (name, then order
 * of publication), and the digest of its entries ({@link EntriesDigest}). The next version applies its
 * change to it and extends the digest by that change alone, so that writing a version costs the change
 * and not the folder; the bytes are joined only when a reader asks for them. It answers for a version
 * only while that version is the folder's head in the database ({@link #describes}); another node's
 * version, or one whose transaction rolled back, makes the caller read the folder afresh.
 */
final class FolderHead {

  /** The manifest's order of entries. */
  private record Key(String name, long id) implements Comparable<Key> {
    @Override
    public int compareTo(Key other) {
      int byName = name.compareTo(other.name);
      return byName != 0 ? byName : Long.compare(id, other.id);
    }
  }

  private record Item(ManifestEntry entry, byte[] json) {}

  private final TreeMap<Key, Item> files = new TreeMap<>();
  private final TreeMap<Key, Item> withdrawn = new TreeMap<>();
  private final Map<String, Key> live = new HashMap<>();
  /** The listed files of each number: a version looks up the numbers it changes, not every file. */
  private final Map<String, List<Key>> byNumber = new HashMap<>();
  private volatile int version;
  private String sha256;
  private String entriesSha256;

  /** Made as the head of a folder that has no manifest yet. */
  FolderHead() {}

  /**
   * Takes the folder as the database holds it at {@code head} (null: no manifest yet), its entries
   * as {@link Manifests#entries} reads them, in place of what this head held; the entries' digest is
   * replayed from them (a head of format 1 had none).
   */
  void read(ManifestVersion head, List<ManifestEntry> entries) {
    files.clear();
    withdrawn.clear();
    live.clear();
    byNumber.clear();
    entriesSha256 = null;
    if (head == null) {
      describe(0, null);
      return;
    }
    for (ManifestEntry e : entries) {
      if (e.withdrawnAt(head.version())) {
        withdrawn.put(key(e), new Item(e, json(e, head.version())));
      } else {
        add(e);
      }
    }
    entriesSha256 = EntriesDigest.replay(jsonOf(files.values(), head.version()), jsonOf(withdrawn.values(), head.version()));
    describe(head.version(), head.sha256());
  }

  private static List<Map<String, Object>> jsonOf(Collection<Item> items, int version) {
    return items.stream().map(item -> item.entry().json(version, 2)).toList();
  }

  /** The digest of the entries this head holds (null: none). */
  String entriesSha256() {
    return entriesSha256;
  }

  /** Whether this is the folder's state at the database's head (none: a folder without a manifest). */
  boolean describes(ManifestVersion head) {
    return head == null ? version == 0 && files.isEmpty() && withdrawn.isEmpty()
        : version == head.version() && head.sha256().equals(sha256);
  }

  /** Whether the head lists this file (not withdrawn). */
  boolean lists(String name, String sha256) {
    return live.containsKey(name + "/" + sha256);
  }

  /** The listed entries of the numbers. */
  List<ManifestEntry> listedOf(Set<String> numbers) {
    var listed = new ArrayList<ManifestEntry>();
    for (String number : numbers) {
      byNumber.getOrDefault(number, List.of()).forEach(key -> listed.add(files.get(key).entry()));
    }
    return listed;
  }

  /**
   * The version this head last described (0: none yet; -1 while a change is applied). Read without the
   * head's monitor, so only a hint of where the database's head is.
   */
  int knownVersion() {
    return version;
  }

  /**
   * Applies a version's change; until {@link #describe} names the version written, this head
   * describes no version (a failure half-way leaves it to be read again).
   */
  void apply(int newVersion, Collection<ManifestEntry> added, Collection<ManifestEntry> gone) {
    version = -1;
    sha256 = null;
    entriesSha256 = EntriesDigest.link(entriesSha256, newVersion,
        added.stream().map(e -> e.json(newVersion, 2)).toList(), gone.stream().map(e -> e.json(newVersion, 2)).toList());
    for (ManifestEntry e : gone) {
      files.remove(key(e));
      live.remove(e.name() + "/" + e.sha256());
      List<Key> ofNumber = byNumber.get(e.number());
      if (ofNumber != null) {
        ofNumber.remove(key(e));
        if (ofNumber.isEmpty()) {
          byNumber.remove(e.number());
        }
      }
      withdrawn.put(key(e), new Item(e, json(e, newVersion)));
    }
    added.forEach(this::add);
  }

  void describe(int newVersion, String newSha256) {
    version = newVersion;
    sha256 = newSha256;
  }

  /** How many entries are kept (the cache's weight). */
  int size() {
    return files.size() + withdrawn.size();
  }

  /**
   * The canonical bytes of the manifest of {@code header} (its keys before {@code files}) with this
   * head's entries, and {@code signature} last unless it is null: exactly
   * {@code CanonicalJson.bytes} of the whole manifest, joined from the entries' bytes.
   */
  byte[] bytes(Map<String, Object> header, String signature) {
    byte[] head = CanonicalJson.bytes(header);
    var out = new ByteArrayOutputStream(head.length + 64 + 256 * size());
    out.write(head, 0, head.length - 1);
    list(out, ",\"files\":[", files.values());
    list(out, ",\"withdrawn\":[", withdrawn.values());
    if (signature != null) {
      ascii(out, ",\"signature\":");
      out.writeBytes(CanonicalJson.bytes(signature));
    }
    ascii(out, "}");
    return out.toByteArray();
  }

  private static void list(ByteArrayOutputStream out, String opening, Collection<Item> items) {
    ascii(out, opening);
    boolean first = true;
    for (Item item : items) {
      if (!first) {
        out.write(',');
      }
      first = false;
      out.writeBytes(item.json());
    }
    out.write(']');
  }

  private static void ascii(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
  }

  private void add(ManifestEntry e) {
    Key key = key(e);
    if (files.put(key, new Item(e, json(e, e.addedVersion()))) == null) {
      byNumber.computeIfAbsent(e.number(), n -> new ArrayList<>(1)).add(key);
    }
    live.put(e.name() + "/" + e.sha256(), key);
  }

  private static Key key(ManifestEntry e) {
    return new Key(e.name(), e.id());
  }

  private static byte[] json(ManifestEntry e, int version) {
    return CanonicalJson.bytes(e.json(version, 2));
  }

  /** The entries in the manifest's order (files, then withdrawn ones): how a version is rebuilt from its rows. */
  static List<ManifestEntry> ordered(List<ManifestEntry> entries) {
    var sorted = new TreeMap<Key, ManifestEntry>();
    entries.forEach(e -> sorted.put(key(e), e));
    return new ArrayList<>(sorted.values());
  }
}
