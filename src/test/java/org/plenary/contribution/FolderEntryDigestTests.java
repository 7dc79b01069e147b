package org.plenary.contribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A listing's validator moves with what the listing shows, and only with it; no chosen text makes two listings share it. */
class FolderEntryDigestTests {

  private static FolderEntry file(String name, String title, String source) {
    return new FolderEntry(name, false, 1234, Instant.parse("2026-12-01T10:00:00Z"), "ab".repeat(32), "FG-Cloud-I-0001",
        title, source, false, "store/" + name);
  }

  @Test
  void theSameEntriesGiveTheSameDigestAndEveryShownFieldMovesIt() {
    var one = List.of(file("a.docx", "Title", "Org"), file("b.pdf", "Other", "Org"));
    assertThat(FolderEntry.digest(one)).isEqualTo(FolderEntry.digest(List.of(file("a.docx", "Title", "Org"),
        file("b.pdf", "Other", "Org"))));
    assertThat(FolderEntry.digest(one)).isNotEqualTo(FolderEntry.digest(one.reversed()))
        .isNotEqualTo(FolderEntry.digest(List.of(file("a.docx", "Title", "Org"))))
        .isNotEqualTo(FolderEntry.digest(List.of(file("a.docx", "Title2", "Org"), file("b.pdf", "Other", "Org"))))
        // a field's end is marked: text moved from one field to the next is another listing
        .isNotEqualTo(FolderEntry.digest(List.of(file("a.docx", "TitleO", "rg"), file("b.pdf", "Other", "Org"))));
  }

  @Test
  void titlesSharingAStringHashCodeGiveDifferentDigests() {
    // "Aa" and "BB" have the same String.hashCode (2112), as anyone can arrange for any title.
    assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
    assertThat(FolderEntry.digest(List.of(file("a.docx", "Plan Aa", "Org"))))
        .isNotEqualTo(FolderEntry.digest(List.of(file("a.docx", "Plan BB", "Org"))));
    assertThat(FolderEntry.digest(List.of(file("a.docx", "Plan", "Org Aa"))))
        .isNotEqualTo(FolderEntry.digest(List.of(file("a.docx", "Plan", "Org BB"))));
  }
}
