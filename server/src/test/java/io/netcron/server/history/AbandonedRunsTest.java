package io.netcron.server.history;

import io.netcron.server.run.RunStart;
import io.netcron.server.run.RunEnd;
import io.netcron.server.run.RunStatus;

import io.netcron.job.RunCause;
import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which {@code running} rows the sweep may call abandoned, against a real database: only runs whose
 * node is certainly gone. A live node that is merely late (check-in or heartbeat) keeps its runs,
 * and a run wrongly marked abandoned still gets its real end.
 */
class AbandonedRunsTest
{
    private static final String SCHEDULER = "netcron";
    private static final Duration FAILURE_WINDOW = Duration.ofSeconds(5);

    @ClassDatabase
    private static TestDatabase testDatabase;
    private static RunHistory history;

    @BeforeAll
    static void createHistory()
    {
        history = new RunHistory(testDatabase.migratedPool());
    }

    @BeforeEach
    void emptyTables()
    {
        Sql.execute(testDatabase, "TRUNCATE netcron.job_run, netcron.job_run_total, netcron.node, netcron.qrtz_scheduler_state");
    }

    @Test
    void aLiveNodeWhoseCheckInIsLateKeepsItsRuns()
    {
        node("slow", "1 minute", "1 second", "active");
        checkIn("slow", "20 seconds");
        long run = start("slow");

        assertThat(sweep()).isEmpty();
        assertThat(status(run)).isEqualTo("running");
    }

    @Test
    void aNodeTheClusterRecoveredButThatStillSendsHeartbeatsKeepsItsRuns()
    {
        node("judged-dead", "1 minute", "1 second", "active");
        long run = start("judged-dead");

        assertThat(sweep()).isEmpty();
        assertThat(status(run)).isEqualTo("running");
    }

    @Test
    void aNodeTheClusterRecoveredAndThatFellSilentLosesItsRuns()
    {
        node("killed", "1 minute", "30 seconds", "active");
        long run = start("killed");

        assertThat(sweep()).extracting(RunHistory.Abandoned::id).containsExactly(run);
        assertThat(status(run)).isEqualTo("abandoned");
        assertThat(error(run)).startsWith("abandoned: node killed died (the cluster declared it failed");
    }

    @Test
    void aRestartedOrStoppedNodesRunsAreAbandonedAtOnce()
    {
        long beforeRestart = start("restarted");
        node("restarted", "0 seconds", "0 seconds", "active");
        checkIn("restarted", "0 seconds");
        node("stopped", "1 minute", "0 seconds", "stopped");
        checkIn("stopped", "0 seconds");
        long ofStopped = start("stopped");

        assertThat(sweep()).extracting(RunHistory.Abandoned::id).containsExactlyInAnyOrder(beforeRestart, ofStopped);
        assertThat(error(beforeRestart)).contains("node restarted restarted at");
        assertThat(error(ofStopped)).contains("node stopped stopped");
    }

    @Test
    void aRunMarkedAbandonedThatEndsAnywayGetsItsRealEndAndKeepsTheNote()
    {
        node("paused", "1 minute", "30 seconds", "active");
        long run = start("paused");
        assertThat(sweep()).hasSize(1);

        assertThat(history.finish(run, new RunEnd(RunStatus.SUCCEEDED, "{\"ok\": true}", null, "", Duration.ofSeconds(9))))
                .contains(RunStatus.ABANDONED);

        assertThat(status(run)).isEqualTo("succeeded");
        assertThat(error(run)).startsWith("abandoned: node paused died").endsWith("but the run went on and ended succeeded on its node");
        assertThat(Sql.rows(testDatabase, "SELECT status, runs FROM netcron.job_run_total WHERE job_name = 'job-of-paused' ORDER BY status"))
                .as("the run counts once, under its real end").containsExactly(
                        Map.of("status", "abandoned", "runs", 0L),
                        Map.of("status", "succeeded", "runs", 1L));
        assertThat(history.finish(run, new RunEnd(RunStatus.FAILED, null, "late", "", Duration.ofSeconds(9))))
                .as("an ended run is never rewritten").isEmpty();
        assertThat(status(run)).isEqualTo("succeeded");
    }

    @Test
    void aRunningRowEndsNormally()
    {
        node("healthy", "1 minute", "0 seconds", "active");
        checkIn("healthy", "0 seconds");
        long run = start("healthy");

        assertThat(history.finish(run, new RunEnd(RunStatus.FAILED, null, "boom", "", Duration.ofMillis(5)))).contains(RunStatus.RUNNING);
        assertThat(status(run)).isEqualTo("failed");
        assertThat(error(run)).isEqualTo("boom");
    }

    @Test
    void aNodeHoldingItsLeaseKeepsItsRunsHoweverLateItsHeartbeatAndCheckIn()
            throws Exception
    {
        node("frozen", "1 minute", "40 seconds", "active");
        leaseHolder("frozen");
        long run = start("frozen");

        try (Connection session = testDatabase.connect()) {
            takeLease(session, "frozen");
            assertThat(sweep()).isEmpty();
            assertThat(status(run)).isEqualTo("running");
        }
    }

    @Test
    void aNodeWhoseLeaseIsGoneAndWhoseHeartbeatIsSilentIsDeadAtOnceEvenWithARecentCheckIn()
    {
        node("killed", "1 minute", "2 seconds", "active");
        leaseHolder("killed");
        checkIn("killed", "0 seconds");
        long run = start("killed");

        assertThat(sweep()).extracting(RunHistory.Abandoned::id).containsExactly(run);
        assertThat(error(run)).isEqualTo("abandoned: node killed died (its lease is gone; last heartbeat " + Sql.value(testDatabase, "SELECT last_seen::text FROM netcron.node WHERE node_id = 'killed'") + ")");
    }

    @Test
    void aNodeWhoseLeaseIsGoneButWhoseHeartbeatGoesOnKeepsItsRunsWhileItRetakesTheLease()
    {
        node("reconnecting", "1 minute", "0 seconds", "active");
        leaseHolder("reconnecting");
        long run = start("reconnecting");

        assertThat(sweep()).isEmpty();
        assertThat(status(run)).isEqualTo("running");
    }

    private static void leaseHolder(String nodeId)
    {
        Sql.execute(testDatabase, "UPDATE netcron.node SET lease_pid = 1 WHERE node_id = ?", nodeId);
    }

    private static void takeLease(Connection session, String nodeId)
            throws Exception
    {
        try (PreparedStatement statement = session.prepareStatement("SELECT pg_try_advisory_lock(hashtext('netcron.node_lease'), hashtext(?))")) {
            statement.setString(1, nodeId);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                assertThat(row.getBoolean(1)).isTrue();
            }
        }
    }

    private static java.util.List<RunHistory.Abandoned> sweep()
    {
        return history.sweepAbandoned(SCHEDULER, FAILURE_WINDOW, Duration.ofSeconds(1), Duration.ofMinutes(1));
    }

    private static void node(String nodeId, String startedAgo, String lastSeenAgo, String state)
    {
        Sql.execute(testDatabase, """
                INSERT INTO netcron.node (node_id, host, pid, version, started_at, last_seen, state)
                VALUES (?, 'test-host', 1, 'test', now() - ?::interval, now() - ?::interval, ?)
                ON CONFLICT (node_id) DO UPDATE SET started_at = excluded.started_at, last_seen = excluded.last_seen, state = excluded.state""",
                nodeId, startedAgo, lastSeenAgo, state);
    }

    private static void checkIn(String nodeId, String ago)
    {
        Sql.execute(testDatabase, """
                INSERT INTO netcron.qrtz_scheduler_state (sched_name, instance_name, last_checkin_time, checkin_interval)
                VALUES (?, ?, (extract(epoch FROM now() - ?::interval) * 1000)::bigint, 2000)""",
                SCHEDULER, nodeId, ago);
    }

    private static long start(String nodeId)
    {
        Instant scheduledAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(30);
        long id = history.start(new RunStart("job-of-" + nodeId, scheduledAt, 1, RunCause.SCHEDULE, nodeId, false));
        Sql.execute(testDatabase, "UPDATE netcron.job_run SET started_at = now() - interval '10 seconds' WHERE id = ?", id);
        return id;
    }

    private static String status(long run)
    {
        return (String) Sql.value(testDatabase, "SELECT status FROM netcron.job_run WHERE id = ?", run);
    }

    private static String error(long run)
    {
        return (String) Sql.value(testDatabase, "SELECT error FROM netcron.job_run WHERE id = ?", run);
    }
}
