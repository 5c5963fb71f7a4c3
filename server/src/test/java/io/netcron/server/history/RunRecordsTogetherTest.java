package io.netcron.server.history;

import io.netcron.job.RunCause;
import io.netcron.server.run.RunEnd;
import io.netcron.server.run.RunStart;
import io.netcron.server.run.RunStatus;
import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The statements that record the starts and the ends of several runs at once (runs fired in one
 * batch), against a real database: each run gets exactly what its own statement would have given it,
 * and a conflict is left to the single-run statement, which reports it.
 */
class RunRecordsTogetherTest
{
    private static final Instant AT = Instant.parse("2026-12-01T03:00:00Z");

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
        Sql.execute(testDatabase, "TRUNCATE netcron.job_run, netcron.job_run_total, netcron.job_state");
    }

    @Test
    void startsRecordedTogetherGetOneRunningRowEach()
    {
        RunStart a = start("a", AT, false);
        RunStart b = start("b", AT, true);
        RunStart retry = new RunStart("a", AT.minusSeconds(60), 2, RunCause.RETRY, "node-1", false);

        Map<RunStart, Long> ids = history.startAll(List.of(a, b, retry));

        assertThat(ids).containsOnlyKeys(a, b, retry);
        assertThat(Sql.rows(testDatabase, "SELECT id, job_name, scheduled_at, attempt, cause, status, exclusive, node_id FROM netcron.job_run WHERE id = ?", ids.get(retry)))
                .singleElement()
                .satisfies(row -> {
                    assertThat(row).containsEntry("job_name", "a").containsEntry("attempt", 2).containsEntry("cause", "retry")
                            .containsEntry("status", "running").containsEntry("exclusive", false).containsEntry("node_id", "node-1");
                    assertThat(((java.sql.Timestamp) row.get("scheduled_at")).toInstant()).isEqualTo(AT.minusSeconds(60));
                });
        assertThat(Sql.value(testDatabase, "SELECT exclusive FROM netcron.job_run WHERE id = ?", ids.get(b))).isEqualTo(true);
    }

    @Test
    void aFireTimeAlreadyStartedIsLeftOutAndRefusedWhenRecordedAlone()
    {
        RunStart twice = start("a", AT, false);
        RunStart other = start("b", AT, false);
        long first = history.start(twice);

        Map<RunStart, Long> ids = history.startAll(List.of(twice, other));

        assertThat(ids).containsOnlyKeys(other);
        assertThatThrownBy(() -> history.start(twice)).isInstanceOf(DuplicateRunException.class);
        assertThat(Sql.count(testDatabase, "SELECT count(*) FROM netcron.job_run WHERE job_name = 'a'")).isEqualTo(1);
        assertThat(first).isNotEqualTo(ids.get(other));
    }

    @Test
    void aForbidJobStillRunningIsLeftOutAndReportedAsOverlapWhenRecordedAlone()
    {
        history.start(start("forbid", AT, true));
        RunStart next = start("forbid", AT.plusSeconds(1), true);

        assertThat(history.startAll(List.of(next))).isEmpty();
        assertThatThrownBy(() -> history.start(next)).isInstanceOf(OverlapException.class);
    }

    @Test
    void runsEndingTogetherEachGetTheirEndAndTheirJobItsNewestStatus()
    {
        long older = history.start(start("a", AT, false));
        long newer = history.start(start("a", AT.plusSeconds(1), false));
        long other = history.start(start("b", AT, false));
        RunHistory.Ending olderEnd = new RunHistory.Ending(older, end(RunStatus.SUCCEEDED, null));
        RunHistory.Ending newerEnd = new RunHistory.Ending(newer, end(RunStatus.FAILED, "device said no"));
        RunHistory.Ending otherEnd = new RunHistory.Ending(other, end(RunStatus.SUCCEEDED, null));

        Map<RunHistory.Ending, Optional<RunStatus>> before = history.finishAll(List.of(newerEnd, olderEnd, otherEnd));

        assertThat(before).containsOnlyKeys(olderEnd, newerEnd, otherEnd).allSatisfy((ending, status) -> assertThat(status).contains(RunStatus.RUNNING));
        assertThat(Sql.rows(testDatabase, "SELECT status, error, duration_ms, result::text AS result, output, finished_at IS NOT NULL AS finished FROM netcron.job_run WHERE id = ?", newer))
                .singleElement()
                .satisfies(row -> assertThat(row).containsEntry("status", "failed").containsEntry("error", "device said no").containsEntry("duration_ms", 1500L)
                        .containsEntry("result", "{\"devices\": 3}").containsEntry("output", "line 1\n").containsEntry("finished", true));
        assertThat(Sql.value(testDatabase, "SELECT last_status FROM netcron.job_state WHERE job_name = 'a'")).isEqualTo("failed");
        assertThat(Sql.value(testDatabase, "SELECT last_status FROM netcron.job_state WHERE job_name = 'b'")).isEqualTo("succeeded");
        assertThat(Sql.count(testDatabase, "SELECT runs FROM netcron.job_run_total WHERE job_name = 'a' AND status = 'succeeded'")).isEqualTo(1);
    }

    @Test
    void anAbandonedRunEndingWithOthersKeepsWhyItWasAbandoned()
    {
        long abandoned = history.start(start("a", AT, false));
        history.abandon("a", AT, "abandoned: node node-1 judged dead");
        RunHistory.Ending ending = new RunHistory.Ending(abandoned, end(RunStatus.SUCCEEDED, null));

        assertThat(history.finishAll(List.of(ending))).containsEntry(ending, Optional.of(RunStatus.ABANDONED));
        assertThat(Sql.rows(testDatabase, "SELECT status, error FROM netcron.job_run WHERE id = ?", abandoned))
                .singleElement()
                .satisfies(row -> assertThat(row).containsEntry("status", "succeeded")
                        .containsEntry("error", "abandoned: node node-1 judged dead, but the run went on and ended succeeded on its node"));
    }

    @Test
    void aRunThatHadAlreadyEndedHasNoStatusBeforeAndItsEndIsNotRecordedAgain()
    {
        long run = history.start(start("a", AT, false));
        assertThat(history.finish(run, end(RunStatus.FAILED, "first end"))).contains(RunStatus.RUNNING);
        RunHistory.Ending again = new RunHistory.Ending(run, end(RunStatus.SUCCEEDED, null));

        assertThat(history.finishAll(List.of(again))).containsOnly(Map.entry(again, Optional.empty()));
        assertThat(history.finish(run, again.end())).isEmpty();
        assertThat(Sql.value(testDatabase, "SELECT status FROM netcron.job_run WHERE id = ?", run)).isEqualTo("failed");
    }

    private static RunStart start(String job, Instant scheduledAt, boolean exclusive)
    {
        return new RunStart(job, scheduledAt, 1, RunCause.SCHEDULE, "node-1", exclusive);
    }

    private static RunEnd end(RunStatus status, String error)
    {
        return new RunEnd(status, "{\"devices\": 3}", error, "line 1\n", Duration.ofMillis(1500));
    }
}
