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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every node of a cluster is down for longer than several periods of three per-second jobs, then
 * restarted: each misfire policy does exactly what it says for exactly the fire times missed.
 */
@MultiJvm
class MisfirePolicyClusterTest
{
    private static final Duration DOWN = Duration.ofSeconds(6);

    @ClassDatabase
    private static TestDatabase database;
    @CloseAfterAll
    private static Cluster cluster;

    @BeforeAll
    static void runStopAndRestartTheWholeCluster()
            throws Exception
    {
        cluster = new Cluster(database, Map.of(
                "NETCRON_QUARTZ_RECONCILE_INTERVAL", "1s",
                "NETCRON_QUARTZ_MISFIRE_THRESHOLD", "1s"));
        List<NodeProcess> nodes = List.of(cluster.start("misfire-1"), cluster.start("misfire-2"));
        cluster.awaitActive(Duration.ofSeconds(90), nodes.toArray(NodeProcess[]::new));
        Sql.execute(database, """
                INSERT INTO netcron.job (name, implementation, schedule, misfire_policy, concurrency, params) VALUES
                ('every-second-skip', 'sleep', '* * * * * ?', 'skip', 'allow', '{"duration_ms": 10}'),
                ('every-second-once', 'sleep', '* * * * * ?', 'fire_once_now', 'allow', '{"duration_ms": 10}'),
                ('every-second-catch-up', 'sleep', '* * * * * ?', 'catch_up', 'allow', '{"duration_ms": 10}')""");
        await("all three jobs running").atMost(Duration.ofSeconds(30)).until(() ->
                Sql.count(database, "SELECT count(DISTINCT job_name) FROM netcron.job_run WHERE job_name LIKE 'every-second-%' AND status = 'succeeded'") == 3);

        CompletableFuture.allOf(nodes.stream().map(node -> CompletableFuture.runAsync(() -> node.stop(Duration.ofSeconds(60)))).toArray(CompletableFuture[]::new)).join();
        Thread.sleep(DOWN.toMillis()); // the subject: wall-clock time passing with no node up

        Instant restartedAt = Instant.now();
        List<NodeProcess> restarted = List.of(cluster.start("misfire-1"), cluster.start("misfire-2"));
        cluster.awaitActive(Duration.ofSeconds(90), restarted.toArray(NodeProcess[]::new));
        await("misfires handled and caught up").atMost(Duration.ofSeconds(60)).until(() ->
                Sql.count(database, """
                        SELECT count(DISTINCT job_name) FROM netcron.job_run
                        WHERE job_name LIKE 'every-second-%' AND cause = 'schedule' AND status = 'succeeded' AND started_at > to_timestamp(? / 1000.0)""",
                        restartedAt.toEpochMilli()) == 3
                        && Sql.count(database, "SELECT count(*) FROM netcron.missed_fire WHERE handled_at IS NULL") == 0
                        && Sql.count(database, "SELECT count(*) FROM netcron.missed_fire") > 0
                        && Sql.count(database, """
                                SELECT count(*) FROM netcron.missed_fire m WHERE m.outcome = 'catch_up run scheduled'
                                AND NOT EXISTS (SELECT 1 FROM netcron.job_run r WHERE r.job_name = m.job_name AND r.scheduled_at = m.scheduled_at AND r.status = 'succeeded')""") == 0);
    }

    @Test
    void catchUpRunsEveryMissedTimeInOrder()
    {
        Gap gap = gap("every-second-catch-up");
        assertThat(gap.missed()).as("fire times missed while all nodes were down").hasSizeGreaterThanOrEqualTo((int) DOWN.toSeconds());
        List<Run> caughtUp = gap.runsInside();
        assertThat(caughtUp).extracting(Run::scheduledAt).as("one run per missed time").containsExactlyElementsOf(gap.missed());
        assertThat(caughtUp).allSatisfy(run -> {
            assertThat(run.cause()).isEqualTo("catch_up");
            assertThat(run.status()).isEqualTo("succeeded");
            assertThat(run.attempt()).isEqualTo(1);
        });
        for (int i = 1; i < caughtUp.size(); i++) {
            assertThat(caughtUp.get(i).startedAt()).as("missed times run oldest first, one after another").isAfterOrEqualTo(caughtUp.get(i - 1).finishedAt());
        }
        assertThat(missedFireTimes("every-second-catch-up", gap)).containsExactlyElementsOf(gap.missed());
    }

    @Test
    void skipRecordsEveryMissedTimeAsSkippedAndRunsNone()
    {
        Gap gap = gap("every-second-skip");
        assertThat(gap.missed()).hasSizeGreaterThanOrEqualTo((int) DOWN.toSeconds());
        assertThat(gap.runsInside()).extracting(Run::scheduledAt).containsExactlyElementsOf(gap.missed());
        assertThat(gap.runsInside()).allSatisfy(run -> {
            assertThat(run.status()).isEqualTo("skipped");
            assertThat(run.cause()).isEqualTo("schedule");
            assertThat(run.error()).startsWith("missed: no node ran it within the misfire threshold");
        });
        assertThat(Runs.of(database, "every-second-skip")).extracting(Run::cause).doesNotContain("catch_up");
    }

    @Test
    void fireOnceNowRunsOnceForTheNewestMissedTime()
    {
        Gap gap = gap("every-second-once");
        assertThat(gap.missed()).hasSizeGreaterThanOrEqualTo((int) DOWN.toSeconds());
        assertThat(gap.runsInside()).singleElement().satisfies(run -> {
            assertThat(run.scheduledAt()).isEqualTo(gap.missed().getLast());
            assertThat(run.cause()).isEqualTo("catch_up");
            assertThat(run.status()).isEqualTo("succeeded");
        });
        assertThat(missedFireTimes("every-second-once", gap)).as("the missed times stay visible").containsExactlyElementsOf(gap.missed());
    }

    /** The fire times between the last firing before the outage and the first regular firing after it. */
    private record Gap(Instant lastBefore, Instant firstAfter, List<Instant> missed, List<Run> runsInside) {}

    private static Gap gap(String jobName)
    {
        List<Run> runs = Runs.of(database, jobName);
        List<Run> regular = runs.stream().filter(run -> run.cause().equals("schedule") && !run.status().equals("skipped")).toList();
        Instant lastBefore = null;
        Instant firstAfter = null;
        for (int i = 1; i < regular.size(); i++) {
            if (Duration.between(regular.get(i - 1).scheduledAt(), regular.get(i).scheduledAt()).compareTo(DOWN) > 0) {
                lastBefore = regular.get(i - 1).scheduledAt();
                firstAfter = regular.get(i).scheduledAt();
            }
        }
        assertThat(firstAfter).as("a gap in the regular firings of " + jobName + ": " + regular.stream().map(Run::scheduledAt).toList()).isNotNull();
        List<Instant> missed = new ArrayList<>();
        for (Instant time = lastBefore.plusSeconds(1); time.isBefore(firstAfter); time = time.plusSeconds(1)) {
            missed.add(time);
        }
        Instant from = lastBefore;
        Instant to = firstAfter;
        List<Run> inside = runs.stream().filter(run -> run.scheduledAt().isAfter(from) && run.scheduledAt().isBefore(to)).toList();
        return new Gap(from, to, missed, inside);
    }

    /**
     * The recorded missed fire times inside the outage. A heavily loaded machine can also make a
     * still-running node miss a time by more than the threshold while the cluster stops; those are
     * recorded (and handled) too, but are not this gap's.
     */
    private static List<Instant> missedFireTimes(String jobName, Gap gap)
    {
        return Sql.rows(database, "SELECT (extract(epoch FROM scheduled_at) * 1000)::bigint AS ms FROM netcron.missed_fire WHERE job_name = ? ORDER BY scheduled_at", jobName)
                .stream().map(row -> Instant.ofEpochMilli(((Number) row.get("ms")).longValue()))
                .filter(time -> time.isAfter(gap.lastBefore()) && time.isBefore(gap.firstAfter()))
                .toList();
    }
}
