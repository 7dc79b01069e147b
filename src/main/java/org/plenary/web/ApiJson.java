package org.plenary.web;

import org.springframework.context.annotation.Configuration;
import java.util.Set;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;

/**
 * The API speaks JSON only (no XML, YAML, CBOR or Smile, which Jackson's other converters offered). The mapper
 * that reads every JSON body of the API, the HTTP converter's only, so that what the server reads
 * back of its own (events, manifests) is never refused for text stored before these rules: every string is
 * typed text ({@link StoredText}), and an object that names a field twice is refused
 * ({@code {"attendance": "REMOTE", "attendance": "IN_PERSON"}}). Jackson kept the last of the two while a
 * proxy, a filter or a log that reads the first saw the other value; RFC 8259 leaves it to each reader,
 * I-JSON (RFC 7493) forbids it. The problem names the field ({@link JsonBodyProblems}).
 *
 * <p>Nor is a property the request does not take ignored ({@code "expiresAt"} sent to the token API, a misspelt
 * {@code "titel"}): the client believed it set something, so the body is refused naming the property. The properties
 * a resource's GET answers and its PUT does not take (its id, status, computed dates) are the exception, so that what a
 * client read can be sent back as it was: each request type names them with {@code @JsonIgnoreProperties}, which the
 * description shows as {@code readOnly} properties of that request ({@link OpenApiConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
class ApiJson implements WebMvcConfigurer {

  /** How Jackson's reader begins when an object names a field twice, followed by the name in quotes. */
  static final String DUPLICATE = "Duplicate Object property \"";

  /** Subtypes of the formats the API does not speak; a converter that speaks only those is dropped (Jackson 2 and 3 alike). */
  private static final Set<String> OTHER_FORMATS = Set.of("xml", "yaml", "x-yaml", "cbor", "x-jackson-smile");

  private static boolean otherFormat(HttpMessageConverter<?> converter) {
    var types = converter.getSupportedMediaTypes();
    return !types.isEmpty() && types.stream().allMatch(type -> OTHER_FORMATS.contains(type.getSubtypeSuffix() != null
        ? type.getSubtypeSuffix() : type.getSubtype()));
  }

  @Override
  public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
    builder.configureMessageConvertersList(converters -> {
      // JSON only: Jackson's XML, YAML, CBOR and Smile converters (on the class path for other libraries) answered
      // any API read in the format its Accept named, which the description declares nowhere, and read bodies sent
      // in them past the rules below (typed text, a field named twice).
      converters.removeIf(ApiJson::otherFormat);
      converters.replaceAll(converter -> converter instanceof JacksonJsonHttpMessageConverter json
          ? new JacksonJsonHttpMessageConverter(json.getMapper().rebuild().addModule(StoredText.module())
              .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
              .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build())
          : converter);
    });
  }
}
