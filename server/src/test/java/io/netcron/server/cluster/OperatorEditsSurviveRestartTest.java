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
import org.quartz.CronTrigger;
import org.quartz.Scheduler;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Discovered defaults are written once; an operator's edit survives restarts and redeploys. */
class OperatorEditsSurviveRestartTest
{
    @ClassDatabase
    private static TestDatabase database;

    @TempDir
    Path dataDirectory;

    @Test
    void operatorScheduleSurvivesARestartAndReachesQuartz()
            throws Exception
    {
        try (NetcronServer server = NetcronServer.start(config())) {
            assertThat(Sql.value(database, "SELECT schedule FROM netcron.job WHERE name = 'cluster-check'")).isEqualTo("0 * * * * ?");
        }

        Sql.execute(database, "UPDATE netcron.job SET schedule = '0 2 * * *', time_zone = 'Europe/Berlin' WHERE name = 'cluster-check'");

        try (NetcronServer server = NetcronServer.start(config())) {
            assertThat(Sql.value(database, "SELECT schedule FROM netcron.job WHERE name = 'cluster-check'")).isEqualTo("0 2 * * *");
            Scheduler scheduler = server.injector().getInstance(SchedulerPartitions.class).forJob("cluster-check");
            assertThat(ScheduleSync.currentTriggers(scheduler, QuartzKeys.jobKey("cluster-check"))).hasSize(1);
            CronTrigger trigger = (CronTrigger) ScheduleSync.currentTriggers(scheduler, QuartzKeys.jobKey("cluster-check")).getFirst();
            assertThat(trigger.getCronExpression()).isEqualTo("0 0 2 * * ?");
            assertThat(trigger.getTimeZone().getID()).isEqualTo("Europe/Berlin");
            assertThat(Sql.value(database, "SELECT schedule_error FROM netcron.job WHERE name = 'cluster-check'")).isNull();
        }
        assertThat(Sql.value(database, "SELECT schedule FROM netcron.job WHERE name = 'cluster-check'")).isEqualTo("0 2 * * *");
    }

    private NetcronConfig config()
    {
        Map<String, String> settings = new HashMap<>(database.settings());
        settings.putAll(Map.of(
                "node.id", "restart-test",
                "data-dir", dataDirectory.toString(),
                "node.shutdown-grace", "1s"));
        return NetcronConfig.fromSettings(Settings.of(settings));
    }
}
