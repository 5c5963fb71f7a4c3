package io.netcron.server.cli;

import io.netcron.server.credentials.FernetTestFiles;
import io.netcron.server.script.LegacyTree;
import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code netcron migrate-python DIR} against a sample old-framework tree and a real database. */
class MigratePythonCommandTest
{
    @ClassDatabase(migrated = true)
    private static TestDatabase database;

    @TempDir
    Path work;

    private Path tree;
    private Path config;

    @BeforeEach
    void treeAndConfig()
            throws IOException
    {
        Sql.execute(database, "DELETE FROM netcron.job");
        tree = LegacyTree.create(Files.createDirectories(work.resolve("automation")));
        Files.writeString(tree.resolve("scripts/inventory/helpers.py"), "def helper():\n    return 1\n");
        Properties properties = new Properties();
        properties.putAll(database.settings());
        properties.put("scripts.dir", tree.toString());
        properties.put("credentials.keyset-file", work.resolve("keyset.json").toString());
        config = work.resolve("netcron.properties");
        try (var writer = Files.newBufferedWriter(config)) {
            properties.store(writer, null);
        }
    }

    private String migrate(String... extra)
    {
        MigratePythonCommand command = new MigratePythonCommand();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        command.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        List<String> args = new java.util.ArrayList<>(List.of("--config", config.toString(), "--report", work.resolve("report.txt").toString()));
        args.addAll(List.of(extra));
        args.add(tree.toString());
        int exit = new CommandLine(command).execute(args.toArray(String[]::new));
        assertThat(exit).as(bytes.toString(StandardCharsets.UTF_8)).isZero();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void dryRunPrintsWhatItWouldRegisterAndChangesNothing()
    {
        String output = migrate("--dry-run");
        assertThat(output).contains("would register").contains("config_backup").contains("30 3 * * *").contains("2h")
                .contains("scripts/inventory/count_devices.py").contains("Dry run: 5 jobs");
        assertThat(Sql.count(database, "SELECT count(*) FROM netcron.job")).isZero();
    }

    @Test
    void registersScriptJobsWithScheduleCategoryRuntimeAndRetries()
    {
        migrate();
        assertThat(Sql.rows(database, """
                SELECT kind, implementation, category, schedule, extract(epoch FROM max_runtime)::int AS seconds, max_retries
                FROM netcron.job WHERE name = 'config_backup'"""))
                .containsExactly(Map.of("kind", "script", "implementation", "scripts/backup/config_backup.py", "category", "backup",
                        "schedule", "30 3 * * *", "seconds", 7200, "max_retries", 2));
        assertThat(Sql.count(database, "SELECT count(*) FROM netcron.job WHERE kind = 'script'")).isEqualTo(5);
    }

    @Test
    void aScheduleRestrictingBothDayFieldsIsRegisteredWithItsSchedule()
            throws IOException
    {
        Files.writeString(tree.resolve("scripts/inventory/friday.py"), """
                from automation_core.base_task import BaseTask


                class Friday(BaseTask):
                    name = "friday13"
                    default_schedule = "0 0 13 * 5"  # croniter: every Friday and every 13th

                    def execute(self):
                        return {}
                """);
        String output = migrate();
        assertThat(output).contains("friday13").contains("0 0 13 * 5");
        assertThat(Sql.value(database, "SELECT schedule FROM netcron.job WHERE name = 'friday13'")).isEqualTo("0 0 13 * 5");
        assertThat(Files.readString(work.resolve("report.txt"))).doesNotContain("friday");
    }

    @Test
    void runningItTwiceChangesNothing()
    {
        migrate();
        Sql.execute(database, "UPDATE netcron.job SET schedule = '15 4 * * *' WHERE name = 'config_backup'");
        List<Map<String, Object>> before = Sql.rows(database, "SELECT * FROM netcron.job ORDER BY name");
        String second = migrate();
        assertThat(Sql.rows(database, "SELECT * FROM netcron.job ORDER BY name")).isEqualTo(before);
        assertThat(second).contains("0 jobs registered, 5 already there").doesNotContain("registered  ");
    }

    @Test
    void theReportSaysWhatCouldNotBeMappedAndWhy()
            throws IOException
    {
        migrate();
        assertThat(Files.readString(work.resolve("report.txt")))
                .contains("scripts/reports/weekly.py: default_schedule = SCHEDULE (not a literal) not mapped")
                .contains("scripts/inventory/helpers.py: no BaseTask subclass and no '# netcron:' header; not registered")
                .doesNotContain("count_devices");
    }

    @Test
    void theOldCredentialIniLandsEncryptedInTheStore()
            throws IOException
    {
        Sql.execute(database, "DELETE FROM netcron.credential");
        FernetTestFiles old = FernetTestFiles.write(work.resolve("old-credentials"), "migrated-pass-4711", "migrated-token-0815");

        String output = migrate("--credentials", old.ini().toString(), "--key-file", old.key().toString());

        assertThat(output).contains("Imported ipam (fields: token)").contains("Imported core-switches (fields: username, password)");
        assertThat(Sql.rows(database, "SELECT name FROM netcron.credential ORDER BY name")).extracting(row -> row.get("name")).containsExactly("core-switches", "ipam");
        assertThat(Sql.rows(database, "SELECT * FROM netcron.credential").toString()).doesNotContain("migrated-pass-4711").doesNotContain("migrated-token-0815");
    }
}
