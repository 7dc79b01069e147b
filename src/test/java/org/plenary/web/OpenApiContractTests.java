package org.plenary.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.SimpleValidationReportFormat;
import com.atlassian.oai.validator.report.ValidationReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenary.DemoMeetings;
import org.plenary.DemoTest;
import org.plenary.account.AccountDirectory;
import org.plenary.account.NewAccount;
import org.plenary.account.OrganizationDirectory;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI description at {@code /v3/api-docs} is the truth: its shape follows the rules a
 * generated client relies on, and live responses of the main flows validate against it.
 */
@DemoTest
class OpenApiContractTests {

  /** The formats of the OpenAPI format registry that Plenary may use. */
  private static final Set<String> STANDARD_FORMATS = Set.of("int32", "int64", "float", "double", "byte", "binary",
      "date", "date-time", "password", "email", "uri", "uri-reference", "uuid", "time", "duration");
  private static final Pattern PATH_VARIABLE = Pattern.compile("\\{(\\w+)}");

  @Autowired MockMvc mvc;
  @Autowired MeetingCatalog meetings;
  @Autowired GroupCatalog groups;
  @Autowired ApiTokens tokens;
  @Autowired AccountDirectory accounts;
  @Autowired OrganizationDirectory organizations;
  private final JsonMapper json = JsonMapper.builder().build();
  private String document;
  private OpenApiInteractionValidator validator;
  private String code;

  @BeforeEach
  void description() throws Exception {
    document = mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString();
    // Kept for the OpenAPI lint that .ci/run runs on it (Redocly CLI).
    Files.createDirectories(Path.of("target/openapi"));
    Files.writeString(Path.of("target/openapi/openapi.json"), document);
    validator = OpenApiInteractionValidator.createForInlineApiSpecification(document).build();
    code = DemoMeetings.upcoming(groups, meetings);
  }

  @Test
  void everyResponseNamesTheMediaTypeTheServerSends() {
    assertThat(document).doesNotContain("\"*/*\"");
    operations().forEach(op -> op.node().get("responses").properties().forEach(response -> {
      JsonNode content = response.getValue().get("content");
      if (response.getKey().startsWith("2")) {
        return;
      }
      assertThat(content.has("application/problem+json")).as(op + " " + response.getKey()).isTrue();
      assertThat(content.get("application/problem+json").get("schema").get("$ref").asString())
          .isEqualTo("#/components/schemas/Problem");
    }));
  }

  /** The gates on slow bodies and slow readers, and a database out of reach, answer any operation 503 (BusyAnswer). */
  @Test
  void everyOperationDeclaresTheBusyAnswerWithItsRetryAfter() {
    JsonNode retryAfter = json.readTree(document).get("components").get("headers").get("Retry-After");
    assertThat(retryAfter.get("schema").get("type").asString()).isEqualTo("integer");
    List<Op> all = operations();
    assertThat(all).hasSizeGreaterThan(50);
    all.forEach(op -> {
      JsonNode busy = op.node().get("responses").get("503");
      assertThat(busy).as(op.toString()).isNotNull();
      assertThat(busy.get("description").asString()).as(op.toString()).contains("Retry-After");
      assertThat(busy.get("headers").get("Retry-After").get("$ref").asString()).as(op.toString())
          .isEqualTo("#/components/headers/Retry-After");
    });
  }

  /**
   * A full disk answers 507 with a problem (ops.UnavailableAnswers) wherever the request writes: every operation but the
   * reads declares it, and the answer the filter writes validates against the description.
   */
  @Test
  void everyOperationThatWritesDeclaresTheDiskFullAnswer() {
    List<Op> writes = operations().stream().filter(op -> !op.method().equals("GET")).toList();
    assertThat(writes).hasSizeGreaterThan(20);
    writes.forEach(op -> {
      JsonNode full = op.node().get("responses").get("507");
      assertThat(full).as(op.toString()).isNotNull();
      assertThat(full.get("description").asString()).as(op.toString()).contains("full");
      assertThat(full.at("/content/application~1problem+json/schema/$ref").asString()).as(op.toString())
          .isEqualTo("#/components/schemas/Problem");
    });
    operations().stream().filter(op -> op.method().equals("GET"))
        .forEach(op -> assertThat(op.node().get("responses").has("507")).as(op.toString()).isFalse());
    var answer = SimpleResponse.Builder.status(507).withContentType("application/problem+json")
        .withBody("{\"type\":\"about:blank\",\"title\":\"Insufficient Storage\",\"status\":507,"
            + "\"detail\":\"The disk is full.\",\"instance\":\"/api/v1/contributions/FG-Cloud-I-0001/files\"}").build();
    ValidationReport report = validator.validateResponse("/api/v1/contributions/FG-Cloud-I-0001/files",
        Request.Method.POST, answer);
    assertThat(report.hasErrors()).as(SimpleValidationReportFormat.getInstance().apply(report)).isFalse();
  }

  @Test
  void everyOperationHasAMeaningfulStableOperationId() {
    var seen = new HashSet<String>();
    operations().forEach(op -> {
      String id = op.node().get("operationId").asString();
      assertThat(id).as(op.toString()).matches("[a-z][a-zA-Z]+");
      assertThat(seen.add(id)).as("unique: " + id).isTrue();
    });
    assertThat(seen).contains("allocateContribution", "uploadContributionFile", "publishContribution",
        "createToken", "listGroups", "getMeeting", "registerForMeeting", "approveRegistration");
  }

  @Test
  void formatsAreStandardAndNoInternalWrapperLeaks() throws Exception {
    JsonNode root = json.readTree(document);
    var formats = new ArrayList<String>();
    collect(root, "format", formats);
    assertThat(formats).allSatisfy(format -> assertThat(STANDARD_FORMATS).contains(format));
    root.get("components").get("schemas").properties().forEach(schema -> {
      JsonNode properties = schema.getValue().get("properties");
      boolean wrapper = properties != null && properties.size() == 1 && properties.has("value");
      assertThat(wrapper).as("schema " + schema.getKey() + " is a wrapper").isFalse();
    });
  }

  /**
   * The examples of dates, instants and local times have the shape answers send: a client generated from
   * the description and compared with a live answer sees the same text ({@code "09:30"} was the example of
   * MeetingResource.openingTime while answers sent {@code "09:30:00"}).
   */
  @Test
  void examplesOfDatesAndTimesHaveTheShapeOfRealAnswers() throws Exception {
    JsonNode root = json.readTree(document);
    var timeExamples = new ArrayList<String>();
    root.get("components").get("schemas").properties().forEach(schema -> examples(schema.getKey(), schema.getValue(), timeExamples));
    assertThat(timeExamples).isNotEmpty().allSatisfy(example -> assertThat(example).matches("\\d{2}:\\d{2}:\\d{2}"));
    JsonNode meeting = json.readTree(mvc.perform(get("/api/v1/groups/cloud/meetings/1006-gva")).andReturn().getResponse()
        .getContentAsString(StandardCharsets.UTF_8));
    JsonNode example = root.at("/components/schemas/MeetingResource/properties/openingTime/example");
    assertThat(meeting.get("openingTime").asString()).isEqualTo("09:30:00").isEqualTo(example.asString());
  }

  /** Checks each date and date-time example of the schema; gathers the examples of local times (their pattern). */
  private static void examples(String where, JsonNode schema, List<String> timeExamples) {
    if (schema == null || !schema.isObject()) {
      return;
    }
    JsonNode example = schema.get("example");
    String format = schema.path("format").asString("");
    if (example != null && example.isString()) {
      String text = example.asString();
      switch (format) {
        case "date" -> assertThat(LocalDate.parse(text)).as(where).isNotNull();
        case "date-time" -> assertThat(java.time.OffsetDateTime.parse(text)).as(where).isNotNull();
        default -> {
          if (schema.path("pattern").asString("").startsWith("^[0-2][0-9]:")) {
            timeExamples.add(text);
          }
        }
      }
    }
    schema.properties().forEach(child -> examples(where + "." + child.getKey(), child.getValue(), timeExamples));
    if (schema.isArray()) {
      schema.forEach(item -> examples(where, item, timeExamples));
    }
  }

  @Test
  void operationsThatNeedNoTokenAnswerAStrangerAndTheOthersAskForOne() throws Exception {
    for (var op : operations()) {
      String uri = PATH_VARIABLE.matcher(op.path()).replaceAll(m -> switch (m.group(1)) {
        case "slug" -> "cloud";
        case "code" -> code;
        case "number" -> "FG-Cloud-I-9999";
        case "username" -> "alice";
        default -> "999999";
      });
      MockHttpServletRequestBuilder call = request(HttpMethod.valueOf(op.method()), uri);
      if (!op.method().equals("GET")) {
        call.contentType(MediaType.APPLICATION_JSON).content("{}");
      }
      MockHttpServletResponse response = mvc.perform(call).andReturn().getResponse();
      if (!op.node().get("security").isEmpty()) {
        assertThat(response.getStatus()).as(op + " asks a stranger for a token").isEqualTo(401);
        assertThat(response.getHeader("WWW-Authenticate")).as(op.toString()).startsWith("Bearer");
      } else {
        assertThat(response.getStatus()).as(op + " is declared public").isNotIn(401, 403);
      }
    }
  }

  @Test
  void theMainFlowsAnswerAsTheDescriptionSays() throws Exception {
    String user = "openapi-" + System.nanoTime();
    long orange = organizations.all().stream().filter(o -> o.name().equals("France Telecom Orange")).findFirst()
        .orElseThrow().id().value();
    accounts.create(new NewAccount(user, user + "@orange.example", "Olga Api",
        new org.plenary.account.OrganizationId(orange), "FR", Set.of()), user + "-pass-123", false);
    String token = valid("POST", "/api/v1/tokens", post("/api/v1/tokens").contentType(MediaType.APPLICATION_JSON)
        .content("{\"username\":\"" + user + "\",\"password\":\"" + user + "-pass-123\"}"), 201)
        .replaceAll(".*\"token\":\"([^\"]+)\".*", "Bearer $1");
    valid("POST", "/api/v1/tokens", post("/api/v1/tokens").contentType(MediaType.APPLICATION_JSON)
        .content("{\"username\":\"" + user + "\",\"password\":\"wrong\"}"), 401);
    valid("GET", "/api/v1/groups", get("/api/v1/groups"), 200);
    valid("GET", "/api/v1/groups/cloud", get("/api/v1/groups/cloud"), 200);
    valid("GET", "/api/v1/groups/cloud/meetings", get("/api/v1/groups/cloud/meetings"), 200);
    String meeting = "/api/v1/groups/cloud/meetings/" + code;
    valid("GET", meeting, get(meeting), 200);
    valid("GET", "/api/v1/organizations", get("/api/v1/organizations"), 200);

    String number = valid("POST", meeting + "/contributions", post(meeting + "/contributions").header("Authorization", token)
        .contentType(MediaType.APPLICATION_JSON).content("{\"title\":\"Contract check\",\"source\":\"Orange\"}"), 201)
        .replaceAll(".*\"number\":\"([^\"]+)\".*", "$1");
    valid("GET", "/api/v1/contributions/" + number, get("/api/v1/contributions/" + number), 200);
    valid("POST", meeting + "/contributions", post(meeting + "/contributions").header("Authorization", token)
        .contentType(MediaType.APPLICATION_JSON).content("{\"title\":\"\"}"), 400);
    valid("POST", "/api/v1/contributions/" + number + "/files", multipart("/api/v1/contributions/" + number + "/files")
        .file(new MockMultipartFile("file", number + ".docx", "application/octet-stream", "text".getBytes(StandardCharsets.UTF_8)))
        .header("Authorization", token), 201);
    valid("POST", "/api/v1/contributions/" + number + "/publish", post("/api/v1/contributions/" + number + "/publish")
        .header("Authorization", tokens.bearer("tsb")), 200);
    valid("GET", meeting + "/contributions", get(meeting + "/contributions"), 200);
    valid("GET", meeting + "/contributions", get(meeting + "/contributions?limit=1"), 200);
    valid("GET", meeting + "/contributions", get(meeting + "/contributions?limit=0"), 400);
    valid("GET", "/api/v1/contributions/" + number + "/audit", get("/api/v1/contributions/" + number + "/audit"), 200);
    valid("GET", "/api/v1/contributions/FG-Cloud-I-9999", get("/api/v1/contributions/FG-Cloud-I-9999"), 404);

    String registration = valid("POST", meeting + "/registrations", post(meeting + "/registrations")
        .header("Authorization", token).contentType(MediaType.APPLICATION_JSON)
        .content("{\"fullName\":\"Olga Api\",\"email\":\"" + user + "@orange.example\",\"organizationId\":" + orange
            + ",\"countryCode\":\"FR\",\"attendance\":\"IN_PERSON\"}"), 201);
    String id = registration.replaceAll(".*\"id\":(\\d+).*", "$1");
    valid("GET", "/api/v1/registrations/" + id, get("/api/v1/registrations/" + id).header("Authorization", token), 200);
    valid("POST", "/api/v1/registrations/" + id + "/approve", post("/api/v1/registrations/" + id + "/approve")
        .header("Authorization", tokens.bearer("tsb")), 200);
    valid("GET", meeting + "/registrations", get(meeting + "/registrations").header("Authorization", tokens.bearer("tsb")), 200);
    valid("GET", "/api/v1/registrations/" + id + "/confirmation.pdf",
        get("/api/v1/registrations/" + id + "/confirmation.pdf").header("Authorization", token), 200);
    String visa = valid("POST", "/api/v1/registrations/" + id + "/visa", post("/api/v1/registrations/" + id + "/visa")
        .header("Authorization", token).contentType(MediaType.APPLICATION_JSON).content("""
            {"fullName": "Olga Api", "birthDate": "1980-02-29", "birthPlace": "Lyon", "nationality": "French",
             "passportNumber": "X1234567", "issuingCountry": "France", "issuedOn": "2020-01-01",
             "expiresOn": "2034-01-01", "mission": "Embassy of Switzerland in Paris"}"""), 201)
        .replaceAll(".*\"request\":\\{\"id\":(\\d+).*", "$1");
    valid("GET", "/api/v1/visa/" + visa, get("/api/v1/visa/" + visa).header("Authorization", token), 200);
    String reference = valid("POST", "/api/v1/visa/" + visa + "/approve", post("/api/v1/visa/" + visa + "/approve")
        .header("Authorization", tokens.bearer("tsb")), 200).replaceAll(".*\"reference\":\"([^\"]+)\".*", "$1");
    valid("GET", "/api/v1/visa/" + visa + "/letter.pdf", get("/api/v1/visa/" + visa + "/letter.pdf")
        .header("Authorization", token), 200);
    valid("GET", "/api/v1/visa/verify/" + reference, get("/api/v1/visa/verify/" + reference), 200);
    valid("GET", "/api/v1/visa/verify/X", get("/api/v1/visa/verify/X"), 404);
    valid("GET", "/api/v1/accounts", get("/api/v1/accounts").header("Authorization", token), 403);
  }

  @Test
  void contentTranslationsAreDescribedBesideTheWorkingLanguageFieldsAndAnswerAsDescribed() throws Exception {
    JsonNode schemas = json.readTree(document).get("components").get("schemas");
    assertThat(schemas.get("GroupResource").get("properties").has("translations")).isTrue();
    assertThat(schemas.get("GroupResource").get("properties").has("name")).isTrue();
    assertThat(schemas.get("GroupTranslation").get("properties").has("termsOfReference")).isTrue();
    assertThat(schemas.get("MeetingResource").get("properties").has("translations")).isTrue();
    assertThat(schemas.get("AgendaItem").get("properties").has("translations")).isTrue();
    assertThat(valid("GET", "/api/v1/groups/cloud", get("/api/v1/groups/cloud"), 200))
        .contains("\"translations\":{\"fr\":{\"name\":\"Groupe spécialisé sur l'informatique en nuage\"");
    assertThat(valid("GET", "/api/v1/groups/cloud/meetings/1006-gva", get("/api/v1/groups/cloud/meetings/1006-gva"), 200))
        .contains("\"translations\":{\"fr\":\"Méthodes de travail\",\"zh\":\"工作方法\"}");
  }

  /** Performs the call, checks its status, validates the response against the description and returns its body. */
  private String valid(String method, String path, RequestBuilder call, int status) throws Exception {
    MockHttpServletResponse response = mvc.perform(call).andReturn().getResponse();
    String body = response.getContentAsString(StandardCharsets.UTF_8);
    assertThat(response.getStatus()).as(method + " " + path + ": " + body).isEqualTo(status);
    var answer = SimpleResponse.Builder.status(response.getStatus());
    if (response.getContentType() != null) {
      answer.withContentType(response.getContentType());
    }
    if (!body.isEmpty()) {
      answer.withBody(body);
    }
    ValidationReport report = validator.validateResponse(path, Request.Method.valueOf(method), answer.build());
    assertThat(report.hasErrors()).as(method + " " + path + "\n" + SimpleValidationReportFormat.getInstance()
        .apply(report) + "\n" + body).isFalse();
    return body;
  }

  private record Op(String method, String path, JsonNode node) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  private List<Op> operations() {
    var all = new ArrayList<Op>();
    json.readTree(document).get("paths").properties().forEach(path -> path.getValue().properties().forEach(op ->
        all.add(new Op(op.getKey().toUpperCase(), path.getKey(), op.getValue()))));
    return all;
  }

  private static void collect(JsonNode node, String field, List<String> into) {
    if (node.isObject()) {
      node.properties().forEach(entry -> {
        if (entry.getKey().equals(field) && entry.getValue().isString()) {
          into.add(entry.getValue().asString());
        }
        collect(entry.getValue(), field, into);
      });
    } else if (node.isArray()) {
      node.forEach(child -> collect(child, field, into));
    }
  }
}
