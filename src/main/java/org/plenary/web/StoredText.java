package org.plenary.web;

import java.beans.PropertyEditorSupport;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;

/**
 * Text that people type (a title, a name, an address, an agenda item) takes no control character but tab
 * and line breaks, nor U+FFFE and U+FFFF: PostgreSQL stores no NUL (an allocation titled with one was a 500,
 * "invalid byte sequence for encoding UTF8: 0x00", where the embedded database kept it), and XML (the Atom
 * feed, Office documents) takes none of the others. Refused where all text comes in: every string of an API
 * body (a problem naming the field) and every text a page's form binds (a field error beside the field).
 */
@Configuration(proxyBeanMethods = false)
class StoredText implements WebMvcConfigurer {

  /** Whether {@code text} holds a character no stored text may hold. */
  static boolean refused(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == '\uFFFE' || c == '\uFFFF') {
        return true;
      }
    }
    return false;
  }

  /**
   * Every string of a JSON body the API reads, wherever it stands (a field, a list, a map's value): on the
   * HTTP converter's mapper only, so that what the server reads back of its own (events, manifests) is never
   * refused for text stored before this rule.
   */
  @Override
  public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
    builder.configureMessageConvertersList(converters -> converters.replaceAll(
        converter -> converter instanceof JacksonJsonHttpMessageConverter json
            ? new JacksonJsonHttpMessageConverter(json.getMapper().rebuild().addModule(module()).build()) : converter));
  }

  private static SimpleModule module() {
    return new SimpleModule("plenary-stored-text").addDeserializer(String.class, new StringDeserializer() {
      @Override
      public String deserialize(JsonParser parser, DeserializationContext context) {
        String text = super.deserialize(parser, context);
        if (text != null && refused(text)) {
          throw InvalidFormatException.from(parser, "A control character in text", text, String.class);
        }
        return text;
      }
    });
  }

  /** Every text a page's form binds ({@link PageErrorHandler} registers it on each binder). */
  static final class Editor extends PropertyEditorSupport {

    @Override
    public void setAsText(String text) {
      if (text != null && refused(text)) {
        throw new IllegalArgumentException("A control character in text");
      }
      setValue(text);
    }
  }
}
