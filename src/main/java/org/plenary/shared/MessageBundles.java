package org.plenary.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Objects;
import java.util.TreeSet;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The one message source of pages, mails, PDFs and problems: {@code messages.properties} plus every
 * bundle under {@code i18n/messages/} (one per module, keys prefixed with the module's name), each
 * with a file per language ({@code registration_fr.properties} …), read as UTF-8. A module adds its
 * words by adding files; nothing here names them.
 */
@Configuration(proxyBeanMethods = false)
public class MessageBundles {

  static final String FOLDER = "i18n/messages/";

  @Bean
  public MessageSource messageSource() {
    var source = new ResourceBundleMessageSource();
    source.setBasenames(basenames());
    source.setDefaultEncoding("UTF-8");
    source.setFallbackToSystemLocale(false);
    return source;
  }

  /** {@code messages} and each {@code i18n/messages/x} found on the class path, in name order. */
  public static String[] basenames() {
    var names = new TreeSet<String>();
    try {
      var found = new PathMatchingResourcePatternResolver().getResources("classpath*:" + FOLDER + "*.properties");
      Arrays.stream(found).map(r -> r.getFilename()).filter(Objects::nonNull)
          .map(f -> f.substring(0, f.length() - ".properties".length()))
          .map(f -> f.replaceFirst("_[a-z]{2,3}([_-][A-Za-z0-9]+)*$", ""))
          .forEach(f -> names.add(FOLDER + f));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var all = new java.util.ArrayList<String>();
    all.add("messages");
    all.addAll(names);
    return all.toArray(String[]::new);
  }
}
