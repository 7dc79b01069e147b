package org.plenary;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.plenary.shared.PageController;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

class ModularityTests {

  private static final ApplicationModules MODULES = ApplicationModules.of(PlenaryApplication.class);
  private static final JavaClasses CLASSES =
      new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.plenary");

  @Test
  void modulesRespectTheirBoundaries() {
    MODULES.verify();
  }

  @Test
  void nettyTypesAreUsedOnlyInTheFtpModule() {
    noClasses().that().resideOutsideOfPackage("org.plenary.ftp..")
        .should().dependOnClassesThat().resideInAPackage("io.netty..")
        .allowEmptyShould(true).check(CLASSES);
  }

  @Test
  void h2InternalsAreUsedOnlyByItsHousekeeping() {
    noClasses().that().doNotHaveFullyQualifiedName("org.plenary.ops.H2Housekeeping")
        .and().doNotHaveFullyQualifiedName("org.plenary.ops.H2Housekeeping$Reflective")
        .should().dependOnClassesThat().resideInAPackage("org.h2..")
        .check(CLASSES);
  }

  @Test
  void mailIsSentOnlyByTheNotificationModule() {
    noClasses().that().resideOutsideOfPackage("org.plenary.notification..")
        .should().dependOnClassesThat().resideInAnyPackage("org.springframework.mail..", "jakarta.mail..")
        .check(CLASSES);
  }

  @Test
  void thePdfLibraryIsUsedOnlyInThePdfModule() {
    noClasses().that().resideOutsideOfPackage("org.plenary.pdf..")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.pdfbox..", "org.apache.fontbox..")
        .check(CLASSES);
  }

  @Test
  void nothingDependsOnTheLeaves() {
    noClasses().that().resideOutsideOfPackages("org.plenary.web..", "org.plenary.notification..", "org.plenary.demo..",
            "org.plenary.ftp..")
        .should().dependOnClassesThat()
        .resideInAnyPackage("org.plenary.web..", "org.plenary.notification..", "org.plenary.demo..", "org.plenary.ftp..")
        .check(CLASSES);
  }

  @Test
  void onlyTheCollectionClassesWriteSql() {
    noClasses().that().haveSimpleNameEndingWith("Controller")
        .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.jdbc.core.simple.JdbcClient")
        .check(CLASSES);
  }

  /**
   * A controller serves pages ({@link PageController}) or the API ({@code @RestController}), never a bare
   * {@code @Controller}: the pages' advice is chosen by the marker, so a page controller without it would lose its
   * error page and form checks, and an API controller with it would run them on every request.
   */
  @Test
  void everyControllerIsAPageOrAnApiController() {
    classes().that().areMetaAnnotatedWith(Controller.class).and().areNotAnnotations()
        .and().areNotMetaAnnotatedWith(RestController.class)
        .should().beAnnotatedWith(PageController.class).check(CLASSES);
    noClasses().that().areMetaAnnotatedWith(RestController.class)
        .should().beMetaAnnotatedWith(PageController.class).check(CLASSES);
  }

  /**
   * Each table belongs to one module (the one its {@code V{nnn}__{module}_…} migration names): a module writes
   * ({@code INSERT}, {@code UPDATE}, {@code DELETE}) and locks ({@code … FOR UPDATE}) only its own, and asks the owner
   * (a method of its public API) for anything more, as {@code GroupCatalog.lockForChange} for a group's row. Tables of
   * migrations that name no module (translations, nodes, Modulith's) are left out. Read from the sources, where the
   * SQL is written.
   */
  @Test
  void eachModuleWritesAndLocksOnlyItsOwnTables() throws java.io.IOException {
    java.nio.file.Path sources = java.nio.file.Path.of("src/main/java/org/plenary");
    var modules = new java.util.HashSet<String>();
    try (var dirs = java.nio.file.Files.list(sources)) {
      dirs.filter(java.nio.file.Files::isDirectory).forEach(d -> modules.add(d.getFileName().toString()));
    }
    var owner = new java.util.HashMap<String, String>();
    var create = java.util.regex.Pattern.compile("(?i)CREATE TABLE (?:IF NOT EXISTS )?(\\w+)");
    try (var migrations = java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/db/migration"))) {
      for (var migration : migrations.toList()) {
        String module = migration.getFileName().toString().replaceFirst("^V\\d+__([a-z]+)_.*", "$1");
        var tables = create.matcher(java.nio.file.Files.readString(migration));
        while (tables.find()) {
          owner.putIfAbsent(tables.group(1).toLowerCase(java.util.Locale.ROOT), module);
        }
      }
    }
    assertThat(owner).containsEntry("plenary_groups", "group").containsEntry("meetings", "meeting");
    var write = java.util.regex.Pattern.compile("(?i)\\b(?:UPDATE|INSERT INTO|DELETE FROM|MERGE INTO)\\s+(\\w+)");
    var named = java.util.regex.Pattern.compile("(?i)\\b(?:FROM|JOIN)\\s+(\\w+)");
    var faults = new java.util.ArrayList<String>();
    try (var files = java.nio.file.Files.walk(sources)) {
      for (var file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String module = sources.relativize(file).getName(0).toString();
        String text = java.nio.file.Files.readString(file);
        var tables = new java.util.ArrayList<String>();
        var writes = write.matcher(text);
        while (writes.find()) {
          tables.add(writes.group(1));
        }
        for (int lock = text.indexOf("FOR UPDATE"); lock >= 0; lock = text.indexOf("FOR UPDATE", lock + 1)) {
          var locked = named.matcher(text.substring(Math.max(0, text.lastIndexOf("sql(", lock)), lock));
          while (locked.find()) {
            tables.add(locked.group(1));
          }
        }
        for (String table : tables) {
          String of = owner.get(table.toLowerCase(java.util.Locale.ROOT));
          if (of != null && modules.contains(of) && !of.equals(module)) {
            faults.add(sources.relativize(file) + " writes or locks " + table + ", a table of " + of);
          }
        }
      }
    }
    assertThat(faults).isEmpty();
  }
}
