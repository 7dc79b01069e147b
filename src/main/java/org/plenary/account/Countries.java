package org.plenary.account;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.plenary.shared.Names;
import org.plenary.shared.Words;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The ITU Member States: reference data loaded once by the schema migration and never changed.
 * Names are the ITU's English ones, and in the other languages the CLDR names the JDK carries
 * ("Suisse", "Швейцария", "瑞士", "سويسرا"), listed in the reader's alphabetical order.
 */
@Component
public class Countries {

  private final List<Country> all;
  private final Map<String, Country> byCode;

  Countries(JdbcClient jdbc) {
    this.all = jdbc.sql("SELECT code, name FROM countries ORDER BY name")
        .query((rs, n) -> new Country(rs.getString("code"), rs.getString("name")))
        .list();
    this.byCode = all.stream().collect(Collectors.toMap(Country::code, Function.identity()));
  }

  /** Every Member State, named and sorted for the reader. */
  public List<Country> all() {
    return all(Words.reader());
  }

  /** Every Member State, named and sorted in {@code locale}. */
  public List<Country> all(Locale locale) {
    if (english(locale)) {
      return all;
    }
    return Names.sorted(all.stream().map(c -> new Country(c.code(), named(c, locale))).toList(), Country::name, locale);
  }

  public boolean exists(String code) {
    return code != null && byCode.containsKey(code);
  }

  /** The country's name for the reader, or the code itself when it is not a Member State. */
  public String name(String code) {
    return name(code, Words.reader());
  }

  /** The country's name in {@code locale}, or the code itself when it is not a Member State. */
  public String name(String code, Locale locale) {
    Country country = code == null ? null : byCode.get(code);
    return country == null ? code : named(country, locale);
  }

  private static String named(Country country, Locale locale) {
    if (english(locale)) {
      return country.name();
    }
    String local = Locale.of("", country.code()).getDisplayCountry(locale);
    return local.isBlank() || local.equals(country.code()) ? country.name() : local;
  }

  private static boolean english(Locale locale) {
    return locale == null || "en".equals(locale.getLanguage());
  }
}
