package org.plenary.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.plenary.shared.PageController;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The net under every bound: a value the database refuses as longer than its column (SQLState 22001) is a 400
 * with a sentence in the reader's language, as a problem on the API and as the error page on pages, never a 500.
 * The probes write a group's name of 201 characters (its column takes 200) past every request rule, in characters
 * beyond U+FFFF ({@code 𠀀}), which the embedded database counts two each: its columns are twice their length (V123),
 * so that a name of 200 such characters, which every bound takes, is stored whole on both databases.
 */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-value-too-long;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/${random.uuid}"})
@ActiveProfiles("demo")
@AutoConfigureMockMvc
@Import({ValueTooLongTests.ApiProbe.class, ValueTooLongTests.PageProbe.class})
class ValueTooLongTests {

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;

  @Test
  void aValueLongerThanItsColumnIsAProblem400OnTheApi() throws Exception {
    mvc.perform(get("/api/v1/too-long-probe").header("Accept-Language", "fr"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
        .andExpect(jsonPath("$.detail").value(containsString("plus longue que son champ")));
    mvc.perform(get("/api/v1/too-long-probe")).andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value(containsString("longer than its field allows")));
    assertNameKept();
  }

  @Test
  void aValueLongerThanItsColumnIsTheErrorPage400OnPages() throws Exception {
    mvc.perform(get("/too-long-probe").header("Accept-Language", "ar"))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(containsString("أطول مما يسمح به حقلها")))
        .andExpect(content().string(not(containsString("Exception"))));
    assertNameKept();
  }

  /** Any other database refusal is not the net's: it goes on to the container's 500 as before. */
  @Test
  void anotherDatabaseRefusalIsNotCalledTooLong() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> mvc.perform(get("/api/v1/too-long-probe/other")))
        .hasCauseInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
  }

  /** A name of 200 characters beyond U+FFFF (400 UTF-16 units) is stored and read back whole, on the API too. */
  @Test
  void aTextAtItsBoundInCharactersBeyondTheBasicPlaneIsStoredWhole() throws Exception {
    String before = jdbc.sql("SELECT name FROM plenary_groups WHERE slug = 'cloud'").query(String.class).single();
    String name = "\uD840\uDC00".repeat(200);
    try {
      jdbc.sql("UPDATE plenary_groups SET name = ? WHERE slug = 'cloud'").param(name).update();
      org.assertj.core.api.Assertions.assertThat(
          jdbc.sql("SELECT name FROM plenary_groups WHERE slug = 'cloud'").query(String.class).single()).isEqualTo(name);
      mvc.perform(get("/api/v1/groups/cloud")).andExpect(status().isOk()).andExpect(jsonPath("$.name").value(name));
    } finally {
      jdbc.sql("UPDATE plenary_groups SET name = ? WHERE slug = 'cloud'").param(before).update();
    }
  }

  private void assertNameKept() {
    String name = jdbc.sql("SELECT name FROM plenary_groups WHERE slug = 'cloud'").query(String.class).single();
    org.assertj.core.api.Assertions.assertThat(name.codePointCount(0, name.length())).isLessThan(201);
  }

  /** 201 characters beyond U+FFFF: past the column on PostgreSQL (which counts them) and on H2 (402 units of 400). */
  static void writeTooLong(JdbcClient jdbc) {
    jdbc.sql("UPDATE plenary_groups SET name = ? WHERE slug = 'cloud'").param("\uD840\uDC00".repeat(201)).update();
  }

  @RestController
  static class ApiProbe {
    private final JdbcClient jdbc;

    ApiProbe(JdbcClient jdbc) {
      this.jdbc = jdbc;
    }

    @GetMapping("/api/v1/too-long-probe")
    String tooLong() {
      writeTooLong(jdbc);
      return "written";
    }

    @GetMapping("/api/v1/too-long-probe/other")
    String other() {
      jdbc.sql("UPDATE plenary_groups SET lifetime_months = NULL WHERE slug = 'cloud'").update();
      return "written";
    }
  }

  @PageController
  static class PageProbe {
    private final JdbcClient jdbc;

    PageProbe(JdbcClient jdbc) {
      this.jdbc = jdbc;
    }

    @GetMapping("/too-long-probe")
    @ResponseBody
    String tooLong() {
      writeTooLong(jdbc);
      return "written";
    }
  }
}
