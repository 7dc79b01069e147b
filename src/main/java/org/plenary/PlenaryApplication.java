package org.plenary;

import java.time.Clock;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableAsync;

/** Plenary: a self-hosted secretariat for standards focus groups. */
@SpringBootApplication
@EnableAsync
@org.springframework.scheduling.annotation.EnableScheduling
public class PlenaryApplication {

  /**
   * {@code --demo} on the command line switches on the demo profile (FG Cloud and the demo sign-ins);
   * {@code verify <folder-or-zip>} checks a download against its manifest instead of starting;
   * {@code backup}, {@code restore} and {@code backup-verify} work on backups instead of starting.
   */
  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("verify")) {
      // Checks a downloaded folder or ZIP without starting the server (no database, no ports).
      System.exit(org.plenary.archive.Verifier.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
    }
    if (args.length > 0 && org.plenary.ops.BackupCommand.NAMES.contains(args[0])) {
      // Backs up, restores or checks a backup without starting the server (README "Backup and restore").
      System.exit(org.plenary.ops.BackupCommand.run(args, System.out, System.err));
    }
    SpringApplication application = new SpringApplication(PlenaryApplication.class);
    if (Arrays.asList(args).contains("--demo")) {
      application.setAdditionalProfiles("demo");
      // The demo's Circular 114 is issued once the server answers (demo.DemoStart); a command-line value wins.
      application.setDefaultProperties(java.util.Map.of("plenary.demo.circular-after-start", "true"));
    }
    application.run(args);
  }

  /**
   * Instants only: every date is taken in a zone each check names (the meeting's, UTC, or the first and
   * last to reach a date: {@code Times}), never the server's, so a server in any zone judges alike.
   */
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
