package io.netcron.server.cli;

import io.netcron.server.Main;
import io.netcron.server.app.NetcronServer;
import io.netcron.server.cli.CliRunner.CliResult;
import io.netcron.server.config.NetcronConfig;
import io.netcron.server.config.Settings;
import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.CloseAfterAll;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code pause}, {@code resume}, {@code schedule} and {@code trigger}: exit codes, one-line errors,
 * and the edits land in the netcron tables, audited with the CLI's application name. One node runs
 * in this JVM so that {@code trigger --wait} has someone to run the job.
 */
class ControlCommandsTest
{

    @ClassDatabase
    private static TestDatabase database;
    @CloseAfterAll
    private static NetcronServer node;
    private static Path configFile;

    @TempDir
    static Path directory;

    @BeforeAll
    static void startNode()
            throws Exception
    {
        Map<String, String> settings = new HashMap<>(database.settings());
        settings.putAll(Map.of(
                "node.id", "cli-test-node",
                "data-dir", directory.resolve("node").toString(),
                "node.shutdown-grace", "1s"));
        node = NetcronServer.start(NetcronConfig.fromSettings(Settings.of(settings)));
        configFile = directory.resolve("cli.properties");
        Files.writeString(configFile, "db.url=" + database.plainUrl() + "\ndb.user=" + database.user()
                + database.password().map(password -> "\ndb.password=" + password).orElse("")
                + "\nnode.id=cli-test\ndata-dir=" + directory.resolve("cli") + "\n");
        Sql.execute(database, "INSERT INTO netcron.job (name, implementation, params) VALUES ('cli-sleep', 'sleep', '{\"duration_ms\": 5}')");
    }

    @Test
    void jobsListsParamsThatDoNotFitTheJobsParamsRecord()
    {
        Sql.execute(database, "INSERT INTO netcron.job (name, implementation, params) VALUES ('cli-bad-params', 'sleep', '{\"duration\": 5}')");
        try {
            CliResult jobs = cli("jobs");
            assertThat(jobs.code()).as(jobs.toString()).isZero();
            assertThat(jobs.out()).filteredOn(line -> line.startsWith("cli-bad-params "))
                    .singleElement().asString().contains("params: unknown field 'duration' (known: duration_ms, fail_rate)");
            assertThat(jobs.out()).filteredOn(line -> line.startsWith("cli-sleep ")).singleElement().asString().doesNotContain("params:");
        }
        finally {
            Sql.execute(database, "DELETE FROM netcron.job WHERE name = 'cli-bad-params'");
        }
    }

    @Test
    void pauseAndResumeEditTheRowAndTheAuditLogNamesTheCli()
    {
        assertThat(cli("pause", "cli-sleep")).isEqualTo(new CliResult(0, List.of("Paused cli-sleep; the cluster stops firing it within about a second."), List.of()));
        assertThat(Sql.value(database, "SELECT enabled FROM netcron.job WHERE name = 'cli-sleep'")).isEqualTo(false);
        assertThat(cli("pause", "cli-sleep").out()).containsExactly("cli-sleep is already paused.");

        CliResult resume = cli("resume", "cli-sleep");
        assertThat(resume.code()).isZero();
        assertThat(resume.out()).singleElement().asString().startsWith("Resumed cli-sleep (misfire policy fire_once_now)");
        assertThat(Sql.value(database, "SELECT enabled FROM netcron.job WHERE name = 'cli-sleep'")).isEqualTo(true);

        List<Map<String, Object>> audit = Sql.rows(database, """
                SELECT application_name, old_row ->> 'enabled' AS before, new_row ->> 'enabled' AS after FROM netcron.job_change
                WHERE job_name = 'cli-sleep' AND operation = 'UPDATE' AND old_row ->> 'enabled' <> new_row ->> 'enabled' ORDER BY id""");
        assertThat(audit).extracting(row -> row.get("before") + "->" + row.get("after")).containsExactly("true->false", "false->true");
        assertThat(audit).allSatisfy(row -> assertThat((String) row.get("application_name")).startsWith("netcron-cli ").endsWith("@cli-test"));
    }

    @Test
    void pauseOfAnUnknownJobIsOneLineAndExitCodeTwo()
    {
        assertThat(cli("pause", "no-such-job")).isEqualTo(new CliResult(Main.EXIT_USAGE, List.of(), List.of("netcron: unknown job 'no-such-job' (see netcron jobs)")));
        assertThat(cli("resume", "no-such-job").code()).isEqualTo(Main.EXIT_USAGE);
    }

    @Test
    void scheduleValidatesBeforeWriting()
    {
        CliResult bad = cli("schedule", "cli-sleep", "61 * * * * ?");
        assertThat(bad.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(bad.err()).singleElement().asString().startsWith("netcron: '61 * * * * ?' is not a valid cron expression");
        CliResult badZone = cli("schedule", "cli-sleep", "0 2 * * *", "--time-zone", "Mars/Olympus_Mons");
        assertThat(badZone).isEqualTo(new CliResult(Main.EXIT_USAGE, List.of(), List.of("netcron: unknown time zone 'Mars/Olympus_Mons' (use an IANA name such as Europe/Berlin)")));
        assertThat(cli("schedule", "cli-sleep", "0 0 2 1 1 ? 2001")).isEqualTo(new CliResult(Main.EXIT_USAGE, List.of(), List.of("netcron: '0 0 2 1 1 ? 2001' never fires from now on")));
        // Quartz cron keeps Quartz's rule (5-field cron ORs the two day fields, as cron does)
        CliResult bothDays = cli("schedule", "cli-sleep", "0", "0", "2", "1", "*", "MON");
        assertThat(bothDays.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(bothDays.err()).singleElement().asString().contains("day-of-week AND a day-of-month");
        assertThat(Sql.count(database, "SELECT count(*) FROM netcron.job_change WHERE job_name = 'cli-sleep' AND old_row ->> 'schedule' IS DISTINCT FROM new_row ->> 'schedule'"))
                .as("refused schedules are never written").isZero();

        CliResult good = cli("schedule", "cli-sleep", "0 2 * * *", "--time-zone", "Europe/Berlin");
        assertThat(good.code()).as(good.toString()).isZero();
        assertThat(good.out()).singleElement().asString().startsWith("Schedule of cli-sleep set to 0 2 * * * (Europe/Berlin)");
        assertThat(Sql.rows(database, "SELECT schedule, time_zone FROM netcron.job WHERE name = 'cli-sleep'"))
                .containsExactly(Map.of("schedule", "0 2 * * *", "time_zone", "Europe/Berlin"));
        assertThat(Sql.value(database, """
                SELECT application_name FROM netcron.job_change
                WHERE job_name = 'cli-sleep' AND old_row ->> 'schedule' IS NULL AND new_row ->> 'schedule' = '0 2 * * *'""")).asString().startsWith("netcron-cli ");
        assertThat(cli("schedule", "cli-sleep", "0 0 13 * 5").code()).as("day of month or day of week, as cron reads it").isZero();
        assertThat(Sql.value(database, "SELECT schedule FROM netcron.job WHERE name = 'cli-sleep'")).isEqualTo("0 0 13 * 5");
        assertThat(cli("schedule", "cli-sleep", "none")).satisfies(result -> assertThat(result.code()).isZero());
        assertThat(Sql.value(database, "SELECT schedule FROM netcron.job WHERE name = 'cli-sleep'")).isNull();
    }

    @Test
    void triggerWithWaitRunsTheJobOnceOnTheClusterAndReportsHowItWent()
    {
        CliResult run = cli("trigger", "cli-sleep", "--param", "duration_ms=30", "--wait", "--timeout", "60s");
        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out()).singleElement().asString()
                .startsWith("Run ")
                .contains("of cli-sleep on cli-test-node: succeeded")
                .endsWith("{\"slept_ms\": 30}");
        assertThat(Sql.rows(database, """
                SELECT r.cause, r.status, q.handled_by, q.requested_by FROM netcron.job_request q JOIN netcron.job_run r ON r.id = q.run_id
                WHERE q.job_name = 'cli-sleep'""")).singleElement().satisfies(row -> {
            assertThat(row.get("cause")).isEqualTo("manual");
            assertThat(row.get("status")).isEqualTo("succeeded");
            assertThat(row.get("handled_by")).isEqualTo("cli-test-node");
            assertThat((String) row.get("requested_by")).endsWith("(netcron trigger)");
        });
    }

    @Test
    void triggerWithWaitExitsOneWhenTheRunFails()
    {
        CliResult run = cli("trigger", "test-failing", "--wait", "--timeout", "60s");
        assertThat(run.code()).as(run.toString()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(run.out()).singleElement().asString().contains(": failed").contains("device answered malformed JSON at line 3");
    }

    @Test
    void triggerRefusesAPausedJobUnlessForcedAndAnUnknownJob()
    {
        Sql.execute(database, "INSERT INTO netcron.job (name, implementation, enabled) VALUES ('cli-paused', 'sleep', false)");
        assertThat(cli("trigger", "cli-paused")).isEqualTo(new CliResult(Main.EXIT_USAGE, List.of(), List.of("netcron: job 'cli-paused' is paused; resume it or force the run")));
        assertThat(cli("trigger", "no-such-job")).isEqualTo(new CliResult(Main.EXIT_USAGE, List.of(), List.of("netcron: unknown job 'no-such-job' (see netcron jobs)")));
        assertThat(Sql.count(database, "SELECT count(*) FROM netcron.job_request WHERE job_name IN ('cli-paused', 'no-such-job')")).isZero();

        CliResult forced = cli("trigger", "cli-paused", "--force", "--wait", "--timeout", "60s");
        assertThat(forced.code()).as(forced.toString()).isZero();
        assertThat(Sql.value(database, "SELECT enabled FROM netcron.job WHERE name = 'cli-paused'")).isEqualTo(false);
    }

    @Test
    void triggerWithoutWaitOnlyQueuesTheRequest()
    {
        CliResult queued = cli("trigger", "cli-sleep", "-p", "note=hello");
        assertThat(queued.code()).isZero();
        assertThat(queued.out()).singleElement().asString().startsWith("Requested a run of cli-sleep (request ");
        assertThat(Sql.value(database, "SELECT params::text FROM netcron.job_request WHERE job_name = 'cli-sleep' AND params ->> 'note' = 'hello'"))
                .isEqualTo("{\"note\": \"hello\"}");
    }

    private static CliResult cli(String... arguments)
    {
        return CliRunner.run(configFile, arguments).withoutLogLines();
    }
}
