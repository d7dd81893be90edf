package io.graphqlusers;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layers of the code, as the README's "How it is built" draws them: the features ({@code user}, {@code post},
 * {@code auth}, {@code node}) on top; the GraphQL server ({@code server}: transports, execution, limits, errors) below
 * them; {@code security} (who is asking, tokens, passwords) below that; {@code common}, the kit everyone uses, at the
 * bottom; {@code dev} (the embedded database) beside, used by nobody. Imports go down only, and no two packages import
 * each other, directly or through others.
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.graphqlusers");

    private static final String[] FEATURES = { "io.graphqlusers.user..", "io.graphqlusers.post..",
            "io.graphqlusers.auth..", "io.graphqlusers.node.." };

    static final ArchRule LAYERS = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Features").definedBy(FEATURES)
            .layer("Server").definedBy("io.graphqlusers.server..")
            .layer("Security").definedBy("io.graphqlusers.security..")
            .layer("Common").definedBy("io.graphqlusers.common..")
            .layer("Dev").definedBy("io.graphqlusers.dev..")
            .whereLayer("Features").mayNotBeAccessedByAnyLayer()
            .whereLayer("Server").mayOnlyBeAccessedByLayers("Features")
            .whereLayer("Security").mayOnlyBeAccessedByLayers("Features", "Server")
            .whereLayer("Common").mayOnlyBeAccessedByLayers("Features", "Server", "Security")
            .whereLayer("Dev").mayNotBeAccessedByAnyLayer();

    /** Of the server, features see only what is made for them ({@code server.spi}): the selection, the streams. */
    static final ArchRule FEATURES_USE_THE_SERVERS_SPI_ONLY = noClasses().that().resideInAnyPackage(FEATURES).should()
            .dependOnClassesThat(resideInAPackage("io.graphqlusers.server..")
                    .and(not(resideInAPackage("io.graphqlusers.server.spi.."))));

    /** Every package against every other, sub-packages included: {@code server.http} and {@code server.websocket}. */
    static final ArchRule NO_CYCLES = slices().matching("io.graphqlusers.(**)").should().beFreeOfCycles();

    @Test
    void importsGoDownTheLayersOnly() {
        LAYERS.check(MAIN);
    }

    @Test
    void featuresSeeOnlyTheServersSpi() {
        FEATURES_USE_THE_SERVERS_SPI_ONLY.check(MAIN);
    }

    @Test
    void noPackagesImportEachOther() {
        NO_CYCLES.check(MAIN);
    }

    /** The rules above would pass on no classes at all. */
    @Test
    void theImportSeesTheApplication() {
        for (String name : List.of("io.graphqlusers.user.UserGraphQLApi", "io.graphqlusers.server.http.GraphQLHttpHandler",
                "io.graphqlusers.security.Caller", "io.graphqlusers.common.page.Page",
                "io.graphqlusers.dev.ZonkyLauncher")) {
            assertTrue(MAIN.contain(name), name);
        }
    }
}
