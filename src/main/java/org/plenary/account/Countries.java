package org.plenary.account;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The ITU Member States: reference data loaded once by the schema migration and never changed. */
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

  public List<Country> all() {
    return all;
  }

  public boolean exists(String code) {
    return code != null && byCode.containsKey(code);
  }

  /** The country's name, or the code itself when it is not a Member State. */
  public String name(String code) {
    Country country = code == null ? null : byCode.get(code);
    return country == null ? code : country.name();
  }
}
