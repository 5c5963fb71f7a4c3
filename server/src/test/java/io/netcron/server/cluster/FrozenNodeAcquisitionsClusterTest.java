package io.netcron.server.cluster;

import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.CloseAfterAll;
import io.netcron.server.testing.Cluster;
import io.netcron.server.testing.ClusterChecks;
import io.netcron.server.testing.NodeProcess;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;
import io.netcron.server.testing.MultiJvm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node frozen (SIGSTOP) while it holds triggers it acquired but has not fired yet. Its lease is
 * held, so it is not recovered; but those jobs must not wait for it: the others take the
 * acquisitions back once its check-in is late, fire them, and the node refuses them when it
 * resumes. Found by the chaos run (bench/chaos): a 10 s freeze made every job the node had just
 * acquired miss its fire times for the whole freeze.
 */
@MultiJvm
class FrozenNodeAcquisitionsClusterTest
{
    private static final int JOBS = 12;
    private static final Duration FREEZE = Duration.ofSeconds(20);

    @ClassDatabase
    private static TestDatabase database;
    @CloseAfterAll
    private static Cluster cluster;
    private static NodeProcess frozen;
    private static NodeProcess other;
    private static final List<Map<String, Object>> acquired = new ArrayList<>();
    private static Instant frozenAt;
    private static Instant resumedAt;

    @BeforeAll
    static void freezeANodeHoldingAcquiredTriggers()
            throws Exception
    {
        cluster = new Cluster(database, Map.of());
        frozen = cluster.start("frozen-1");
        other = cluster.start("frozen-2");
        cluster.awaitActive(Duration.ofSeconds(90), frozen, other);
        Sql.execute(database, """
                INSERT INTO netcron.job (name, implementation, schedule, misfire_policy, concurrency, params)
                SELECT 'tick-' || i, 'sleep', '* * * * * ?', 'skip', 'allow', '{"duration_ms": 10}' FROM generate_series(1, ?) AS i""", JOBS);
        await("every job firing on both nodes").atMost(Duration.ofSeconds(60)).until(() ->
                Sql.count(database, "SELECT count(DISTINCT job_name) FROM netcron.job_run WHERE job_name LIKE 'tick-%' AND status = 'succeeded'") == JOBS
                        && Sql.count(database, "SELECT count(DISTINCT node_id) FROM netcron.job_run WHERE job_name LIKE 'tick-%'") == 2);
        // freeze, and look: frozen, it cannot fire what it holds; if it holds nothing, try again
        await("frozen-1 frozen while holding acquired triggers").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            frozen.suspend();
            List<Map<String, Object>> held = Sql.rows(database, """
                    SELECT t.job_name, f.sched_time FROM netcron.qrtz_fired_triggers f
                    JOIN netcron.qrtz_triggers t ON t.sched_name = f.sched_name AND t.trigger_name = f.trigger_name AND t.trigger_group = f.trigger_group
                    WHERE f.instance_name = 'frozen-1' AND f.state = 'ACQUIRED'""");
            if (held.isEmpty()) {
                frozen.resume();
                return false;
            }
            acquired.addAll(held);
            return true;
        });
        frozenAt = Instant.now();
        System.out.printf("frozen-1 frozen holding %d acquired trigger(s): %s%n", acquired.size(), acquired);
        Thread.sleep(FREEZE.toMillis()); // the subject: a node frozen longer than the misfire threshold
        frozen.resume();
        resumedAt = Instant.now();
        await("frozen-1 firing again").atMost(Duration.ofSeconds(60)).until(() -> Sql.count(database,
                "SELECT count(*) FROM netcron.job_run WHERE node_id = 'frozen-1' AND started_at > to_timestamp(? / 1000.0) + interval '2 seconds'", resumedAt.toEpochMilli()) > 0);
    }

    @Test
    void theFireTimeTheFrozenNodeHadAcquiredRunsOnceOnTheOtherNode()
    {
        for (Map<String, Object> trigger : acquired) {
            long fireTime = ((Number) trigger.get("sched_time")).longValue();
            assertThat(Sql.rows(database, "SELECT node_id, status FROM netcron.job_run WHERE job_name = ? AND scheduled_at = to_timestamp(? / 1000.0)",
                    trigger.get("job_name"), fireTime))
                    .as("rows of %s for the fire time frozen-1 had acquired (%s)", trigger.get("job_name"), Instant.ofEpochMilli(fireTime))
                    .singleElement().satisfies(run -> assertThat(run.get("node_id")).isEqualTo("frozen-2"));
        }
    }

    @Test
    void theJobsTheFrozenNodeHadAcquiredKeepFiringDuringTheFreeze()
    {
        // before: each of them waited for the frozen node, and missed every fire time of the freeze
        Instant secondHalf = frozenAt.plus(FREEZE.dividedBy(2));
        for (Map<String, Object> trigger : acquired) {
            assertThat(Sql.count(database, """
                    SELECT count(*) FROM netcron.job_run WHERE job_name = ? AND node_id = 'frozen-2' AND status = 'succeeded'
                    AND scheduled_at >= to_timestamp(? / 1000.0) AND scheduled_at < to_timestamp(? / 1000.0)""",
                    trigger.get("job_name"), secondHalf.toEpochMilli(), resumedAt.toEpochMilli()))
                    .as("runs of %s on frozen-2 in the second half of the freeze", trigger.get("job_name")).isPositive();
        }
    }

    @Test
    void nothingRunsTwice()
    {
        assertThat(ClusterChecks.doubles(database)).isEmpty();
        assertThat(frozen.output()).doesNotContain("Double firing refused");
    }
}
