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
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three node processes, six jobs firing every second and three long recoverable jobs: {@code kill -9}
 * of a node in the middle of a long run, its restart, {@code kill -9} of another, then every
 * database connection of the cluster terminated at once. Afterwards: no fire time ran twice (retries
 * and recoveries are separate numbered attempts), none was lost (the per-second jobs catch up what
 * they miss), no run is left "running" for a dead node, and every interrupted recoverable run was
 * run again.
 */
@MultiJvm
class FaultClusterTest
{
    private static final int TICKS = 6;
    private static final Set<String> NODE_IDS = Set.of("fault-1", "fault-2", "fault-3");

    @ClassDatabase
    private static TestDatabase database;
    @CloseAfterAll
    private static Cluster cluster;
    private static final Map<String, NodeProcess> alive = new HashMap<>();
    private static final List<NodeProcess> started = new ArrayList<>();
    private static final List<Duration> recoveryTimes = new ArrayList<>();
    private static Instant windowStart;
    private static Instant windowEnd;
    private static Instant connectionsDropped;

    @BeforeAll
    static void runTheFaults()
            throws Exception
    {
        cluster = new Cluster(database, Map.of("NETCRON_QUARTZ_RECONCILE_INTERVAL", "1s"));
        for (String nodeId : NODE_IDS.stream().sorted().toList()) {
            start(nodeId);
        }
        cluster.awaitActive(Duration.ofSeconds(90), alive.values().toArray(NodeProcess[]::new));
        Sql.execute(database, """
                INSERT INTO netcron.job (name, implementation, schedule, misfire_policy, concurrency, recoverable, params)
                SELECT 'tick-' || i, 'sleep', '* * * * * ?', 'catch_up', 'allow', true, '{"duration_ms": 20}' FROM generate_series(1, ?) AS i""", TICKS);
        Sql.execute(database, """
                INSERT INTO netcron.job (name, implementation, schedule, concurrency, recoverable, params)
                SELECT 'long-' || i, 'sleep', (i * 3) || '/12 * * * * ?', 'allow', true, '{"duration_ms": 8000}' FROM generate_series(1, 3) AS i""");
        await("every tick job firing").atMost(Duration.ofSeconds(30)).until(() ->
                Sql.count(database, "SELECT count(DISTINCT job_name) FROM netcron.job_run WHERE job_name LIKE 'tick-%'") == TICKS);
        windowStart = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(2);

        String first = killANodeInALongRun(alive.keySet());
        start(first);
        cluster.awaitActive(Duration.ofSeconds(90), alive.get(first));
        pause(Duration.ofSeconds(4));
        Set<String> others = new java.util.HashSet<>(alive.keySet());
        others.remove(first);
        killANodeInALongRun(others);

        pause(Duration.ofSeconds(2));
        connectionsDropped = Instant.now();
        long terminated = Sql.count(database, """
                SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid()""");
        System.out.printf("terminated %d database connections%n", terminated);
        pause(Duration.ofSeconds(8));
        windowEnd = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
        System.out.printf("kill-to-recovery-start: %s%n", recoveryTimes.stream().map(d -> d.toMillis() + " ms").toList());
    }

    @Test
    void noFireTimeIsLostOrRunTwice()
    {
        // the per-second jobs catch up what they missed while the dead nodes held their triggers
        await("every second of every tick job succeeded once").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (int i = 1; i <= TICKS; i++) {
                Map<Instant, Long> succeeded = Runs.where(database, "job_name = ? AND status = 'succeeded' AND scheduled_at BETWEEN to_timestamp(? / 1000.0) AND to_timestamp(? / 1000.0)",
                                "tick-" + i, windowStart.toEpochMilli(), windowEnd.toEpochMilli())
                        .stream().collect(Collectors.groupingBy(Run::scheduledAt, Collectors.counting()));
                for (Instant second = windowStart; !second.isAfter(windowEnd); second = second.plusSeconds(1)) {
                    assertThat(succeeded.get(second)).as("succeeded runs of tick-%s for %s", i, second).isEqualTo(1L);
                }
            }
        });
        // several attempts of one fire time only when one was cut short; never two that succeeded
        List<Map<String, Object>> twice = Sql.rows(database, """
                SELECT job_name, scheduled_at, count(*) FILTER (WHERE status = 'succeeded') AS succeeded, array_agg(attempt ORDER BY attempt)::text AS attempts
                FROM netcron.job_run GROUP BY job_name, scheduled_at
                HAVING count(*) FILTER (WHERE status = 'succeeded') > 1 OR max(attempt) <> count(*)""");
        assertThat(twice).as("fire times that succeeded twice or have gaps in their attempt numbers").isEmpty();
        assertThat(Sql.count(database, "SELECT count(*) FROM netcron.refused_firing")).as("firings the database refused as doubles").isZero();
    }

    @Test
    void everyInterruptedRecoverableRunWasRunAgainAsTheNextAttempt()
    {
        List<Run> abandoned = Runs.where(database, "status = 'abandoned' ORDER BY id");
        assertThat(abandoned).as("runs cut short by the kills").extracting(Run::jobName).anyMatch(name -> name.startsWith("long-"));
        await("recoveries").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (Run run : abandoned) {
                assertThat(Runs.where(database, "job_name = ? AND scheduled_at = to_timestamp(? / 1000.0) AND attempt = ?",
                        run.jobName(), run.scheduledAt().toEpochMilli(), run.attempt() + 1))
                        .as("the attempt after abandoned run %s of %s (%s) on %s, %s", run.id(), run.jobName(), run.scheduledAt(), run.nodeId(), run.error())
                        .singleElement().satisfies(next -> assertThat(next.cause()).isEqualTo("recovery"));
            }
        });
        assertThat(recoveryTimes).hasSize(2).allSatisfy(time -> assertThat(time).isLessThan(Duration.ofSeconds(10)));
    }

    @Test
    void noRunIsLeftRunningForADeadNode()
    {
        await("runs of dead node incarnations ended").atMost(Duration.ofSeconds(30)).until(() -> Sql.count(database, """
                SELECT count(*) FROM netcron.job_run r JOIN netcron.node n ON n.node_id = r.node_id
                WHERE r.status = 'running' AND (r.started_at < n.started_at OR n.last_seen < now() - interval '10 seconds')""") == 0);
    }

    @Test
    void connectionPoolsRecoverAfterEveryConnectionWasTerminated()
    {
        for (NodeProcess node : alive.values()) {
            await(node.name() + " recording runs again").atMost(Duration.ofSeconds(30)).until(() -> Sql.count(database,
                    "SELECT count(*) FROM netcron.job_run WHERE node_id = ? AND status = 'succeeded' AND started_at > to_timestamp(? / 1000.0) + interval '2 seconds'",
                    node.name(), connectionsDropped.toEpochMilli()) >= 5);
            await(node.name() + " heartbeat").atMost(Duration.ofSeconds(30)).until(() -> Sql.count(database,
                    "SELECT count(*) FROM netcron.node WHERE node_id = ? AND last_seen > to_timestamp(? / 1000.0)", node.name(), connectionsDropped.toEpochMilli()) == 1);
        }
    }

    /** Kills (SIGKILL) one of the candidates while it runs a long job; waits for that run's recovery. */
    private static String killANodeInALongRun(Set<String> candidates)
    {
        List<Map<String, Object>> running = new ArrayList<>();
        await("a long run going on one of " + candidates).atMost(Duration.ofSeconds(30)).until(() -> {
            running.clear();
            running.addAll(Sql.rows(database, """
                    SELECT id, node_id FROM netcron.job_run
                    WHERE job_name LIKE 'long-%' AND status = 'running' AND node_id = ANY (?::text[]) AND started_at < now() - interval '1 second'
                    ORDER BY started_at""", "{" + String.join(",", candidates) + "}"));
            return !running.isEmpty();
        });
        String victim = (String) running.getFirst().get("node_id");
        long interruptedRun = ((Number) running.getFirst().get("id")).longValue();
        Instant killedAt = Instant.now();
        alive.remove(victim).kill();
        Run interrupted = Runs.where(database, "id = ?", interruptedRun).getFirst();
        await("recovery of run " + interruptedRun).atMost(Duration.ofSeconds(60)).until(() -> !Runs.where(database,
                "job_name = ? AND scheduled_at = to_timestamp(? / 1000.0) AND attempt = ?", interrupted.jobName(), interrupted.scheduledAt().toEpochMilli(), interrupted.attempt() + 1).isEmpty());
        Run recovery = Runs.where(database, "job_name = ? AND scheduled_at = to_timestamp(? / 1000.0) AND attempt = ?",
                interrupted.jobName(), interrupted.scheduledAt().toEpochMilli(), interrupted.attempt() + 1).getFirst();
        recoveryTimes.add(Duration.between(killedAt, recovery.startedAt()));
        return victim;
    }

    private static void start(String nodeId)
    {
        NodeProcess node = cluster.start(nodeId);
        alive.put(nodeId, node);
        started.add(node);
    }

    /**
     * Lets the cluster run on its own for a while (the faults are spaced in time on purpose): until
     * every tick job has succeeded for a fire time {@code duration} from now.
     */
    private static void pause(Duration duration)
    {
        Instant until = Instant.now().plus(duration);
        await("every tick job ran its fire times up to " + until).atMost(duration.plusSeconds(60)).until(() -> Sql.count(database, """
                SELECT count(DISTINCT job_name) FROM netcron.job_run
                WHERE job_name LIKE 'tick-%' AND status = 'succeeded' AND scheduled_at >= to_timestamp(? / 1000.0)""", until.toEpochMilli()) == TICKS);
    }
}
