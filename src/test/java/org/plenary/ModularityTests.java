package org.plenary;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

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
}
