package org.plenary.ops;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Locale;
import org.plenary.shared.JdbcUrls;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, lets the driver send a batch of inserts as one multi-row statement
 * ({@code reWriteBatchedInserts=true}): the number allocator, registrations and the mail outbox insert
 * a batch's rows together, and the server then parses, plans and runs one statement instead of one a
 * row. A default only: {@code reWriteBatchedInserts} in the URL, or
 * {@code spring.datasource.hikari.data-source-properties.reWriteBatchedInserts}, wins. Nothing is set
 * for other databases (H2 refuses settings it does not know). Applied to the pool once its settings
 * are bound, before its first connection.
 */
@Component
class PostgresBatchedInserts implements BeanPostProcessor {

  static final String REWRITE = "reWriteBatchedInserts";

  @Override
  public Object postProcessAfterInitialization(Object bean, String name) {
    if (bean instanceof HikariDataSource pool && applies(pool.getJdbcUrl())
        && !pool.getDataSourceProperties().containsKey(REWRITE)) {
      pool.addDataSourceProperty(REWRITE, "true");
    }
    return bean;
  }

  static boolean applies(String url) {
    return JdbcUrls.postgres(url)
        && !url.toLowerCase(Locale.ROOT).contains(REWRITE.toLowerCase(Locale.ROOT));
  }
}
