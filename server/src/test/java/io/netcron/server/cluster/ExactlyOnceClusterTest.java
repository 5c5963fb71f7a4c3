package io.netcron.server.cluster;

import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.Cluster;
import io.netcron.server.testing.MultiJvm;
import io.netcron.server.testing.NodeProcess;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three node processes on one database, 20 jobs firing every second for a minute, one node
 * stopped gracefully half way: every (job, second) runs exactly once.
 */
@MultiJvm
class ExactlyOnceClusterTest
{
    private static final int JOBS = 20;
    private static final Duration WINDOW = Duration.ofSeconds(60);

    @ClassDatabase
    private static TestDatabase database;

    @Test
    void firesEveryJobOncePerSecondAcrossThreeNodesWhileOneStopsGracefully()
            throws Exception
    {
        try (Cluster cluster = new Cluster(database, Map.of("NETCRON_QUARTZ_RECONCILE_INTERVAL", "1s"))) {
            // all three start at the same moment on an empty database: migrations must not collide
            NodeProcess first = cluster.start("node-1");
            NodeProcess second = cluster.start("node-2");
            NodeProcess third = cluster.start("node-3");
            cluster.awaitActive(Duration.ofSeconds(90), first, second, third);

            Sql.execute(database, """
                    INSERT INTO netcron.job (name, implementation, schedule, params)
                    SELECT 'tick-' || i, 'sleep', '* * * * * ?', '{"duration_ms": 20}'
                    FROM generate_series(1, ?) AS i""", JOBS);
            await("every job firing").atMost(Duration.ofSeconds(30)).until(() ->
                    Sql.count(database, "SELECT count(DISTINCT job_name) FROM netcron.job_run WHERE job_name LIKE 'tick-%'") == JOBS);

            Instant windowStart = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(3);
            Instant windowEnd = windowStart.plus(WINDOW);
            sleepUntil(windowStart.plus(WINDOW.dividedBy(2)));
            second.stop(Duration.ofSeconds(60));
            sleepUntil(windowEnd.plusSeconds(5));

            List<Map<String, Object>> doubled = Sql.rows(database, """
                    SELECT job_name, scheduled_at, count(*) AS runs FROM netcron.job_run
                    WHERE job_name LIKE 'tick-%' GROUP BY job_name, scheduled_at HAVING count(*) > 1""");
            assertThat(doubled).as("(job, second) pairs that ran more than once").isEmpty();

            List<Map<String, Object>> perJob = Sql.rows(database, """
                    SELECT job_name, count(*) AS runs FROM netcron.job_run
                    WHERE job_name LIKE 'tick-%' AND scheduled_at >= ? AND scheduled_at < ? AND status = 'succeeded'
                    GROUP BY job_name ORDER BY job_name""",
                    OffsetDateTime.ofInstant(windowStart, java.time.ZoneOffset.UTC), OffsetDateTime.ofInstant(windowEnd, java.time.ZoneOffset.UTC));
            assertThat(perJob).hasSize(JOBS);
            assertThat(perJob).allSatisfy(row -> assertThat(((Number) row.get("runs")).longValue())
                    .as("succeeded runs of %s in the %s window", row.get("job_name"), WINDOW)
                    .isEqualTo(WINDOW.toSeconds()));

            long nodesUsed = Sql.count(database, """
                    SELECT count(DISTINCT node_id) FROM netcron.job_run
                    WHERE job_name LIKE 'tick-%' AND scheduled_at >= ? AND scheduled_at < ?""",
                    OffsetDateTime.ofInstant(windowStart, java.time.ZoneOffset.UTC), OffsetDateTime.ofInstant(windowEnd, java.time.ZoneOffset.UTC));
            assertThat(nodesUsed).as("nodes that ran jobs").isGreaterThanOrEqualTo(2);

            assertThat(Sql.count(database, "SELECT count(*) FROM netcron.job_run WHERE status = 'running' AND node_id = 'node-2'"))
                    .as("runs left 'running' by the stopped node").isZero();
            assertThat(Sql.value(database, "SELECT state FROM netcron.node WHERE node_id = 'node-2'")).isEqualTo("stopped");
            assertThat(Sql.count(database, "SELECT count(*) FROM netcron.refused_firing")).as("firings the database refused as doubles").isZero();
        }
    }

    private static void sleepUntil(Instant moment)
            throws InterruptedException
    {
        long millis = Duration.between(Instant.now(), moment).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }
}
