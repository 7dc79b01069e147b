package org.plenary.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.plenary.attack.OpenRedirectAttackTests;

class SitePathsTests {

  @Test
  void refusesEveryPathABrowserReadsAsAnotherSiteOrThatSplitsAHeader() {
    for (String path : OpenRedirectAttackTests.PAYLOADS) {
      assertThat(SitePaths.under("/", path)).as(path).isEmpty();
      // Behind a path of the site, a payload is refused or stays a plain path there (a page named "javascript:x").
      SitePaths.under("/", "/" + path).ifPresent(OpenRedirectAttackTests::assertPlainPath);
      SitePaths.under("/groups/cloud/", "/groups/cloud/" + path).ifPresent(OpenRedirectAttackTests::assertPlainPath);
    }
    assertThat(SitePaths.under("/groups/cloud/", "/groups/other/x")).isEmpty();
    assertThat(SitePaths.under("/", null)).isEmpty();
  }

  @Test
  void keepsAPlainPathWithItsQuery() {
    assertThat(SitePaths.under("/", "/desk?tab=1&q=a%20b")).hasValue("/desk?tab=1&q=a%20b");
    assertThat(SitePaths.under("/groups/cloud/", "/groups/cloud/meetings")).hasValue("/groups/cloud/meetings");
  }
}
