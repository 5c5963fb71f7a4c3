package io.netcron.server.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package graph of the server's main code (docs/architecture.md): one way (also among the
 * Quartz adapter's sub-packages), Quartz behind its adapter, and no compile-time use of the
 * {@code jobs/} module (its job types are found on the class path at run time). Plain Jupiter
 * tests over ArchUnit's core, so they run in {@code ./test} and in {@code ./test -Pfast}.
 */
class ArchitectureTest
{
    private static final String SERVER = "io.netcron.server";
    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses()
    {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(SERVER);
    }

    @Test
    void packagesFormNoCycle()
    {
        // one slice per top-level package; the root package (Main) is a slice of its own, so
        // Main <-> cli counts as a cycle too
        ArchRule rule = slices().assignedFrom(TOP_LEVEL_PACKAGE)
                .should().beFreeOfCycles()
                .as("server packages form no cycle");
        rule.check(main);
    }

    @Test
    void quartzSubPackagesFormNoCycle()
    {
        // store, triggers, misfire, firing, sync (docs/architecture.md, "The Quartz adapter")
        ArchRule rule = slices().matching(SERVER + ".quartz.(*)..")
                .should().beFreeOfCycles()
                .as("the Quartz adapter's sub-packages form no cycle");
        rule.check(main);
    }

    @Test
    void quartzSubPackagesDoNotUseTheAdaptersWiring()
    {
        // QuartzModule and QuartzService sit above every sub-package (the slices above leave them out)
        ArchRule rule = noClasses()
                .that().resideInAPackage(SERVER + ".quartz.*..")
                .should().dependOnClassesThat().resideInAPackage(SERVER + ".quartz")
                .as("the Quartz adapter's sub-packages do not use io.netcron.server.quartz itself (QuartzModule, QuartzService)");
        rule.check(main);
    }

    @Test
    void onlyTheQuartzAdapterUsesQuartz()
    {
        ArchRule rule = noClasses()
                .that().resideOutsideOfPackages(SERVER + ".quartz..", SERVER + ".schedule..")
                .should().dependOnClassesThat().resideInAPackage("org.quartz..")
                .as("only io.netcron.server.quartz (and schedule, for the cron parser) use org.quartz");
        rule.check(main);
    }

    @Test
    void scheduleUsesOnlyQuartzsCronParser()
    {
        ArchRule rule = noClasses()
                .that().resideInAPackage(SERVER + ".schedule..")
                .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "Quartz classes other than CronExpression",
                        (JavaClass type) -> type.getPackageName().startsWith("org.quartz") && !type.getName().equals("org.quartz.CronExpression")))
                .as("schedule uses Quartz's cron parser only, never its scheduler");
        rule.check(main);
    }

    @Test
    void serverDoesNotCompileAgainstTheJobsModule()
    {
        ArchRule rule = noClasses()
                .should().dependOnClassesThat().resideInAPackage("io.netcron.jobs..")
                .as("server main code does not use the jobs/ module's classes (it finds them at run time)");
        rule.check(main);
    }

    private static final SliceAssignment TOP_LEVEL_PACKAGE = new SliceAssignment()
    {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass)
        {
            String name = javaClass.getPackageName();
            if (name.equals(SERVER)) {
                return SliceIdentifier.of("(root)");
            }
            if (!name.startsWith(SERVER + ".")) {
                return SliceIdentifier.ignore();
            }
            String rest = name.substring(SERVER.length() + 1);
            int dot = rest.indexOf('.');
            return SliceIdentifier.of(dot < 0 ? rest : rest.substring(0, dot));
        }

        @Override
        public String getDescription()
        {
            return "top-level packages of " + SERVER;
        }
    };
}
