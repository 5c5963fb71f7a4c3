package io.netcron.server.alerts;

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

/** One real node on a real database: a dependency run with cause {@code dependency}, and an alert for a failed run. */
class AlertsAndDependenciesOnANodeTest
{
    @ClassDatabase
    private static TestDatabase database;

    @TempDir
    static Path dataDirectory;

    @Test
    void theDownstreamJobRunsOnceWithCauseDependencyAndTheAlertOfAFailedRunIsSent()
            throws Exception
    {
        try (NetcronServer server = NetcronServer.start(config()); WebhookPeer peer = WebhookPeer.generic()) {
            Sql.execute(database, """
                    INSERT INTO netcron.job (name, implementation, params, max_retries) VALUES
                        ('extract', 'sleep', '{"duration_ms": 10}', 0),
                        ('report', 'sleep', '{"duration_ms": 10}', 0),
                        ('flaky', 'sleep', '{"fail_rate": 1}', 0)""");
            Sql.execute(database, "INSERT INTO netcron.job_dependency (job, depends_on, \"on\") VALUES ('report', 'extract', 'success')");
            Sql.execute(database, "INSERT INTO netcron.alert_route (job, events, channel, target) VALUES ('flaky', '{failed}', 'webhook', ?)", peer.url("/alerts"));

            Sql.execute(database, "INSERT INTO netcron.job_request (job_name) VALUES ('extract'), ('flaky')");

            await("report ran after extract").atMost(Duration.ofSeconds(20)).until(() ->
                    Sql.count(database, "SELECT count(*) FROM netcron.job_run WHERE job_name = 'report' AND status = 'succeeded'") == 1);
            long extract = (Long) Sql.value(database, "SELECT id FROM netcron.job_run WHERE job_name = 'extract'");
            assertThat(Sql.rows(database, "SELECT cause, attempt FROM netcron.job_run WHERE job_name = 'report'"))
                    .containsExactly(Map.of("cause", "dependency", "attempt", 1));
            assertThat(Sql.value(database, """
                    SELECT r.trigger_run_id FROM netcron.job_request r JOIN netcron.job_run run ON run.id = r.run_id
                    WHERE r.job_name = 'report' AND run.cause = 'dependency'""")).isEqualTo(extract);

            await("alert delivered").atMost(Duration.ofSeconds(20)).until(() -> !peer.received().isEmpty());
            assertThat(peer.received()).singleElement().satisfies(alert -> {
                assertThat(alert.body().path("event").asText()).isEqualTo("failed");
                assertThat(alert.body().path("job").asText()).isEqualTo("flaky");
            });
            assertThat(Sql.value(database, "SELECT state FROM netcron.alert_outbox")).isEqualTo("sent");
        }
    }

    @Test
    void aDependencyRequestedByANodeThatDiedRightAfterTheUpstreamEndedRunsOnceOnAnotherNode()
            throws Exception
    {
        database.migratedPool();
        Sql.execute(database, """
                INSERT INTO netcron.job (name, implementation, params) VALUES
                    ('backup', 'sleep', '{"duration_ms": 10}'), ('verify', 'sleep', '{"duration_ms": 10}')""");
        Sql.execute(database, "INSERT INTO netcron.job_dependency (job, depends_on, \"on\") VALUES ('verify', 'backup', 'completion')");
        // the upstream's node records the end and dies before it could do anything else
        long upstream = (Long) Sql.value(database, """
                INSERT INTO netcron.job_run (job_name, scheduled_at, node_id, cause, status)
                VALUES ('backup', now(), 'dead-node', 'schedule', 'running') RETURNING id""");
        Sql.execute(database, "UPDATE netcron.job_run SET status = 'failed', error = 'boom', finished_at = now(), duration_ms = 5 WHERE id = ?", upstream);

        try (NetcronServer server = NetcronServer.start(config())) {
            await("verify ran").atMost(Duration.ofSeconds(20)).until(() ->
                    Sql.count(database, "SELECT count(*) FROM netcron.job_run WHERE job_name = 'verify' AND status = 'succeeded'") == 1);
        }
        assertThat(Sql.rows(database, "SELECT trigger_run_id, error FROM netcron.job_request WHERE job_name = 'verify'")).singleElement().satisfies(request -> {
            assertThat(request.get("trigger_run_id")).isEqualTo(upstream);
            assertThat(request.get("error")).isNull();
        });
        assertThat(Sql.count(database, "SELECT count(*) FROM netcron.job_run WHERE job_name = 'verify'")).isEqualTo(1);
    }

    private static NetcronConfig config()
    {
        Map<String, String> settings = new HashMap<>(database.settings());
        settings.putAll(Map.of(
                "node.id", "deps-node",
                "data-dir", dataDirectory.toString(),
                "node.shutdown-grace", "1s",
                "quartz.reconcile-interval", "1s",
                "alerts.poll-interval", "200ms"));
        return NetcronConfig.fromSettings(Settings.of(settings));
    }
}
