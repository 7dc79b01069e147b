package org.plenary.contribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/** Which requests the document files' own mapping takes, and what it hands the controller's method. */
class DocumentFileMappingTests {

  private final DocumentFileMapping mapping;

  DocumentFileMappingTests() throws NoSuchMethodException {
    mapping = new DocumentFileMapping(new FolderController(null, null, null, null, null));
  }

  @Test
  void aPublishedFileGoesToTheControllersMethodWithDecodedVariables() {
    MockHttpServletRequest request = request("GET", "/t/fg/cloud/docs/2701-gva/out/FG%20Cloud-O-0001.pdf");
    Object handler = mapping.getHandlerInternal(request);
    assertThat(handler).isInstanceOf(HandlerMethod.class);
    assertThat(((HandlerMethod) handler).getMethod().getName()).isEqualTo("publishedFile");
    assertThat(request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE)).isEqualTo(Map.of(
        "slug", "cloud", "code", "2701-gva", "folder", "out", "name", "FG Cloud-O-0001.pdf"));
    assertThat(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE))
        .isEqualTo("/t/fg/{slug}/docs/{code}/{folder:in|out}/{name}");
  }

  @Test
  void anIncomingFileAndAHeadGoToTheirMethodsAndPathParametersAreDroppedAsThePatternsDo() {
    MockHttpServletRequest request = request("HEAD", "/t/fg/cloud/docs/incoming/FG-Cloud-I-0001-r1.pdf;jsessionid=AB");
    Object handler = mapping.getHandlerInternal(request);
    assertThat(((HandlerMethod) handler).getMethod().getName()).isEqualTo("incomingFile");
    assertThat(request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE))
        .isEqualTo(Map.of("slug", "cloud", "name", "FG-Cloud-I-0001-r1.pdf"));
  }

  @Test
  void everythingElseIsLeftToTheOrdinaryMappings() {
    for (String path : new String[] {"/t/fg/cloud/docs/2701-gva/in/", "/t/fg/cloud/docs/2701-gva/in",
        "/t/fg/cloud/docs/incoming/", "/t/fg/cloud/docs/2701-gva/in/MANIFEST.json", "/t/fg/cloud/docs/2701-gva/in.zip",
        "/t/fg/cloud/docs/2701-gva/draft/x.pdf", "/t/fg/cloud/docs/2701-gva/in/a/b.pdf", "//t/fg/cloud/docs/incoming/x.pdf",
        "/t/fg/cloud/docs//incoming/x.pdf", "/t/fg/cloud/docs/2701-gva/in//x.pdf", "/t/fg/cloud/docs/incoming/x.pdf/",
        "/t/fg/cloud/notdocs/incoming/x.pdf", "/api/v1/t/fg/cloud/docs/incoming/x.pdf", "/t/", "/t/fg/cloud/"}) {
      assertThat(mapping.getHandlerInternal(request("GET", path))).as(path).isNull();
    }
    for (String method : new String[] {"POST", "PUT", "DELETE", "OPTIONS"}) {
      assertThat(mapping.getHandlerInternal(request(method, "/t/fg/cloud/docs/incoming/x.pdf"))).as(method).isNull();
    }
  }

  private static MockHttpServletRequest request(String method, String uri) {
    MockHttpServletRequest request = new MockHttpServletRequest(method, uri);
    ServletRequestPathUtils.parseAndCache(request);
    return request;
  }
}
