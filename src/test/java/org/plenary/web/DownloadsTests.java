package org.plenary.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** Which requests are downloads a token may read, and which of them answer a missing credential with 401. */
class DownloadsTests {

  @Test
  void feedsListsDocumentsAndFolderFilesAreDownloadsPagesAndListingsAreNot() {
    for (String path : java.util.List.of("/groups/cloud/meetings/1006-gva/documents.csv",
        "/groups/cloud/meetings/1006-gva/documents.atom", "/groups/cloud/meetings.ics", "/circulars/3.pdf",
        "/registrations/7/confirmation.pdf", "/groups/cloud/template.docx", "/t/fg/cloud/docs/1006-gva/in.zip",
        "/t/fg/cloud/docs/1006-gva/in/FG-Cloud-I-0001.pdf", "/t/fg/cloud/docs/1006-gva/in/MANIFEST.json",
        "/groups/cloud/meetings/1006-gva/documents.atom;jsessionid=ABC")) {
      assertThat(Downloads.readableByToken(request(path))).as(path).isTrue();
      assertThat(Downloads.download(request(path))).as(path).isTrue();
    }
    for (String path : java.util.List.of("/t/", "/t/fg/cloud/docs/incoming/", "/t/fg/cloud/docs/1006-gva/in/")) {
      assertThat(Downloads.readableByToken(request(path))).as(path).isTrue();
      assertThat(Downloads.download(request(path))).as(path + " is a page").isFalse();
    }
    for (String path : java.util.List.of("/groups/cloud/meetings/1006-gva/documents", "/desk", "/",
        "/api/v1/groups/cloud/terms.csv", "/actuator/prometheus", "/groups/cloud.csv/edit", "/documents/FG-Cloud-I-0001")) {
      assertThat(Downloads.readableByToken(request(path))).as(path).isFalse();
      assertThat(Downloads.download(request(path))).as(path).isFalse();
    }
  }

  private static MockHttpServletRequest request(String path) {
    return new MockHttpServletRequest("GET", path);
  }
}
