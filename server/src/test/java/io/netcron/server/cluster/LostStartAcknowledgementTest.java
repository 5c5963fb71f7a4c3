package io.netcron.server.cluster;

import io.netcron.server.testing.AckCuttingProxy;
import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.CloseAfterAll;
import io.netcron.server.testing.Cluster;
import io.netcron.server.testing.ClusterChecks;
import io.netcron.server.testing.NodeProcess;
import io.netcron.server.testing.Runs;
import io.netcron.server.testing.Runs.Run;
import io.netcron.server.testing.TestDatabase;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.MultiJvm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The start of a run is recorded (its insert commits) but the answer never reaches the node: a
 * proxy between the node and PostgreSQL cuts the connection right after the commit, before the
 * node reads the acknowledgement. The node's retry must find its own row and run the job once,
 * not skip it as a duplicate nor leave the row {@code running}.
 */
@MultiJvm
class LostStartAcknowledgementTest
{
    private static final String JOB = "lost-ack";
    private static final String START_INSERT = "INSERT INTO netcron.job_run (job_name, scheduled_at, node_id, attempt, cause, status, exclusive)";

    @ClassDatabase
    private static TestDatabase database;
    @CloseAfterAll
    private static AckCuttingProxy proxy;
    @CloseAfterAll
    private static Cluster cluster;
    private static NodeProcess node;

    @BeforeAll
    static void loseTheAcknowledgementOfTheFirstStart()
            throws Exception
    {
        URI upstream = URI.create(database.plainUrl().substring("jdbc:".length()));
        proxy = new AckCuttingProxy(upstream.getHost(), upstream.getPort(), START_INSERT, JOB, 1);
        String proxied = "jdbc:postgresql://127.0.0.1:" + proxy.port() + upstream.getPath() + "?sslmode=disable&gssEncMode=disable&prepareThreshold=0";
        cluster = new Cluster(database, Map.of("NETCRON_DB_URL", proxied));
        node = cluster.start("lost-ack-1");
        cluster.awaitActive(Duration.ofSeconds(90), node);
        Sql.execute(database, """
                INSERT INTO netcron.job (name, implementation, schedule, concurrency, params)
                VALUES (?, 'sleep', '0/6 * * * * ?', 'forbid', '{"duration_ms": 1000}')""", JOB);
        await("the first start's acknowledgement cut").atMost(Duration.ofSeconds(60)).until(() -> proxy.cuts() == 1);
        await("three runs after it ended").atMost(Duration.ofSeconds(60)).until(() ->
                Sql.count(database, "SELECT count(*) FROM netcron.job_run WHERE job_name = ? AND status <> 'running'", JOB) >= 3);
    }

    @Test
    void theRunWhoseStartLostItsAnswerRanOnceAndEndedWithItsRealStatus()
    {
        Run first = Runs.of(database, JOB).getFirst();
        assertThat(Runs.where(database, "job_name = ? AND scheduled_at = to_timestamp(? / 1000.0)", JOB, first.scheduledAt().toEpochMilli()))
                .as("rows of the fire time whose start lost its answer").singleElement()
                .satisfies(run -> {
                    assertThat(run.status()).as(run.error()).isEqualTo("succeeded");
                    assertThat(run.attempt()).isEqualTo(1);
                    assertThat(run.durationMs()).as("the job ran its 1 s").isGreaterThanOrEqualTo(1000L);
                });
        assertThat(node.output()).contains("was recorded by an earlier try whose answer was lost");
    }

    @Test
    void everyFireTimeRanOnceAndNothingIsLeftRunning()
    {
        List<Run> ended = Runs.where(database, "job_name = ? AND status <> 'running' ORDER BY scheduled_at", JOB);
        // a forbid job: a row of the first run left running would have the next fire times skipped
        assertThat(ended.get(1).status()).as("the fire time after the one whose answer was lost").isEqualTo("succeeded");
        // skipped only when a loaded machine started a run so late that it overlapped the next fire time
        assertThat(ended).extracting(Run::status).isSubsetOf("succeeded", "skipped");
        assertThat(ClusterChecks.doubles(database)).isEmpty();
        assertThat(ClusterChecks.leftRunning(database, Duration.ofSeconds(10))).isEmpty();
    }
}
