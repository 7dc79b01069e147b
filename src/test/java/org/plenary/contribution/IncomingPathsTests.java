package org.plenary.contribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import org.junit.jupiter.api.Test;

class IncomingPathsTests {

  @Test
  void everyVersionOfAFileGetsAStorePathOfItsOwnInItsGroupsIncomingFolder() {
    var paths = new HashSet<String>();
    for (int i = 0; i < 10_000; i++) {
      String path = IncomingPaths.newVersion("cloud", "FG-Cloud-I-0001r2.docx");
      assertThat(path).matches("t/fg/cloud/docs/incoming/FG-Cloud-I-0001r2~[0-9a-f]{24}\\.docx");
      assertThat(paths.add(path)).as("never the path of another version: " + path).isTrue();
    }
  }

  @Test
  void theMarkNeverMakesThePathOfAnotherDocumentOrTheFoldersNameForIt() {
    String path = IncomingPaths.newVersion("cloud", "FG-Cloud-I-0001.pdf");
    assertThat(path).isNotEqualTo(IncomingPaths.folder("cloud") + "FG-Cloud-I-0001.pdf");
    assertThat(UploadName.parse(path.substring(IncomingPaths.folder("cloud").length()))).isEmpty();
  }
}
