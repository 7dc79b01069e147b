package org.plenary.contribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.http.ContentDisposition;

/** Which paths the download fast path takes, and when the register's version is read again. */
class PublishedFilesTests {

  @Test
  void onlyPlainPathsOfPublishedFilesAreTakenWithinTheContext() {
    assertThat(PublishedFiles.plainParts("/t/fg/cloud/docs/2701-gva/in/FG-Cloud-I-0001r1.pdf", ""))
        .containsExactly("cloud", "docs", "2701-gva", "in", "FG-Cloud-I-0001r1.pdf");
    assertThat(PublishedFiles.plainParts("/app/t/fg/cloud/docs/2701-gva/out/FG_Cloud-O-0001.docx", "/app"))
        .containsExactly("cloud", "docs", "2701-gva", "out", "FG_Cloud-O-0001.docx");
    for (String path : new String[] {"/t/fg/cloud/docs/2701-gva/in/", "/t/fg/cloud/docs/2701-gva/in",
        "/t/fg/cloud/docs/incoming/x.pdf", "/t/fg/cloud/docs/2701-gva/in/MANIFEST.json", "/t/fg/cloud/docs/2701-gva/in.zip",
        "/t/fg/cloud/docs/2701-gva/draft/x.pdf", "/t/fg/cloud/docs/2701-gva/in/a/b.pdf", "//t/fg/cloud/docs/2701-gva/in/x.pdf",
        "/t/fg/cloud/docs//2701-gva/in/x.pdf", "/t/fg/cloud/docs/2701-gva/in//x.pdf", "/t/fg/cloud/docs/2701-gva/in/x.pdf/",
        "/t/fg/cloud/notdocs/2701-gva/in/x.pdf", "/api/v1/t/fg/cloud/docs/2701-gva/in/x.pdf", "/T/FG/cloud/docs/2701-gva/in/x.pdf",
        "/t/fg/cloud/docs/2701-gva/in/FG%20Cloud.pdf", "/t/fg/cloud/docs/2701-gva/in/x.pdf;jsessionid=AB",
        "/t/fg/cloud/docs/2701-gva/in/..", "/t/fg/cloud/docs/2701-gva/in/.hidden", "/t/fg/cloud/docs/../in/x.pdf",
        "/t/fg/cloud/docs/2701-gva/IN/x.pdf", "/t/fg/cloud/docs/2701-gva/in/x\\y.pdf", "/t/fg/clöud/docs/2701-gva/in/x.pdf"}) {
      assertThat(PublishedFiles.plainParts(path, "")).as(path).isNull();
    }
    assertThat(PublishedFiles.plainParts("/t/fg/cloud/docs/2701-gva/in/x.pdf", "/app")).isNull();
  }

  @Test
  void theContentDispositionOfAPlainNameIsTheOneSpringBuilds() {
    for (String name : new String[] {"FG-Cloud-I-0001r1.pdf", "FG_Cloud-O-0001.docx", "a", ".x", "A-Z_a-z.0-9"}) {
      assertThat(FileSender.attachment(name)).as(name).isEqualTo(
          ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString());
    }
    for (String name : new String[] {"FG Cloud.pdf", "résumé.pdf", "a\"b.pdf", "報告.docx", "x;y.pdf"}) {
      assertThat(FileSender.attachment(name)).as(name).isEqualTo(
          ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString());
    }
  }

  @Test
  void theKnownVersionIsReadAgainAfterEachChangeAndOnlyThen() {
    AtomicLong database = new AtomicLong(7);
    AtomicLong reads = new AtomicLong();
    var known = new KnownVersion(() -> {
      reads.incrementAndGet();
      return database.get();
    });
    assertThat(known.get()).isEqualTo(7);
    assertThat(known.get()).isEqualTo(7);
    assertThat(reads).hasValue(1);
    database.set(8);
    known.changed();
    assertThat(known.get()).isEqualTo(8);
    assertThat(known.get()).isEqualTo(8);
    assertThat(reads).hasValue(2);
  }

  @Test
  void aReadThatAChangeOvertookIsNotKept() {
    AtomicLong database = new AtomicLong(1);
    AtomicLong reads = new AtomicLong();
    KnownVersion[] known = new KnownVersion[1];
    // The first read sees the old value, and a change commits and ends while it is under way.
    known[0] = new KnownVersion(() -> {
      long value = database.get();
      if (reads.incrementAndGet() == 1) {
        database.set(2);
        known[0].changed();
      }
      return value;
    });
    assertThat(known[0].get()).isEqualTo(1);
    assertThat(known[0].get()).as("read again, not answered from the overtaken read").isEqualTo(2);
    assertThat(known[0].get()).isEqualTo(2);
    assertThat(reads).hasValue(2);
  }

  @Test
  void onlyTheEmbeddedFileDatabaseIsWrittenByThisProcessAlone() {
    assertThat(KnownVersion.appliesTo("jdbc:h2:file:./data/db/plenary;DB_CLOSE_ON_EXIT=FALSE")).isTrue();
    assertThat(KnownVersion.appliesTo("jdbc:h2:./data/db/plenary")).isTrue();
    assertThat(KnownVersion.appliesTo("jdbc:h2:file:./data/db/plenary;AUTO_SERVER=TRUE")).isFalse();
    assertThat(KnownVersion.appliesTo("jdbc:h2:mem:plenary-demo;DB_CLOSE_DELAY=-1")).isFalse();
    assertThat(KnownVersion.appliesTo("jdbc:h2:tcp://db/plenary")).isFalse();
    assertThat(KnownVersion.appliesTo("jdbc:postgresql://127.0.0.1:5432/plenary")).isFalse();
    assertThat(KnownVersion.appliesTo("")).isFalse();
    // Attack: other spellings H2 reads as a server for other processes, or a file others may open too.
    for (String shared : new String[] {"AUTO_SERVER=1", "AUTO_SERVER=yes", "auto_server=True", "AUTO_SERVER = TRUE",
        "Auto_Server=Y", "FILE_LOCK=NO", "file_lock=no"}) {
      assertThat(KnownVersion.appliesTo("jdbc:h2:file:./data/db/plenary;DB_CLOSE_ON_EXIT=FALSE;" + shared))
          .as(shared).isFalse();
    }
    assertThat(KnownVersion.appliesTo("jdbc:h2:file:./data/db/plenary;AUTO_SERVER=FALSE;FILE_LOCK=FS")).isTrue();
  }
}
