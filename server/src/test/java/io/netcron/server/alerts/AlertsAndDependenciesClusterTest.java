package io.netcron.server.alerts;

import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.CloseAfterAll;
import io.netcron.server.testing.Cluster;
import io.netcron.server.testing.NodeProcess;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;
import io.netcron.server.testing.MultiJvm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Alerts and dependencies on three real node processes: each alert is delivered once although
 * every node polls the outbox, and a dependency runs exactly once when the node that ran the
 * upstream is killed (SIGKILL) after the upstream's end was recorded and before the downstream
 * started. The test holds Quartz's trigger lock row over that moment (it reads, never writes,
 * {@code qrtz_locks}), so no node can start the downstream before the kill: the window is made, not
 * hoped for.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@MultiJvm
class AlertsAndDependenciesClusterTest
{
    private static final int FAILING_JOBS = 6;

    @ClassDatabase
    private static TestDatabase database;
    @CloseAfterAll
    private static WebhookPeer peer;
    @CloseAfterAll
    private static Cluster cluster;
    private static final Map<String, NodeProcess> nodes = new LinkedHashMap<>();

    @BeforeAll
    static void startThreeNodes()
    {
        peer = WebhookPeer.generic();
        cluster = new Cluster(database, Map.of(
                // few threads and small pools: three nodes share the test server's connections with other tests
                "NETCRON_THREADS", "2",
                "NETCRON_DB_POOL_SIZE", "4",
                "NETCRON_QUARTZ_RECONCILE_INTERVAL", "1s",
                "NETCRON_NODE_HEARTBEAT", "1s",
                "NETCRON_ALERTS_POLL_INTERVAL", "200ms"));
        for (String name : List.of("alpha", "beta", "gamma")) {
            nodes.put(name, cluster.start(name));
        }
        cluster.awaitActive(Duration.ofSeconds(120), nodes.values().toArray(NodeProcess[]::new));
    }

    @Test
    @Order(1)
    void eachFailureAlertIsDeliveredOnceAlthoughThreeNodesPollTheOutbox()
    {
        for (int i = 1; i <= FAILING_JOBS; i++) {
            Sql.execute(database, "INSERT INTO netcron.job (name, category, implementation, params, max_retries) VALUES (?, 'alerting', 'sleep', '{\"fail_rate\": 1}', 0)",
                    "failing-" + i);
        }
        // the '*' route of one category: the node's own discovered jobs (which may fail here) are left out
        Sql.execute(database, "INSERT INTO netcron.alert_route (job, category, events, channel, target) VALUES ('*', 'alerting', '{failed}', 'webhook', ?)",
                peer.url("/failed"));
        Sql.execute(database, "INSERT INTO netcron.job_request (job_name) SELECT name FROM netcron.job WHERE category = 'alerting'");

        await("every failure alert sent").atMost(Duration.ofSeconds(60)).until(() ->
                Sql.count(database, "SELECT count(*) FROM netcron.alert_outbox WHERE event = 'failed' AND state = 'sent'") == FAILING_JOBS);
        // every node keeps polling: nothing is sent a second time meanwhile
        await("no second delivery").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> received("/failed").size() == FAILING_JOBS);
        assertThat(received("/failed")).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, FAILING_JOBS).mapToObj(i -> "failing-" + i).toList());
        assertThat(Sql.count(database, "SELECT count(*) FROM netcron.job_run WHERE job_name LIKE 'failing-%' AND status = 'failed'")).isEqualTo(FAILING_JOBS);
        System.out.println("alert deliveries by node: " + Sql.rows(database,
                "SELECT done_by, count(*) AS sent FROM netcron.alert_outbox WHERE event = 'failed' GROUP BY done_by ORDER BY done_by"));
    }

    @Test
    @Order(2)
    void aDependencyRunsOnceWhenTheUpstreamsNodeIsKilledBetweenTheUpstreamEndAndTheDownstreamStart()
            throws Exception
    {
        // not recoverable: the killed node's upstream firing is not run again, so one upstream end means one downstream run
        Sql.execute(database, """
                INSERT INTO netcron.job (name, implementation, params, max_retries, recoverable) VALUES
                    ('extract', 'sleep', '{"duration_ms": 3000}', 0, false),
                    ('load', 'sleep', '{"duration_ms": 10}', 0, false)""");
        Sql.execute(database, "INSERT INTO netcron.job_dependency (job, depends_on, \"on\") VALUES ('load', 'extract', 'success')");
        Sql.execute(database, "INSERT INTO netcron.alert_route (events, channel, target) VALUES ('{node_lost}', 'webhook', ?)", peer.url("/lost"));
        Sql.execute(database, "INSERT INTO netcron.job_request (job_name) VALUES ('extract')");
        await("extract running").atMost(Duration.ofSeconds(30)).until(() ->
                Sql.count(database, "SELECT count(*) FROM netcron.job_run WHERE job_name = 'extract' AND status = 'running'") == 1);
        String upstreamNode = (String) Sql.value(database, "SELECT node_id FROM netcron.job_run WHERE job_name = 'extract'");

        try (Connection lock = database.connect()) {
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                // while this transaction holds the row, no node can store or fire a Quartz trigger
                statement.executeQuery("SELECT 1 FROM netcron.qrtz_locks WHERE lock_name = 'TRIGGER_ACCESS' FOR UPDATE").close();
            }
            await("extract ended").atMost(Duration.ofSeconds(30)).until(() ->
                    "succeeded".equals(Sql.value(database, "SELECT status FROM netcron.job_run WHERE job_name = 'extract'")));
            assertThat(Sql.count(database, "SELECT count(*) FROM netcron.job_request WHERE job_name = 'load'"))
                    .as("the downstream request is written in the upstream end's transaction").isEqualTo(1);
            nodes.remove(upstreamNode).kill();
            assertThat(Sql.count(database, "SELECT count(*) FROM netcron.job_run WHERE job_name = 'load'")).as("load has not started before the kill").isZero();
            lock.rollback();
        }

        await("load ran on a surviving node").atMost(Duration.ofSeconds(60)).until(() ->
                Sql.count(database, "SELECT count(*) FROM netcron.job_run WHERE job_name = 'load' AND status = 'succeeded'") == 1);
        await("the lost node reported").atMost(Duration.ofSeconds(60)).until(() -> !received("/lost").isEmpty());
        // the survivors recover the dead node's Quartz state meanwhile: still one run, one alert
        await("nothing runs twice").during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(15)).until(() ->
                Sql.count(database, "SELECT count(*) FROM netcron.job_run WHERE job_name IN ('extract', 'load')") == 2);
        assertThat(Sql.rows(database, "SELECT node_id, cause, status FROM netcron.job_run WHERE job_name = 'load'")).singleElement().satisfies(run -> {
            assertThat(run.get("node_id")).isNotEqualTo(upstreamNode).isIn(nodes.keySet());
            assertThat(run).containsEntry("cause", "dependency").containsEntry("status", "succeeded");
        });
        assertThat(Sql.rows(database, "SELECT error FROM netcron.job_request WHERE job_name = 'load'")).singleElement()
                .satisfies(request -> assertThat(request.get("error")).isNull());
        assertThat(peer.received().stream().filter(alert -> alert.path().equals("/lost")).map(alert -> alert.body().path("node").asText()).toList())
                .containsExactly(upstreamNode);
    }

    private static List<String> received(String path)
    {
        return peer.received().stream().filter(alert -> alert.path().equals(path)).map(alert -> alert.body().path("job").asText()).toList();
    }
}
