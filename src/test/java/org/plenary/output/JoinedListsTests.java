package org.plenary.output;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.plenary.DemoTest;
import org.plenary.web.ApiTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * A list stored joined in one column ({@code related}, {@code editors}, {@code liaisons}, {@code objections}) whose
 * items each fit but together pass the column is refused naming the list; one that fits together is stored whole.
 * Before, each item's bound let it through to the database, whose refusal named no field.
 */
@DemoTest
class JoinedListsTests {

  @Autowired MockMvc mvc;
  @Autowired ApiTokens tokens;

  @Test
  void relatedTermsPastTheirColumnTogetherAreRefusedNamingThem() throws Exception {
    // 9 × 110 + 8 separators = 998 characters: stored; 9 × 111 + 8 = 1,007: past the column's 1,000.
    send("/api/v1/groups/cloud/terms", "{\"term\":\"Joined fits\",\"definition\":\"D.\",\"related\":" + items(9, 110) + "}")
        .andExpect(status().isCreated());
    refused("/api/v1/groups/cloud/terms", "{\"term\":\"Joined past\",\"definition\":\"D.\",\"related\":"
        + items(9, 111) + "}", "related");
  }

  @Test
  void editorsPastTheirColumnTogetherAreRefusedNamingThem() throws Exception {
    // 2 × 499 + ", " = 1,000: stored; 2 × 500 + ", " = 1,002: refused.
    send("/api/v1/groups/cloud/deliverables", "{\"title\":\"Joined fits\",\"kind\":\"GUIDELINE\",\"editors\":"
        + items(2, 499) + "}").andExpect(status().isCreated());
    refused("/api/v1/groups/cloud/deliverables", "{\"title\":\"Joined past\",\"kind\":\"GUIDELINE\",\"editors\":"
        + items(2, 500) + "}", "editors");
  }

  @Test
  void liaisonsAndObjectionsPastTheirColumnsTogetherAreRefusedNamingThem() throws Exception {
    refused("/api/v1/groups/cloud/living-list", "{\"organization\":\"Joined\",\"liaisons\":" + items(2, 500) + "}",
        "liaisons");
    refused("/api/v1/groups/cloud/deliverables/1/agreement", "{\"meeting\":\"1006-gva\",\"decision\":\"Agreed.\","
        + "\"consensus\":false,\"objections\":" + items(2, 1000) + "}", "objections");
  }

  @Test
  void anAgreementWithoutConsensusNamesEveryFaultTogether() throws Exception {
    // The agreement's consensus was a boolean the JSON reader required: a body without it stopped there, and the
    // 4,001-character decision beside it went unnamed.
    mvc.perform(post("/api/v1/groups/cloud/deliverables/999999/agreement").header("Authorization", tokens.bearer("chair"))
        .contentType(MediaType.APPLICATION_JSON).content("{\"meeting\":\"1006-gva\",\"decision\":\"" + "x".repeat(4001) + "\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[?(@.field == 'decision')]").exists())
        .andExpect(jsonPath("$.errors[?(@.field == 'consensus')]").exists());
  }

  private static String items(int count, int length) {
    return "[" + String.join(",", Collections.nCopies(count, "\"" + "x".repeat(length) + "\"")) + "]";
  }

  private ResultActions send(String path, String body) throws Exception {
    return mvc.perform(post(path).header("Authorization", tokens.bearer("chair")).contentType(MediaType.APPLICATION_JSON)
        .content(body));
  }

  private void refused(String path, String body, String field) throws Exception {
    send(path, body).andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[?(@.field == '" + field + "')]").exists());
  }
}
