package org.plenary.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.core.StreamReadFeature;

/**
 * The mapper that reads every JSON body of the API, the HTTP converter's only, so that what the server reads
 * back of its own (events, manifests) is never refused for text stored before these rules: every string is
 * typed text ({@link StoredText}), and an object that names a field twice is refused
 * ({@code {"attendance": "REMOTE", "attendance": "IN_PERSON"}}). Jackson kept the last of the two while a
 * proxy, a filter or a log that reads the first saw the other value; RFC 8259 leaves it to each reader,
 * I-JSON (RFC 7493) forbids it. The problem names the field ({@link JsonBodyProblems}).
 */
@Configuration(proxyBeanMethods = false)
class ApiJson implements WebMvcConfigurer {

  /** How Jackson's reader begins when an object names a field twice, followed by the name in quotes. */
  static final String DUPLICATE = "Duplicate Object property \"";

  @Override
  public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
    builder.configureMessageConvertersList(converters -> converters.replaceAll(
        converter -> converter instanceof JacksonJsonHttpMessageConverter json
            ? new JacksonJsonHttpMessageConverter(json.getMapper().rebuild().addModule(StoredText.module())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            : converter));
  }
}
