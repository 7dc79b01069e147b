package org.plenary.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A folder's head joins its entries' bytes into exactly the manifest a full rebuild from its rows gives. */
class FolderHeadTests {

  static final Instant T = Instant.parse("2026-12-03T10:15:30.123Z");

  @Test
  void aNewVersionJoinedFromTheHeadIsByteForByteTheOneRebuiltFromItsRows() {
    var rows = new ArrayList<>(List.of(entry(3, "FG-X-I-0002.pdf", "FG-X-I-0002", 1),
        entry(1, "FG-X-I-0001.pdf", "FG-X-I-0001", 1), entry(2, "FG-X-I-0001r1.pdf", "FG-X-I-0001", 2),
        entry(4, "FG-X-I-0003 \"quoted\".pdf", "FG-X-I-0003", 2).withdrawn(2, T, "Clem Clerk")));
    ManifestVersion v2 = version(2, "aa");
    var head = new FolderHead();
    head.read(v2, FolderHead.ordered(rows));
    assertThat(head.describes(v2)).isTrue();
    assertThat(head.bytes(ManifestLog.header(v2), "c2ln")).isEqualTo(rebuilt(v2, rows, "c2ln"));
    assertThat(head.entriesSha256()).as("the digest read with the folder").isEqualTo(replayed(v2, rows));
    assertThat(head.lists("FG-X-I-0002.pdf", "sha-3")).isTrue();
    assertThat(head.lists("FG-X-I-0003 \"quoted\".pdf", "sha-4")).as("withdrawn").isFalse();

    ManifestEntry added = entry(5, "FG-X-I-0000.pdf", "FG-X-I-0000", 3);
    ManifestEntry gone = rows.get(0).withdrawn(3, T.plusSeconds(60), "Clem Clerk");
    head.apply(3, List.of(added), List.of(gone));
    ManifestVersion v3 = version(3, "bb");
    assertThat(head.describes(v3)).as("not until the version is written").isFalse();
    rows.set(0, gone);
    rows.add(added);
    assertThat(head.bytes(ManifestLog.header(v3), null)).isEqualTo(rebuilt(v3, rows, null));
    assertThat(head.bytes(ManifestLog.header(v3), "c2ln")).isEqualTo(rebuilt(v3, rows, "c2ln"));
    assertThat(head.entriesSha256()).as("the digest extended by the change alone is the one replayed from every entry")
        .isEqualTo(replayed(v3, rows)).isNotEqualTo(replayed(v2, rows));
    assertThat(head.listedOf(Set.of("FG-X-I-0002", "FG-X-I-0000"))).extracting(ManifestEntry::name)
        .containsExactly("FG-X-I-0000.pdf");
    assertThat(head.listedOf(Set.of("FG-X-I-0001", "FG-X-I-0003"))).extracting(ManifestEntry::name)
        .as("both versions of one number; a withdrawn file is not listed")
        .containsExactlyInAnyOrder("FG-X-I-0001.pdf", "FG-X-I-0001r1.pdf");
    assertThat(head.knownVersion()).as("half-way through a change").isEqualTo(-1);

    head.describe(3, "bb");
    assertThat(head.describes(v3)).isTrue();
    assertThat(head.knownVersion()).isEqualTo(3);
    assertThat(head.describes(version(3, "cc"))).as("another node's version 3").isFalse();
    assertThat(head.describes(version(4, "bb"))).isFalse();
    assertThat(new FolderHead().describes(null)).isTrue();
    assertThat(head.describes(null)).isFalse();
    head.read(null, List.of());
    assertThat(head.describes(null)).as("read again: the folder's manifest is gone").isTrue();
    assertThat(head.size()).isZero();
  }

  /**
   * A version's cost does not grow with its folder: what is signed and hashed is the statement (a
   * header and a digest), the same size for a folder of 1,000 files as for one of 20,000, and the
   * change applied to the head takes about the same time (format 1 signed and hashed the whole file,
   * 20 times longer in the larger folder).
   */
  @Test
  void aVersionsSignedBytesAndCostDoNotGrowWithTheFolder() {
    long[] nanos = new long[2];
    int[] signed = new int[2];
    int[] sizes = {1_000, 20_000};
    for (int i = 0; i < 2; i++) {
      var head = new FolderHead();
      var rows = new ArrayList<ManifestEntry>();
      for (int n = 1; n <= sizes[i]; n++) {
        rows.add(entry(n, String.format("FG-X-I-%05d.pdf", n), String.format("FG-X-I-%05d", n), 1));
      }
      head.read(version(1, "aa"), FolderHead.ordered(rows));
      long best = Long.MAX_VALUE;
      for (int round = 0; round < 5; round++) {
        long start = System.nanoTime();
        for (int v = 2 + round * 200; v < 2 + (round + 1) * 200; v++) {
          head.apply(v, List.of(entry(100_000 + v, "FG-X-I-9" + v + ".pdf", "FG-X-I-9" + v, v)), List.of());
          ManifestVersion next = version(v, "v" + v, head.entriesSha256());
          signed[i] = CanonicalJson.bytes(ManifestLog.header(next)).length;
          Digests.sha256Hex(ManifestLog.statement(next, "c2ln"));
          head.describe(v, "v" + v);
        }
        best = Math.min(best, System.nanoTime() - start);
      }
      nanos[i] = best / 200;
    }
    System.out.printf("a version's change, signed bytes and hash: %d ns at 1,000 files, %d ns at 20,000%n", nanos[0],
        nanos[1]);
    assertThat(signed[1]).as("the signed statement's size").isEqualTo(signed[0]);
    assertThat(nanos[1]).as("20 times the files, not 20 times the cost").isLessThan(nanos[0] * 5);
  }

  private static String replayed(ManifestVersion v, List<ManifestEntry> rows) {
    Map<String, Object> json = ManifestLog.json(v, FolderHead.ordered(rows));
    @SuppressWarnings("unchecked")
    var files = (List<Map<String, Object>>) json.get("files");
    @SuppressWarnings("unchecked")
    var withdrawn = (List<Map<String, Object>>) json.get("withdrawn");
    return EntriesDigest.replay(files, withdrawn);
  }

  private static byte[] rebuilt(ManifestVersion v, List<ManifestEntry> rows, String signature) {
    Map<String, Object> json = ManifestLog.json(v, FolderHead.ordered(rows));
    if (signature != null) {
      json.put("signature", signature);
    }
    return CanonicalJson.bytes(json);
  }

  private static ManifestEntry entry(long id, String name, String number, int version) {
    return new ManifestEntry(id, 1, "t/fg/x/docs/m1/in/", name, number, "t/fg/x/docs/m1/in/" + name, 100 + id,
        "sha-" + id, 7, T, "Ann Author", version, null, null, null);
  }

  private static ManifestVersion version(int version, String sha256) {
    return version(version, sha256, "e".repeat(64));
  }

  private static ManifestVersion version(int version, String sha256, String entries) {
    return new ManifestVersion(1, 1, "t/fg/x/docs/m1/in/", version, version, "PUBLISHED", "FG-X-I-0001", T,
        "prev", sha256, 0, null, "http://127.0.0.1/.well-known/plenary-manifest-key", "0123456789abcdef", 2, entries);
  }
}
