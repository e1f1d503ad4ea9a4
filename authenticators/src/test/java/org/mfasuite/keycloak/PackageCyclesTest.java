package org.mfasuite.keycloak;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The capability packages form a graph without cycles: what several of them share lives in {@code core}, which
 * imports none of them. A slice is the first package segment after {@code org.mfasuite.keycloak}.
 */
class PackageCyclesTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.mfasuite.keycloak");

    @Test
    void noPackageCycles() {
        slices().matching("org.mfasuite.keycloak.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void coreImportsNoCapability() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
                .that().resideInAPackage("org.mfasuite.keycloak.core..")
                .should().dependOnClassesThat().resideOutsideOfPackages("org.mfasuite.keycloak.core..", "java..",
                        "javax..", "jakarta..", "org.keycloak..", "org.jboss..", "com.fasterxml..")
                .check(MAIN);
    }
}
