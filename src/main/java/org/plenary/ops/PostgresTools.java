package org.plenary.ops;

import java.io.IOException;
import java.net.URI;

/** Runs pg_dump or pg_restore with the JDBC URL's host, port and database, and the configured user and password. */
final class PostgresTools {

  private PostgresTools() {}

  static String database(BackupTarget target) {
    return URI.create(target.url().substring("jdbc:".length())).getPath().substring(1);
  }

  static void run(BackupTarget target, String tool, String... arguments) throws IOException, InterruptedException {
    URI uri = URI.create(target.url().substring("jdbc:".length()));
    var command = new java.util.ArrayList<String>();
    command.add(tool);
    command.addAll(java.util.List.of(arguments));
    var builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("PGHOST", uri.getHost() == null ? "localhost" : uri.getHost());
    builder.environment().put("PGPORT", Integer.toString(uri.getPort() < 0 ? 5432 : uri.getPort()));
    builder.environment().put("PGDATABASE", uri.getPath().substring(1));
    builder.environment().put("PGUSER", target.username());
    builder.environment().put("PGPASSWORD", target.password());
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IOException(tool + " is not on the PATH; a PostgreSQL backup needs pg_dump and pg_restore"
          + " (Debian: postgresql-client) of the server's major version or newer.", e);
    }
    String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IOException(tool + " failed: " + output.strip());
    }
  }
}
