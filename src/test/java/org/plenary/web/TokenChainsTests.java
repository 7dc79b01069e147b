package org.plenary.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.Filter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.security.web.savedrequest.RequestCacheAwareFilter;
import org.springframework.security.web.servletapi.SecurityContextHolderAwareRequestFilter;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * The chains of bearer tokens (management, API, the folders read by token) pass a request through none of
 * the page chain's session filters, and still through the token check and the authorization; the API's
 * through no servlet API integration either.
 */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-path-first;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}",
    "plenary.ftp.enabled=false"})
class TokenChainsTests {

  @Autowired
  List<SecurityFilterChain> chains;

  @Test
  void aTokenRequestPassesNoSessionFilter() {
    for (String path : List.of("/api/v1/groups/cloud/meetings/2701-gva/contributions", "/actuator/prometheus",
        "/t/cloud/2701-gva/")) {
      assertThat(filters(path)).as(path).contains(BearerTokenFilter.class, AnonymousAuthenticationFilter.class,
              AuthorizationFilter.class)
          .doesNotContain(RequestCacheAwareFilter.class, LogoutFilter.class);
    }
  }

  /** The health endpoint asks the request whether its caller is an administrator (HealthTests): that chain keeps it. */
  @Test
  void onlyTheApiLeavesTheServletApiIntegrationOut() {
    assertThat(filters("/api/v1/groups/cloud/meetings/2701-gva/contributions"))
        .doesNotContain(SecurityContextHolderAwareRequestFilter.class);
    assertThat(filters("/actuator/health/readiness")).contains(SecurityContextHolderAwareRequestFilter.class);
    assertThat(filters("/t/cloud/2701-gva/")).contains(SecurityContextHolderAwareRequestFilter.class);
  }

  private List<Class<?>> filters(String path) {
    var request = new MockHttpServletRequest("POST", path);
    request.setServletPath(path);
    request.addHeader("Authorization", "Bearer token");
    return chain(request).stream().<Class<?>>map(Filter::getClass).toList();
  }

  @Test
  void aPageRequestKeepsThem() {
    var request = new MockHttpServletRequest("GET", "/desk");
    request.setServletPath("/desk");
    assertThat(chain(request).stream().<Class<?>>map(Filter::getClass).toList())
        .contains(RequestCacheAwareFilter.class, LogoutFilter.class, SecurityContextHolderAwareRequestFilter.class)
        .doesNotContain(BearerTokenFilter.class);
  }

  private List<Filter> chain(MockHttpServletRequest request) {
    return chains.stream().filter(chain -> chain.matches(request)).findFirst().orElseThrow().getFilters();
  }
}
