package org.plenary.shared;

/** What a JDBC URL ({@code spring.datasource.url}) says of the database behind it. */
public final class JdbcUrls {

  private JdbcUrls() {}

  /** Whether the URL names a PostgreSQL database (false for null or empty: the embedded default). */
  public static boolean postgres(String url) {
    return url != null && url.startsWith("jdbc:postgresql:");
  }
}
