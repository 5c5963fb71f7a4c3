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
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code kill -9} of a node in the middle of its runs, with default failure-detection settings
 * (check-in 2 s, failure slack 3 s): the interrupted runs are marked abandoned, the recoverable one
 * runs again on the survivor within 10 s of the kill as the next attempt, the non-recoverable one is
 * not re-run, and a retry the dead node had scheduled still runs.
 */
@MultiJvm
class FailoverClusterTest
{
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(10);

    @ClassDatabase
    private static TestDatabase database;
    @CloseAfterAll
    private static Cluster cluster;
    private static NodeProcess doomed;
    private static NodeProcess survivor;
    private static Instant fireTime;
    private static Instant killedAt;

    @BeforeAll
    static void killANodeInTheMiddleOfItsRuns()
    {
        cluster = new Cluster(database, Map.of("NETCRON_QUARTZ_RECONCILE_INTERVAL", "1s"));
        // the doomed node is alone when the jobs fire, so it is the one running them
        doomed = cluster.start("doomed");
        cluster.awaitActive(Duration.ofSeconds(90), doomed);
        fireTime = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(4);
        String once = Runs.onceAt(fireTime);
        Sql.execute(database, """
                INSERT INTO netcron.job (name, implementation, schedule, recoverable, max_retries, retry_backoff, params) VALUES
                ('long-recoverable', 'sleep', ?, true, 0, '1 second', '{"duration_ms": 60000}'),
                ('long-not-recoverable', 'sleep', ?, false, 0, '1 second', '{"duration_ms": 60000}'),
                ('retry-later', 'test-flaky', ?, true, 1, '25 seconds', '{"succeed_on_attempt": 2}')""",
                once, once, once);
        await("the doomed node runs the jobs").atMost(Duration.ofSeconds(30)).until(() ->
                Sql.count(database, "SELECT count(*) FROM netcron.job_run WHERE node_id = 'doomed' AND attempt = 1 AND status IN ('running', 'failed')") == 3);

        survivor = cluster.start("survivor");
        cluster.awaitActive(Duration.ofSeconds(90), survivor);
        killedAt = Instant.now();
        doomed.kill();
        await("the recoverable run recovered").atMost(Duration.ofSeconds(60)).until(() -> Runs.of(database, "long-recoverable").size() == 2);
        System.out.printf("kill-to-recovery-start: %d ms%n", Duration.between(killedAt, Runs.of(database, "long-recoverable").get(1).startedAt()).toMillis());
    }

    @Test
    void recoverableRunIsAbandonedAndRunAgainOnTheSurvivorWithinTenSecondsAsTheNextAttempt()
    {
        List<Run> runs = Runs.of(database, "long-recoverable");
        assertThat(runs).hasSize(2);
        Run interrupted = runs.get(0);
        Run recovery = runs.get(1);
        assertThat(interrupted.nodeId()).isEqualTo("doomed");
        assertThat(interrupted.status()).isEqualTo("abandoned");
        assertThat(interrupted.error()).contains("node doomed");
        assertThat(recovery.scheduledAt()).isEqualTo(fireTime);
        assertThat(recovery.attempt()).isEqualTo(2);
        assertThat(recovery.cause()).isEqualTo("recovery");
        assertThat(recovery.nodeId()).isEqualTo("survivor");
        assertThat(Duration.between(killedAt, recovery.startedAt())).as("kill to recovery start").isLessThan(RECOVERY_BOUND);
    }

    @Test
    void nonRecoverableRunIsAbandonedAndNotRunAgain()
    {
        await("the non-recoverable run abandoned").atMost(Duration.ofSeconds(30)).until(() ->
                Runs.of(database, "long-not-recoverable").getFirst().status().equals("abandoned"));
        Run abandoned = Runs.of(database, "long-not-recoverable").getFirst();
        assertThat(abandoned.error()).startsWith("abandoned: node doomed died");
        // recovery of the recoverable job proves the failure was detected; give a re-run time to show up anyway
        Instant settled = Instant.now().plusSeconds(3);
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(settled));
        assertThat(Runs.of(database, "long-not-recoverable")).hasSize(1);
    }

    @Test
    void retryScheduledByTheDeadNodeRunsOnTheSurvivor()
    {
        await("the retry").atMost(Duration.ofSeconds(60)).until(() ->
                Runs.of(database, "retry-later").size() == 2 && !Runs.of(database, "retry-later").get(1).status().equals("running"));
        List<Run> runs = Runs.of(database, "retry-later");
        assertThat(runs).extracting(Run::attempt, Run::cause, Run::status, Run::nodeId).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, "schedule", "failed", "doomed"),
                org.assertj.core.groups.Tuple.tuple(2, "retry", "succeeded", "survivor"));
        assertThat(Duration.between(runs.get(0).finishedAt(), runs.get(1).startedAt())).isBetween(Duration.ofMillis(24_900), Duration.ofSeconds(35));
    }

    @Test
    void noRunOfTheDeadNodeIsLeftRunning()
    {
        await("the dead node's runs ended").atMost(Duration.ofSeconds(30)).until(() ->
                Sql.count(database, "SELECT count(*) FROM netcron.job_run WHERE node_id = 'doomed' AND status = 'running'") == 0);
    }
}
