package org.plenary.contribution;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** {@link ReplaceWhileDownloading} on the file system's store: sendfile, file regions, one descriptor. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-replace;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}", "plenary.ftp.port=0"})
@ActiveProfiles("demo")
class ReplaceWhileDownloadingTests extends ReplaceWhileDownloading {
}
