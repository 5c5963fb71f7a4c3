package io.netcron.server.node;

import io.netcron.job.RunCause;
import io.netcron.server.config.NodeConfig;
import io.netcron.server.config.Settings;
import io.netcron.server.db.Database;
import io.netcron.server.execution.DatabaseRunRecorder;
import io.netcron.server.execution.OwnRuns;
import io.netcron.server.history.OverlapException;
import io.netcron.server.run.RunEnd;
import io.netcron.server.history.RunHistory;
import io.netcron.server.run.RunStart;
import io.netcron.server.run.RunStatus;
import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A node is the authority on its own runs, against a real database: a start whose first insert
 * committed (its answer lost) finds its own row; an end that could not be stored is stored by a
 * later check; a row the node says is running but is not running is ended with a clear error.
 */
class OwnRunCheckTest
{
    private static final String NODE = "own-node";

    @ClassDatabase
    private static TestDatabase testDatabase;
    @ClassDatabase
    private static Database database;
    private OwnRuns own;
    private DatabaseRunRecorder recorder;
    private OwnRunCheck check;

    @BeforeEach
    void freshNode()
    {
        Sql.execute(testDatabase, "TRUNCATE netcron.job_run, netcron.job_run_total");
        own = new OwnRuns();
        recorder = recorder(database);
        check = new OwnRunCheck(own, recorder, new RunHistory(database), NodeConfig.from(Settings.of(Map.of("node.id", NODE))));
        own.retryPendingEnds();
    }

    @Test
    void aStartRetriedAfterItsAnswerWasLostCarriesOnWithTheRowItInserted()
    {
        RunStart start = start("lost-ack");
        long inserted = new RunHistory(database).start(start); // the first try: committed, answer lost

        assertThat(recorder.started(start)).isEqualTo(inserted);
        check.check();
        assertThat(status(inserted)).isEqualTo("running");
    }

    @Test
    void aRunningRowOfThisNodeThatItIsNotRunningIsEndedAbandonedWithTheReason()
    {
        long orphan = new RunHistory(database).start(start("orphan"));
        Sql.execute(testDatabase, "UPDATE netcron.job_run SET started_at = now() - interval '5 seconds' WHERE id = ?", orphan);
        long mine = recorder.started(start("mine"));
        Sql.execute(testDatabase, "UPDATE netcron.job_run SET started_at = now() - interval '5 seconds' WHERE id = ?", mine);

        check.check();

        assertThat(status(orphan)).isEqualTo("abandoned");
        assertThat(Sql.value(testDatabase, "SELECT error FROM netcron.job_run WHERE id = ?", orphan)).asString()
                .startsWith("abandoned: node own-node is not running this run");
        assertThat(status(mine)).isEqualTo("running");
    }

    @Test
    void anEndThatCouldNotBeStoredIsKeptAndStoredByTheNextCheck()
    {
        RunStart start = start("end-kept");
        long run = recorder.started(start);
        Sql.execute(testDatabase, "UPDATE netcron.job_run SET started_at = now() - interval '5 seconds' WHERE id = ?", run);

        recorder(unreachable()).finished(run, start, new RunEnd(RunStatus.SUCCEEDED, null, null, "done", Duration.ofSeconds(5)));
        assertThat(status(run)).isEqualTo("running");
        assertThat(own.pendingEnds()).hasSize(1);

        check.check();
        assertThat(status(run)).isEqualTo("succeeded");
        assertThat(own.pendingEnds()).isEmpty();
    }

    @Test
    void aRunWhoseThreadIgnoredTheInterruptKeepsItsForbidSlotUntilTheThreadEnds()
    {
        RunStart first = exclusive("stubborn", 0);
        long run = recorder.started(first);
        recorder.lingering(run, true);
        recorder.finished(run, first, new RunEnd(RunStatus.TIMED_OUT, null, "max runtime exceeded; the job ignored the interrupt", "", Duration.ofSeconds(1)));

        assertThatThrownBy(() -> recorder.started(exclusive("stubborn", 1))).isInstanceOf(OverlapException.class);
        check.check();
        assertThat(Sql.value(testDatabase, "SELECT lingering FROM netcron.job_run WHERE id = ?", run)).as("still lingering after the check").isEqualTo(true);

        recorder.lingering(run, false);
        assertThat(recorder.started(exclusive("stubborn", 2))).isPositive();
    }

    @Test
    void aLingeringRowWhoseThreadTheNodeNoLongerHasIsFreed()
    {
        RunStart start = exclusive("lost-thread", 0);
        long run = recorder.started(start);
        recorder.finished(run, start, new RunEnd(RunStatus.TIMED_OUT, null, "max runtime exceeded", "", Duration.ofSeconds(1)));
        Sql.execute(testDatabase, "UPDATE netcron.job_run SET lingering = true WHERE id = ?", run);

        check.check();

        assertThat(Sql.value(testDatabase, "SELECT lingering FROM netcron.job_run WHERE id = ?", run)).isEqualTo(false);
    }

    private static RunStart exclusive(String jobName, int secondsLater)
    {
        return new RunStart(jobName, Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(secondsLater), 1, RunCause.SCHEDULE, NODE, true);
    }

    private DatabaseRunRecorder recorder(Database over)
    {
        return new DatabaseRunRecorder(new RunHistory(over), over, own);
    }

    /** A database on a port nothing listens on: every statement fails as when PostgreSQL is away. */
    private static Database unreachable()
    {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL("jdbc:postgresql://127.0.0.1:1/nowhere");
        dataSource.setConnectTimeout(1);
        return new Database(dataSource);
    }

    private static RunStart start(String jobName)
    {
        return new RunStart(jobName, Instant.now().truncatedTo(ChronoUnit.SECONDS), 1, RunCause.SCHEDULE, NODE, false);
    }

    private static String status(long run)
    {
        return (String) Sql.value(testDatabase, "SELECT status FROM netcron.job_run WHERE id = ?", run);
    }
}
