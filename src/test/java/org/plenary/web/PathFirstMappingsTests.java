package org.plenary.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/** The controllers' mappings, matched path first, find the method they found before and refuse as before. */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-path-first;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}",
    "plenary.ftp.enabled=false"})
class PathFirstMappingsTests {

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  @Test
  void theControllersAreMappedPathFirst() {
    assertThat(mappings).isInstanceOf(PathFirstMappings.PathFirstHandlerMapping.class);
  }

  @Test
  void aPathWithVariablesFindsTheMethodOfItsHttpMethod() throws Exception {
    assertThat(method("POST", "/api/v1/groups/cloud/meetings/2701-gva/contributions", "application/json"))
        .isEqualTo("allocate");
    assertThat(method("GET", "/api/v1/groups/cloud/meetings/2701-gva/contributions", null)).isEqualTo("register");
    assertThat(method("GET", "/api/v1/contributions/FG-Cloud-I-0001", null)).isEqualTo("get");
  }

  @Test
  void aPathTakenByNoMappingOfItsMethodOrMediaTypeIsRefusedAsBefore() {
    assertThatThrownBy(() -> method("DELETE", "/api/v1/groups/cloud/meetings/2701-gva/contributions", null))
        .isInstanceOf(HttpRequestMethodNotSupportedException.class);
    assertThatThrownBy(() -> method("POST", "/api/v1/contributions/FG-Cloud-I-0001/files", "application/json"))
        .isInstanceOf(HttpMediaTypeNotSupportedException.class);
  }

  @Test
  void aPathWithEncodedLettersFindsTheMethodItsDecodedPathFinds() throws Exception {
    // %63 is "c": the literal start of /api/v1/contributions/{number} is not compared with such a path
    assertThat(method("GET", "/api/v1/%63ontributions/FG-Cloud-I-0001", null)).isEqualTo("get");
  }

  @Test
  void aPathWithPathParametersFindsTheMethodItsPathWithoutThemFinds() throws Exception {
    // the look-up path leaves ";x=1" out, as the pattern matching does, so the literal start still matches
    assertThat(method("GET", "/api/v1/contributions;x=1/FG-Cloud-I-0001", null)).isEqualTo("get");
  }

  @Test
  void aPatternsLiteralStartEndsAtItsFirstVariableOrWildcard() {
    var info = RequestMappingInfo.paths("/api/v1/groups/{slug}/meetings", "/t/**", "/files/a?c", "/exact")
        .options(mappings.getBuilderConfiguration()).build();
    assertThat(PathFirstMappings.PathFirstHandlerMapping.literalStarts(info))
        .containsExactlyInAnyOrder("/api/v1/groups/", "/t/", "/files/a", "/exact");
  }

  @Test
  void aPathWhoseStartNoPatternSharesFindsNothingAndOneThatSharesItIsMatchedInFull() throws Exception {
    assertThat(mappings.getHandler(request("GET", "/api/v1/contributionsX/FG-Cloud-I-0001", null))).isNull();
    assertThat(method("GET", "/api/v1/contributions/FG-Cloud-I-0001/audit", null)).isEqualTo("audit");
  }

  @Test
  void aRequestOneMappingTakesReadsItsParsedPathOnceNotOnceAMappingSharingItsStart() throws Exception {
    // Before, each mapping under /api/v1/groups/ read the parsed path through the request (its filter chain's
    // wrappers, in a server) to match its patterns: some forty reads for one allocation.
    var reads = new AtomicInteger();
    var request = new HttpServletRequestWrapper(request("POST", "/api/v1/groups/cloud/meetings/2701-gva/contributions",
        "application/json")) {
      @Override
      public Object getAttribute(String name) {
        if (ServletRequestPathUtils.PATH_ATTRIBUTE.equals(name)) {
          reads.incrementAndGet();
        }
        return super.getAttribute(name);
      }
    };
    var chain = mappings.getHandler(request);
    assertThat(((HandlerMethod) chain.getHandler()).getMethod().getName()).isEqualTo("allocate");
    assertThat(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE))
        .isEqualTo("/api/v1/groups/{slug}/meetings/{code}/contributions");
    // a few reads remain: the look-up path, the match's details, the interceptors that match by path
    assertThat(reads.get()).as("reads of the parsed path").isLessThanOrEqualTo(12);
  }

  @Test
  void aPathNoMappingTakesFindsNothing() throws Exception {
    assertThat(mappings.getHandler(request("GET", "/api/v1/nothing/here/at/all", null))).isNull();
  }

  private String method(String httpMethod, String path, String contentType) throws Exception {
    var chain = mappings.getHandler(request(httpMethod, path, contentType));
    assertThat(chain).as(httpMethod + " " + path).isNotNull();
    return ((HandlerMethod) chain.getHandler()).getMethod().getName();
  }

  private static MockHttpServletRequest request(String method, String path, String contentType) {
    var request = new MockHttpServletRequest(method, path);
    if (contentType != null) {
      request.setContentType(contentType);
      request.setContent("{}".getBytes());
    }
    return request;
  }
}
