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
    assertThat(FolderHead.signed(head.bytes(ManifestLog.header(v3), null), "c2ln"))
        .as("the signature added to the unsigned bytes").isEqualTo(rebuilt(v3, rows, "c2ln"));
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
    return new ManifestVersion(1, 1, "t/fg/x/docs/m1/in/", version, version, "PUBLISHED", "FG-X-I-0001", T,
        "prev", sha256, 0, null, "http://127.0.0.1/.well-known/plenary-manifest-key", "0123456789abcdef");
  }
}
