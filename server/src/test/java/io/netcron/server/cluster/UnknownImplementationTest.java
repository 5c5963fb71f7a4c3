package io.netcron.server.cluster;

import io.netcron.server.app.NetcronServer;
import io.netcron.server.config.NetcronConfig;
import io.netcron.server.config.Settings;
import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A row naming code no node has is reported in {@code schedule_error} and never fired as a crash;
 * the node keeps running its other jobs. (With a live node that has the code, as in a rolling
 * deploy, the row is that node's to run and this node only lists it in {@code netcron.node.unknown_jobs}.)
 */
class UnknownImplementationTest
{
    @ClassDatabase
    private static TestDatabase database;

    @TempDir
    Path dataDirectory;

    @Test
    void jobWithUnknownImplementationGetsAScheduleErrorAndNeverRuns()
            throws Exception
    {
        try (NetcronServer server = NetcronServer.start(config())) {
            Sql.execute(database, """
                    INSERT INTO netcron.job (name, implementation, schedule)
                    VALUES ('from-newer-release', 'com.example.jobs.NotDeployedHereJob', '* * * * * ?'),
                           ('known-job', 'sleep', '* * * * * ?')""");
            await("unknown implementation reported").atMost(Duration.ofSeconds(15)).until(() ->
                    String.valueOf(Sql.value(database, "SELECT schedule_error FROM netcron.job WHERE name = 'from-newer-release'"))
                            .contains("unknown implementation 'com.example.jobs.NotDeployedHereJob'"));
            await("known job runs").atMost(Duration.ofSeconds(15)).until(() ->
                    Sql.count(database, "SELECT count(*) FROM netcron.job_run WHERE job_name = 'known-job' AND status = 'succeeded'") >= 2);
            assertThat(Sql.count(database, "SELECT count(*) FROM netcron.job_run WHERE job_name = 'from-newer-release'")).isZero();
            assertThat(Sql.value(database, "SELECT state FROM netcron.node WHERE node_id = 'mixed-node'")).isEqualTo("active");
        }
    }

    private NetcronConfig config()
    {
        Map<String, String> settings = new HashMap<>(database.settings());
        settings.putAll(Map.of(
                "node.id", "mixed-node",
                "data-dir", dataDirectory.toString(),
                "node.shutdown-grace", "1s",
                "quartz.reconcile-interval", "1s"));
        return NetcronConfig.fromSettings(Settings.of(settings));
    }
}
