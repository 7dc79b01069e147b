package org.plenary.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.plenary.shared.Names;
import org.plenary.shared.Paged;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The organizations' stored ICU sort keys follow the collations the application runs with: keys another version
 * made (ICU upgraded: here a stale version and keys that order the names backwards) are made again when the
 * application starts, so the list paged in SQL keeps ICU's order; a new organization gets its keys as it is added.
 */
class OrganizationSortKeysTests {

  @Test
  void keysMadeByAnotherVersionOfTheCollationsAreMadeAgainAtStart() {
    var source = new DriverManagerDataSource("jdbc:h2:mem:organization-sort-keys-" + UUID.randomUUID()
        + ";DB_CLOSE_DELAY=-1", "sa", "");
    Flyway.configure().dataSource(source).locations("classpath:db/migration").load().migrate();
    JdbcClient jdbc = JdbcClient.create(source);
    var first = new Organizations(jdbc);
    first.insert("Zèbre", OrganizationCategory.OTHER, null);
    first.insert("Abeille", OrganizationCategory.OTHER, null);
    first.insert("Élan", OrganizationCategory.OTHER, null);
    jdbc.sql("UPDATE organizations SET sort_version = 'icu-before', sort_fr = ? WHERE name = 'Zèbre'")
        .param(new byte[] {1}).update();

    var started = new Organizations(jdbc);
    List<String> names = started.page(Paged.asked(1000, null), Locale.FRENCH).rows().stream()
        .map(Organization::name).filter(List.of("Zèbre", "Abeille", "Élan")::contains).toList();
    assertThat(names).containsExactly("Abeille", "Élan", "Zèbre");
    assertThat(jdbc.sql("SELECT DISTINCT sort_version FROM organizations").query(String.class).list())
        .containsExactly(Names.sortVersion());
  }
}
