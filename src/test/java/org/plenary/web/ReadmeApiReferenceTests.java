package org.plenary.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.plenary.DemoTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every API address the README names ({@code /api/v1/…}, with its method where it gives one: {@code POST
 * /api/v1/tokens}, {@code GET|POST /api/v1/accounts}) is an operation of the OpenAPI description the server
 * publishes, so that a newcomer who copies one from the README finds it in {@code /api} and on the server.
 */
@DemoTest
class ReadmeApiReferenceTests {

  private static final Pattern NAMED =
      Pattern.compile("(?:((?:GET|POST|PUT|DELETE|PATCH)(?:\\|(?:GET|POST|PUT|DELETE|PATCH))*) )?(/api/v1/[A-Za-z0-9{}_./-]*)");

  @Autowired MockMvc mvc;

  @Test
  void everyApiAddressTheReadmeNamesIsAnOperationOfTheDescription() throws Exception {
    String json = mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) JsonMapper.builder().build()
        .readValue(json, Map.class).get("paths");
    var problems = new TreeSet<String>();
    int checked = 0;
    String readme = Files.readString(Path.of("README.md"));
    Matcher m = NAMED.matcher(readme);
    while (m.find()) {
      String address = m.group(2).replaceAll("[./]+$", "");
      if (m.end() < readme.length() && readme.charAt(m.end()) == '…') {
        continue; // a family of addresses, /api/v1/groups/{slug}/…
      }
      List<String> matching = matching(paths, address);
      checked++;
      if (matching.isEmpty()) {
        problems.add(address + " is named in the README but is no operation of /v3/api-docs");
      } else if (m.group(1) != null) {
        for (String method : m.group(1).split("\\|")) {
          if (matching.stream().noneMatch(p -> paths.get(p).containsKey(method.toLowerCase()))) {
            problems.add(method + " " + address + " is named in the README but /v3/api-docs has no " + method + " there");
          }
        }
      }
    }
    assertThat(checked).as("addresses found in the README").isGreaterThan(40);
    assertThat(problems).isEmpty();
  }

  /** The description's paths that {@code address} is an instance of ({@code {slug}} or a value in its place). */
  private static List<String> matching(Map<String, Map<String, Object>> paths, String address) {
    var found = new ArrayList<String>();
    for (String path : paths.keySet()) {
      String pattern = "\\Q" + path.replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q") + "\\E";
      if (address.equals(path) || address.matches(pattern)) {
        found.add(path);
      }
    }
    return found;
  }
}
