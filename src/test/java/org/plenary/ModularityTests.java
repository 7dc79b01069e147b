package org.plenary;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

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
}
