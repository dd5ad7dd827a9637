package org.synthehr.spark;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The module boundaries of ARCHITECTURE.md, checked on the compiled classes of every module. */
class ModuleBoundariesTest {
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.synthehr");

  @Test
  void sparkOnlyInSparkJobs() {
    noClasses().that().resideOutsideOfPackage("org.synthehr.spark..")
        .should().dependOnClassesThat().resideInAPackage("org.apache.spark..")
        .check(CLASSES);
  }

  @Test
  void djlOnlyInGenerator() {
    noClasses().that().resideOutsideOfPackage("org.synthehr.generator..")
        .should().dependOnClassesThat().resideInAPackage("ai.djl..")
        .check(CLASSES);
  }

  @Test
  void dependenciesPointOneWay() {
    noClasses().that().resideInAPackage("org.synthehr.core..")
        .should().dependOnClassesThat().resideInAnyPackage("org.synthehr.generator..",
            "org.synthehr.evaluator..", "org.synthehr.privacy..", "org.synthehr.spark..")
        .check(CLASSES);
    noClasses().that().resideInAPackage("org.synthehr.generator..")
        .should().dependOnClassesThat().resideInAnyPackage("org.synthehr.evaluator..",
            "org.synthehr.privacy..", "org.synthehr.spark..")
        .check(CLASSES);
    noClasses().that().resideInAnyPackage("org.synthehr.evaluator..", "org.synthehr.privacy..")
        .should().dependOnClassesThat().resideInAPackage("org.synthehr.spark..")
        .check(CLASSES);
  }
}
