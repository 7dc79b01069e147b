package org.plenary.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.plenary.Browser;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The demo with an upload cap of 1 KB and a web-server multipart limit of 1 MB (a file past either is easy to
 * send), groups and meetings cached for 1 s (a change made straight in the database shows after that), one Chromium
 * for each test class. One context for every class that extends this: a port given with
 * {@code -Dplenary.test.port} serves them all.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
    "server.port=${plenary.test.port:0}",
    "spring.datasource.url=jdbc:h2:mem:plenary-error-pages;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}",
    "plenary.contributions.max-size=1KB",
    "spring.servlet.multipart.max-file-size=1MB", "spring.servlet.multipart.max-request-size=1MB",
    "plenary.catalog.cache-time=1s"})
@ActiveProfiles("demo")
@ExtendWith(Browser.Installed.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CappedDemoBrowserTest {

  @LocalServerPort int port;
  Browser browser;

  @BeforeAll
  void open() {
    browser = new Browser(port, 1280, 900);
  }

  @AfterAll
  void close() {
    if (browser != null) {
      browser.close();
    }
  }
}
