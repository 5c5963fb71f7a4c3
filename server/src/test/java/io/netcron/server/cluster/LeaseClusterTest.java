package io.netcron.server.cluster;

import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.CloseAfterAll;
import io.netcron.server.testing.Cluster;
import io.netcron.server.testing.MultiJvm;
import io.netcron.server.testing.NodeProcess;
import io.netcron.server.testing.Runs;
import io.netcron.server.testing.Runs.Run;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Node leases with two node processes: a second process with a node id already in use is refused;
 * a node frozen (SIGSTOP) for 30 s in the middle of a long {@code forbid} run keeps it (one run, no
 * recovery, it ends {@code succeeded}); a node killed (SIGKILL) in the middle of a recoverable run
 * has it recovered on the other within 3 s on the database clock (printed as kill-to-recovery-start).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@MultiJvm
class LeaseClusterTest
{
    private static final List<String> NODE_IDS = List.of("lease-1", "lease-2");

    @ClassDatabase
    private static TestDatabase database;
    @CloseAfterAll
    private static Cluster cluster;
    private static final Map<String, NodeProcess> nodes = new HashMap<>();

    @BeforeAll
    static void startNodes()
    {
        cluster = new Cluster(database, Map.of());
        for (String nodeId : NODE_IDS) {
            nodes.put(nodeId, cluster.start(nodeId));
        }
        cluster.awaitActive(Duration.ofSeconds(90), nodes.values().toArray(NodeProcess[]::new));
    }

    @Test
    @Order(1)
    void aSecondProcessWithANodeIdInUseIsRefusedNamingTheHolder()
    {
        NodeProcess first = nodes.get("lease-1");
        NodeProcess duplicate = cluster.start("lease-1");

        assertThat(duplicate.waitFor(Duration.ofSeconds(60))).as("exit code of the duplicate; log:\n%s", duplicate.output()).isEqualTo(2);
        assertThat(duplicate.output()).contains("node id 'lease-1' is already in use").contains("pid " + first.pid());
        assertThat(first.isAlive()).isTrue();
        assertThat(Sql.value(database, "SELECT pid FROM netcron.node WHERE node_id = 'lease-1'")).isEqualTo(first.pid());
        assertThat(Sql.value(database, "SELECT state FROM netcron.node WHERE node_id = 'lease-1'")).isEqualTo("active");
    }

    @Test
    @Order(2)
    void aNodeFrozenForThirtySecondsKeepsItsForbidRunAndNothingRunsItAgain()
            throws InterruptedException
    {
        Run run = startLongRun("frozen-forbid", 40_000);
        NodeProcess owner = nodes.get(run.nodeId());
        owner.suspend();
        try {
            Thread.sleep(30_000);
        }
        finally {
            owner.resume();
        }
        await("the frozen run ends").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                !"running".equals(Sql.value(database, "SELECT status FROM netcron.job_run WHERE id = ?", run.id())));

        assertThat(Runs.of(database, "frozen-forbid")).as("runs of the job").singleElement().satisfies(only -> {
            assertThat(only.id()).isEqualTo(run.id());
            assertThat(only.status()).isEqualTo("succeeded");
            assertThat(only.attempt()).isEqualTo(1);
            assertThat(only.nodeId()).isEqualTo(run.nodeId());
        });
    }

    @Test
    @Order(3)
    void aKilledNodesRecoverableRunStartsAgainOnTheOtherNodeWithinThreeSeconds()
    {
        Run run = startLongRun("killed-recoverable", 20_000);
        Instant killedAt = ((Timestamp) Sql.value(database, "SELECT clock_timestamp()")).toInstant();
        nodes.remove(run.nodeId()).kill();

        await("the recovery attempt").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                Runs.where(database, "job_name = 'killed-recoverable' AND attempt = 2").size() == 1);
        Run recovery = Runs.where(database, "job_name = 'killed-recoverable' AND attempt = 2").getFirst();
        Duration killToRecovery = Duration.between(killedAt, recovery.startedAt());
        System.out.printf("[measured] kill-to-recovery-start: %d ms (database clock)%n", killToRecovery.toMillis());

        assertThat(recovery.cause()).isEqualTo("recovery");
        assertThat(recovery.nodeId()).isNotEqualTo(run.nodeId());
        assertThat(killToRecovery).isLessThanOrEqualTo(Duration.ofSeconds(3));
        assertThat(Sql.value(database, "SELECT status FROM netcron.job_run WHERE id = ?", run.id())).isEqualTo("abandoned");
    }

    /** A recoverable forbid job firing once, two seconds from now; returns its run once it has been going for a second. */
    private static Run startLongRun(String jobName, int durationMillis)
    {
        Instant fireAt = Instant.now().plusSeconds(3);
        Sql.execute(database, """
                INSERT INTO netcron.job (name, implementation, schedule, concurrency, recoverable, params)
                VALUES (?, 'sleep', ?, 'forbid', true, jsonb_build_object('duration_ms', ?::int))""", jobName, Runs.onceAt(fireAt), durationMillis);
        await(jobName + " running").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                Sql.count(database, "SELECT count(*) FROM netcron.job_run WHERE job_name = ? AND status = 'running' AND started_at < now() - interval '1 second'", jobName) == 1);
        return Runs.of(database, jobName).getFirst();
    }
}
