package org.plenary.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.plenary.DemoTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The framework's own refusals on the API (a parameter or multipart field missing, a body type not taken, a
 * response type that cannot be given) are problems in the reader's language like Plenary's own: they were
 * "Bad Request" / "Required parameter 'sha256' is not present." whatever the {@code Accept-Language}. And every
 * status the code answers with has its title in the bundles (412, 416 and 507 fell back to English).
 */
@DemoTest
class FrameworkProblemLanguageTests {

  @Autowired MockMvc mvc;

  @Test
  void aMissingParameterIsAFrenchProblem() throws Exception {
    mvc.perform(get("/api/v1/verify").header("Accept-Language", "fr"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.title").value("Demande incorrecte"))
        .andExpect(jsonPath("$.detail").value("Cette demande a besoin du paramètre sha256."));
  }

  @Test
  void aBodyOfAnotherTypeIsAnArabicProblem() throws Exception {
    mvc.perform(post("/api/v1/tokens").contentType(MediaType.TEXT_PLAIN).content("x").header("Accept-Language", "ar"))
        .andExpect(status().isUnsupportedMediaType())
        .andExpect(jsonPath("$.title").value("نوع وسائط غير مدعوم"))
        .andExpect(jsonPath("$.detail").value(containsString("لا يقبل هذا العنوان متنًا من النوع text/plain")));
  }

  @Test
  void aResponseTypeThatCannotBeGivenIsAChineseProblem() throws Exception {
    mvc.perform(get("/api/v1/groups").accept(MediaType.parseMediaType("text/csv"))
            .header("Accept-Language", "zh"))
        .andExpect(status().isNotAcceptable())
        .andExpect(jsonPath("$.title").value("无法提供所要求的类型"))
        .andExpect(jsonPath("$.detail").value(containsString("此地址无法以所请求的类型（Accept）回答")));
  }

  private static final Pattern STATUS_NAME = Pattern.compile("HttpStatus\\.([A-Z_]+)");
  private static final Pattern STATUS_NUMBER = Pattern.compile("super\\(([45]\\d\\d)\\b|\\b([45]\\d\\d), [45]\\d\\d\\)"
      + "|(?:setStatus|sendError)\\(\\s*([45]\\d\\d)\\b|HttpServletResponse\\.SC_([A-Z_]+)");

  @Test
  void everyErrorStatusTheCodeAnswersHasItsTitleInTheBundles() throws IOException {
    var codes = new TreeSet<Integer>(java.util.List.of(406, 415));
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String source = Files.readString(file);
        Matcher m = STATUS_NAME.matcher(source);
        while (m.find()) {
          try {
            codes.add(HttpStatus.valueOf(m.group(1)).value());
          } catch (IllegalArgumentException notAStatus) {
            // HttpStatus.valueOf(int) and the like
          }
        }
        m = STATUS_NUMBER.matcher(source);
        while (m.find()) {
          for (int g = 1; g <= 3; g++) {
            if (m.group(g) != null) {
              codes.add(Integer.parseInt(m.group(g)));
            }
          }
          if (m.group(4) != null) {
            codes.add(HttpStatus.valueOf(m.group(4)).value());
          }
        }
      }
    }
    codes.removeIf(code -> code < 400);
    var english = new Properties();
    try (var in = Files.newBufferedReader(Path.of("src/main/resources/i18n/messages/web.properties"))) {
      english.load(in);
    }
    assertThat(codes).contains(412, 416, 507);
    assertThat(codes.stream().filter(code -> !english.containsKey("web.status." + code)).toList())
        .as("statuses answered without a title in the bundles (the title would be the English reason phrase)").isEmpty();
  }
}
