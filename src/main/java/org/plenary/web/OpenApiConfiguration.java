package org.plenary.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.plenary.account.AccountId;
import org.plenary.account.OrganizationId;
import org.plenary.group.GroupId;
import org.plenary.meeting.MeetingId;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;

/**
 * The OpenAPI description at {@code /v3/api-docs}, kept true to what the server sends: security
 * per operation (an operation needs a token exactly when its controller says
 * {@code @PreAuthorize} or acts for the signed-in account), the RFC 9457 problems each operation can answer (503 with
 * {@code Retry-After} on every one, 507 on every one that writes), binary bodies for PDFs
 * and CSV, and id records described as the plain numbers they are written as.
 */
@Configuration
class OpenApiConfiguration {

  static final String TOKEN = "token";
  private static final String PROBLEM_REF = "#/components/schemas/Problem";
  private static final String RETRY_AFTER_REF = "#/components/headers/Retry-After";
  private static final Map<Integer, String> REASONS = Map.ofEntries(
      Map.entry(400, "The request is invalid (see `errors`)."),
      Map.entry(401, "No valid token was sent."),
      Map.entry(403, "The token's account may not do this."),
      Map.entry(404, "There is no such resource."),
      Map.entry(406, "None of the media types the request's Accept names is one this operation answers in."),
      Map.entry(409, "The resource's state does not allow this now."),
      Map.entry(410, "The resource was withdrawn."),
      Map.entry(413, "The body is larger than the server accepts (an upload: plenary.contributions.max-size; any other body: plenary.api.max-body-size)."),
      Map.entry(415, "The request body has a media type this operation does not take."),
      Map.entry(429, "Too many failed attempts: wait until the time the problem gives."),
      Map.entry(503, "The server is busy: too many of this client's (or of all clients') requests are still sending their "
          + "bodies or being read slowly, or the database cannot be reached. Nothing was read or changed; try again "
          + "after Retry-After seconds."),
      Map.entry(507, "The server's disk (or the document store's quota) is full: nothing of this request was kept; try again "
          + "once the secretariat has made room."));
  /** A PDF's own 503, beside the server's. */
  private static final String PDF_BUSY = "Too many documents are being prepared at once (PDFs are painted a few at a "
      + "time), or the server is busy (see any other operation's 503): nothing was changed; try again after "
      + "Retry-After seconds.";

  static {
    // The id records are written as their number (@JsonValue): describe them so.
    for (Class<?> id : List.of(AccountId.class, OrganizationId.class, GroupId.class, MeetingId.class)) {
      SpringDocUtils.getConfig().replaceWithClass(id, Long.class);
    }
    // A local time of day has no standard format: say it with a pattern instead of "time-local".
    // Every one of them is optional (opening time, desk time, arrival time), hence nullable. Answers
    // write it with seconds ("09:30:00", as Jackson writes LocalTime), which the example shows; requests may omit them.
    SpringDocUtils.getConfig().replaceWithSchema(LocalTime.class,
        new StringSchema().pattern("^[0-2][0-9]:[0-5][0-9](:[0-5][0-9])?$").example("09:30:00").nullable(true)
            .description("A local time of day in the meeting's time zone: HH:mm:ss in answers; HH:mm is accepted in requests."));
  }

  @Bean
  OpenAPI plenaryOpenApi() {
    return new OpenAPI()
        .info(new Info().title("Plenary API").version("v1")
            .description("Groups, meetings, registrations, contributions and visa letters of standards focus "
                + "groups. Public reads need no token; everything else needs a personal access token from "
                + "POST /api/v1/tokens, sent as Authorization: Bearer (in that header only, never in the query). The "
                + "same token reads the downloads outside /api/v1 as its account: the document folders under /t/, the "
                + "feeds (.atom, .ics), CSV lists and PDFs; without it, one that needs a sign-in is 401 with "
                + "WWW-Authenticate: Bearer. Errors are RFC 9457 problems "
                + "(application/problem+json) whose title and detail (and each errors[].message) are in the language "
                + "of Accept-Language, one of en, fr, es, ru, zh and ar (else English); type, status, field names and "
                + "codes never change with it. A text's maxLength counts characters (code points), as JSON Schema "
                + "does: a character beyond U+FFFF counts one."))
        // Relative: the address the description was read from. Springdoc otherwise writes the request's own
        // Host header here, so a forged Host (through a proxy or a cache) sent Swagger UI's calls, and the
        // token typed into it, to whatever site that header named.
        .servers(List.of(new Server().url("/").description("This server: the address this description was read from.")))
        .components(new Components()
            .addSecuritySchemes(TOKEN, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("A personal access token from POST /api/v1/tokens.")));
  }

  /** Security, problem responses and media types of one operation, from its handler method. */
  @Bean
  OperationCustomizer operationTruth() {
    return (operation, handler) -> {
      boolean secured = secured(handler);
      // Public operations say so with an empty list, so that no tool assumes a default.
      operation.setSecurity(secured ? List.of(new SecurityRequirement().addList(TOKEN)) : List.of());
      RequestMethod method = httpMethod(handler);
      List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
      boolean pathVariables = parameters.stream().anyMatch(p -> "path".equals(p.getIn()));
      boolean inputs = !parameters.isEmpty() || operation.getRequestBody() != null;
      ApiResponses responses = operation.getResponses();
      if (inputs) {
        problem(responses, 400);
      }
      if (secured) {
        problem(responses, 401);
        problem(responses, 403);
      }
      if (pathVariables) {
        problem(responses, 404);
      }
      // A PDF exists only in some states of what it prints (a visa letter once approved, a confirmation
      // once the registration is): reading it before is a 409 too.
      if (secured && method != RequestMethod.GET || producesPdf(handler)) {
        problem(responses, 409);
      }
      if (producesPdf(handler)) {
        responses.computeIfAbsent("503", code -> new ApiResponse().description(PDF_BUSY));
      }
      // A paged list (shared.Paged): its next page in Link, and a limit or cursor it cannot take refused naming it.
      if (parameters.stream().anyMatch(p -> "cursor".equals(p.getName()))) {
        pagedList(responses);
      }
      // Any request whose Accept names none of the operation's media types.
      problem(responses, 406);
      // Any request: the gates on slow bodies and slow readers (web.BodyReadGate, web.SlowReaderGate) and a database
      // out of reach answer it before, or instead of, the operation.
      problem(responses, 503);
      if (operation.getRequestBody() != null) {
        // A multipart upload past the upload limit, any other body past plenary.api.max-body-size.
        problem(responses, 415);
        problem(responses, 413);
      }
      // Anything that writes (the document store, the database's files, a mail queued) may meet a full disk:
      // ops.UnavailableAnswers answers it 507, nothing kept. Reads write nothing.
      if (method != RequestMethod.GET && method != RequestMethod.HEAD && method != RequestMethod.OPTIONS) {
        problem(responses, 507);
      }
      return operation;
    };
  }

  /**
   * A country code lists the codes it takes ({@code enum}), a time zone says what it is and what it looks like
   * ({@code pattern}): what {@link org.plenary.shared.CountryCode} and {@link org.plenary.shared.TimeZoneId} refuse.
   */
  @Bean
  PropertyCustomizer countriesAndZones() {
    return (property, type) -> {
      for (java.lang.annotation.Annotation annotation : type.getCtxAnnotations() == null
          ? new java.lang.annotation.Annotation[0] : type.getCtxAnnotations()) {
        if (annotation instanceof org.plenary.shared.CountryCode) {
          describe(property, new java.util.TreeSet<>(org.plenary.shared.CountryCode.CODES), null,
              "An ISO 3166-1 alpha-2 country code, upper case (CH).");
        } else if (annotation instanceof org.plenary.shared.TimeZoneId) {
          describe(property, null, org.plenary.shared.TimeZoneId.PATTERN, "A region of the IANA time zone database as "
              + "java.time knows it (Europe/Zurich): not an offset (+02:00, UTC+2) nor an abbreviation (CET).");
        }
      }
      return property;
    };
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static void describe(Schema property, java.util.Collection<String> values, String pattern, String description) {
    if (values != null) {
      property.setEnum(new java.util.ArrayList<>(values));
    }
    if (pattern != null) {
      property.setPattern(pattern);
    }
    property.setDescription(property.getDescription() == null ? description : property.getDescription() + " " + description);
  }

  /**
   * Problem responses declared on a method ({@code @ApiResponse(responseCode = "429")}) get the
   * problem body too; non-JSON bodies (PDF, CSV, Atom) are binary strings, not byte arrays.
   */
  @Bean
  OpenApiCustomizer problemBodiesAndBinaries() {
    return api -> {
      api.getComponents().addSchemas("Problem", problemSchema()).addHeaders("Retry-After", new Header()
          .description("Whole seconds to wait before trying again.").schema(new IntegerSchema().format("int32")));
      api.getPaths().values().forEach(path -> path.readOperations().forEach(operation ->
        operation.getResponses().forEach((code, response) -> {
          if (code.startsWith("4") || code.startsWith("5")) {
            response.setContent(problemContent());
            if (code.equals("429") || code.equals("503")) {
              response.addHeaderObject("Retry-After", new Header().$ref(RETRY_AFTER_REF));
            }
            if (response.getDescription() == null || response.getDescription().isBlank()) {
              response.setDescription(REASONS.getOrDefault(Integer.parseInt(code), "A problem."));
            }
          } else if (response.getContent() != null) {
            response.getContent().forEach((type, media) -> {
              if (!type.contains("json")) {
                media.setSchema(new StringSchema().format("binary"));
              }
            });
          }
        })));
    };
  }

  /** Whether the operation needs a token: it says {@code @PreAuthorize}, or it acts for the signed-in account. */
  private static boolean secured(HandlerMethod handler) {
    return AnnotatedElementUtils.hasAnnotation(handler.getMethod(), PreAuthorize.class)
        || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), PreAuthorize.class)
        || Arrays.stream(handler.getMethodParameters()).anyMatch(p -> p.hasParameterAnnotation(AuthenticationPrincipal.class));
  }

  /** Whether the operation answers a PDF, painted on the request, a few at a time (pdf.PdfRenderer). */
  private static boolean producesPdf(HandlerMethod handler) {
    RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
    return mapping != null && Arrays.asList(mapping.produces()).contains(org.springframework.http.MediaType.APPLICATION_PDF_VALUE);
  }

  private static RequestMethod httpMethod(HandlerMethod handler) {
    RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
    return mapping == null || mapping.method().length == 0 ? RequestMethod.GET : mapping.method()[0];
  }

  private static void pagedList(ApiResponses responses) {
    ApiResponse ok = responses.get("200");
    if (ok != null && (ok.getHeaders() == null || !ok.getHeaders().containsKey("Link"))) {
      ok.addHeaderObject("Link", new Header().description("`<…?limit=N&cursor=C>; rel=\"next\"` while the list goes on: "
          + "follow it as it is").schema(new Schema<>().type("string")));
    }
    ApiResponse refused = responses.computeIfAbsent("400", code -> new ApiResponse());
    if (refused.getDescription() == null || refused.getDescription().equals(REASONS.get(400))) {
      refused.description("A `limit` outside 1-1000, or a `cursor` that this list did not hand out (or whose last row "
          + "was removed since), naming the parameter; or another parameter refused, naming it.");
    }
  }

  private static void problem(ApiResponses responses, int status) {
    responses.computeIfAbsent(String.valueOf(status), code -> new ApiResponse().description(REASONS.get(status)));
  }

  private static Content problemContent() {
    return new Content().addMediaType("application/problem+json",
        new MediaType().schema(new Schema<>().$ref(PROBLEM_REF)));
  }

  @SuppressWarnings("rawtypes")
  private static Schema problemSchema() {
    Schema error = new ObjectSchema().addProperty("field", new StringSchema()).addProperty("message", new StringSchema());
    return new ObjectSchema().description("An RFC 9457 problem.")
        .addProperty("type", new StringSchema().format("uri-reference")._default("about:blank"))
        .addProperty("title", new StringSchema())
        .addProperty("status", new IntegerSchema().format("int32"))
        .addProperty("detail", new StringSchema())
        .addProperty("instance", new StringSchema().format("uri-reference"))
        .addProperty("errors", new ArraySchema().items(error).description("The invalid fields (400 only)."))
        .required(List.of("status"));
  }
}
