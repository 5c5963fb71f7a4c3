package io.netcron.server.script;

import io.netcron.server.catalog.JobKind;
import io.netcron.server.catalog.JobType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class ScriptDiscoveryTest
{
    @TempDir
    Path directory;

    @Test
    void headerLinesGiveTheMetadata()
    {
        ScriptHeader header = ScriptHeader.parse(List.of(
                "#!/usr/bin/env bash",
                "# netcron: name = backup-switches",
                "# netcron: description = Copies configs, then checks them",
                "#   netcron: schedule: 0 2 * * *",
                "# netcron: time-zone = Europe/Berlin",
                "// netcron: max_runtime = 20m",
                "# netcron: credentials = switches, backup-share",
                "# netcron: colour = blue",
                "echo '# netcron: name = not-a-header-because-not-a-comment'"));
        assertThat(header.shebangLine()).contains("/usr/bin/env bash");
        assertThat(header.get("name")).contains("backup-switches");
        assertThat(header.get("description")).contains("Copies configs, then checks them");
        assertThat(header.get("schedule")).contains("0 2 * * *");
        assertThat(header.get("time_zone")).contains("Europe/Berlin");
        assertThat(header.get("max_runtime")).contains("20m");
        assertThat(header.credentials()).containsExactly("switches", "backup-share");
        assertThat(header.unknownKeys()).containsExactly("colour");
    }

    @Test
    void baseTaskAttributesAreParsedNotExecuted()
    {
        Optional<BaseTaskSource> task = BaseTaskSource.parse("""
                import os
                os.system("touch /tmp/should-never-run")

                class Ping(BaseTask):
                    name: str = "ping_sweep"
                    description = "Pings, \\"fast\\""
                    default_schedule = None
                    max_runtime = 3_600  # one hour
                    category = CATEGORY

                    def execute(self):
                        name = "inner"
                        return {"cred": get_credential('switches')}
                """);
        assertThat(task).isPresent();
        assertThat(task.get().className()).isEqualTo("Ping");
        assertThat(task.get().string("name")).contains("ping_sweep");
        assertThat(task.get().string("description")).contains("Pings, \"fast\"");
        assertThat(task.get().string("default_schedule")).isEmpty();
        assertThat(task.get().number("max_runtime")).contains(3600L);
        assertThat(task.get().unreadable()).containsExactly("category = CATEGORY (not a literal)");
        assertThat(task.get().credentials()).containsExactly("switches");
    }

    @Test
    void scriptsWithHeadersAreDiscoveredWithTheirDefaults()
            throws IOException
    {
        write("backup/switches.sh", "#!/bin/bash\n# netcron: name = backup-switches\n# netcron: category = backups\n# netcron: schedule = 0 2 * * *\n"
                + "# netcron: max_runtime = 1200\n# netcron: retries = 2\n# netcron: time_zone = Europe/Berlin\necho hi\n", true);
        JobType type = byName(ScriptDiscovery.discover(directory).types()).get("backup-switches");
        assertThat(type.kind()).isEqualTo(JobKind.SCRIPT);
        assertThat(type.implementation()).isEqualTo("backup/switches.sh");
        assertThat(type.defaults().category()).isEqualTo("backups");
        assertThat(type.defaults().schedule()).contains("0 2 * * *");
        assertThat(type.defaults().timeZone()).isEqualTo("Europe/Berlin");
        assertThat(type.defaults().maxRuntime()).isEqualTo(Duration.ofMinutes(20));
        assertThat(type.defaults().maxRetries()).isEqualTo(2);
    }

    @Test
    void anExecutableWithoutHeaderIsNamedAfterItsFileAndHasNoSchedule()
            throws IOException
    {
        write("network/Purge Old ARP.sh", "#!/bin/sh\necho purge\n", true);
        write("network/notes.sh", "not executable, not top level\n", false);
        List<JobType> types = ScriptDiscovery.discover(directory).types();
        assertThat(types).extracting(JobType::name).containsExactly("purge-old-arp");
        assertThat(types.getFirst().defaults().schedule()).isEmpty();
        assertThat(types.getFirst().defaults().category()).isEqualTo("network");
    }

    @Test
    void aBadScriptIsSkippedWithAProblemAndTheOthersStillLoad()
            throws IOException
    {
        write("a.sh", "#!/bin/sh\n# netcron: name = good\n", true);
        write("b.sh", "#!/bin/sh\n# netcron: name = bad\n# netcron: schedule = every tuesday\n", true);
        write("c.sh", "#!/bin/sh\n# netcron: name = good\n", true);
        ScriptDiscovery.Result result = ScriptDiscovery.discover(directory);
        assertThat(result.types()).extracting(JobType::implementation).containsExactly("a.sh");
        assertThat(result.problems()).hasSize(2);
        assertThat(result.problems().get(0)).startsWith("b.sh: schedule: ");
        assertThat(result.problems().get(1)).isEqualTo("c.sh: job name 'good' is already used by a.sh; give it another with '# netcron: name = ...'");
    }

    @Test
    void anOldFrameworkTreeBecomesScriptJobsWithItsScheduleOverrides()
            throws IOException
    {
        LegacyTree.create(directory);
        ScriptDiscovery.Result result = ScriptDiscovery.discover(directory);
        Map<String, JobType> types = byName(result.types());
        assertThat(types.keySet()).containsExactlyInAnyOrder("count_devices", "config_backup", "weekly_report", "cleanup_tmp", "rotate_logs");
        assertThat(types.get("count_devices").implementation()).isEqualTo("scripts/inventory/count_devices.py");
        assertThat(types.get("count_devices").defaults().schedule()).contains("0 * * * *");
        assertThat(types.get("count_devices").defaults().maxRuntime()).isEqualTo(Duration.ofMinutes(10));
        assertThat(types.get("config_backup").defaults().schedule()).contains("30 3 * * *");
        assertThat(types.get("config_backup").defaults().maxRuntime()).isEqualTo(Duration.ofHours(2));
        assertThat(types.get("config_backup").defaults().maxRetries()).isEqualTo(2);
        assertThat(types.get("weekly_report").defaults().schedule()).contains("0 6 * * 1");
        assertThat(types.get("weekly_report").defaults().maxRuntime()).isEqualTo(Duration.ofMinutes(15));
        assertThat(types.get("cleanup_tmp").defaults().schedule()).isEmpty();
        assertThat(result.notes()).containsExactly("scripts/reports/weekly.py: default_schedule = SCHEDULE (not a literal) not mapped");
    }

    @Test
    void aScheduleRestrictingBothDayFieldsKeepsItsScheduleAsCroniterReadsIt()
            throws IOException
    {
        write("scripts/misc/friday.py", "class Friday(BaseTask):\n    name = 'friday13'\n    default_schedule = '0 0 13 * 5'\n", false);
        ScriptDiscovery.Result result = ScriptDiscovery.discover(directory);
        assertThat(result.types()).singleElement().satisfies(type -> assertThat(type.defaults().schedule()).contains("0 0 13 * 5"));
        assertThat(result.notes()).isEmpty();
    }

    @Test
    void aScheduleNetcronCannotReadIsReportedAndTheTaskRegisteredOnDemand()
            throws IOException
    {
        write("scripts/misc/never.py", "class Never(BaseTask):\n    name = 'never'\n    default_schedule = '0 0 32 * *'\n", false);
        ScriptDiscovery.Result result = ScriptDiscovery.discover(directory);
        assertThat(result.types()).singleElement().satisfies(type -> assertThat(type.defaults().schedule()).isEmpty());
        assertThat(result.notes()).singleElement().asString()
                .startsWith("scripts/misc/never.py: schedule '0 0 32 * *' not mapped: ").endsWith("; registered without a schedule");
    }

    @Test
    void theCatalogFindsAScriptByItsPathAndAJavaJobKeepsItsName()
            throws IOException
    {
        write("ops/sleep.sh", "#!/bin/sh\n# netcron: name = sleep\n", true);
        write("ops/disk.sh", "#!/bin/sh\n# netcron: name = disk-usage\n", true);
        io.netcron.server.catalog.JobCatalog catalog = io.netcron.server.catalog.JobDiscovery.discover(Optional.empty())
                .plus(ScriptDiscovery.discover(directory).types());
        // a node without ops/disk.sh finds nothing for that implementation and hands the firing on
        assertThat(catalog.find("ops/disk.sh")).map(JobType::name).contains("disk-usage");
        assertThat(catalog.find("ops/missing.sh")).isEmpty();
        assertThat(catalog.byName("sleep")).map(JobType::kind).contains(JobKind.JAVA);
    }

    private void write(String path, String text, boolean executable)
            throws IOException
    {
        Path file = directory.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
    }

    private static Map<String, JobType> byName(List<JobType> types)
    {
        return types.stream().collect(Collectors.toMap(JobType::name, Function.identity()));
    }
}
