package io.netcron.server.cluster;

import io.netcron.server.app.NetcronServer;
import io.netcron.server.config.NetcronConfig;
import io.netcron.server.config.Settings;
import io.netcron.server.quartz.store.QuartzKeys;
import io.netcron.server.quartz.store.SchedulerPartitions;
import io.netcron.server.quartz.sync.ScheduleSync;
import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.Scheduler;
import org.quartz.Trigger;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A paused job stays paused across a restart of the node: the pause lives in Quartz's tables, not in memory. */
class PauseSurvivesRestartTest
{
    @ClassDatabase
    private static TestDatabase database;

    @TempDir
    Path dataDirectory;

    @Test
    void aPausedJobDoesNotFireAfterARestartUntilResumed()
            throws Exception
    {
        try (NetcronServer server = NetcronServer.start(config())) {
            Sql.execute(database, "INSERT INTO netcron.job (name, implementation, schedule) VALUES ('ticker', 'sleep', '* * * * * ?')");
            await("ticker runs").atMost(Duration.ofSeconds(15)).until(() -> Sql.count(database, "SELECT count(*) FROM netcron.job_run WHERE job_name = 'ticker'") > 0);
            Sql.execute(database, "UPDATE netcron.job SET enabled = false WHERE name = 'ticker'");
            await("ticker paused").atMost(Duration.ofSeconds(5)).until(() -> triggerState(server) == Trigger.TriggerState.PAUSED);
        }
        String stoppedAt = (String) Sql.value(database, "SELECT clock_timestamp()::text");

        try (NetcronServer server = NetcronServer.start(config())) {
            assertThat(triggerState(server)).isEqualTo(Trigger.TriggerState.PAUSED);
            // the passing of time is the subject: a restarted node must not fire the paused job,
            // while it does fire others (a witness, every second) for a while
            String restartedAt = (String) Sql.value(database, "SELECT clock_timestamp()::text");
            Sql.execute(database, "INSERT INTO netcron.job (name, implementation, schedule) VALUES ('witness', 'sleep', '* * * * * ?')");
            await("witness runs 2.5 s after the restart").atMost(Duration.ofSeconds(20)).until(() -> Sql.count(database,
                    "SELECT count(*) FROM netcron.job_run WHERE job_name = 'witness' AND status = 'succeeded' AND scheduled_at >= ?::timestamptz + interval '2.5 seconds'",
                    restartedAt) > 0);
            assertThat(Sql.count(database, "SELECT count(*) FROM netcron.job_run WHERE job_name = 'ticker' AND started_at > ?::timestamptz", stoppedAt))
                    .as("runs of the paused job after the restart").isZero();

            Sql.execute(database, "UPDATE netcron.job SET enabled = true WHERE name = 'ticker'");
            await("ticker runs again").atMost(Duration.ofSeconds(5)).until(() ->
                    Sql.count(database, "SELECT count(*) FROM netcron.job_run WHERE job_name = 'ticker' AND started_at > ?::timestamptz", stoppedAt) > 0);
        }
    }

    private static Trigger.TriggerState triggerState(NetcronServer server)
            throws Exception
    {
        Scheduler scheduler = server.injector().getInstance(SchedulerPartitions.class).forJob("ticker");
        return scheduler.getTriggerState(ScheduleSync.currentTriggers(scheduler, QuartzKeys.jobKey("ticker")).getFirst().getKey());
    }

    private NetcronConfig config()
    {
        Map<String, String> settings = new HashMap<>(database.settings());
        settings.putAll(Map.of(
                "node.id", "pause-test",
                "data-dir", dataDirectory.toString(),
                "node.shutdown-grace", "1s"));
        return NetcronConfig.fromSettings(Settings.of(settings));
    }
}
