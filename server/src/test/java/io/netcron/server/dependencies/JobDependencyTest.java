package io.netcron.server.dependencies;

import io.netcron.job.RunCause;
import io.netcron.server.run.RunEnd;
import io.netcron.server.history.RunHistory;
import io.netcron.server.run.RunStart;
import io.netcron.server.run.RunStatus;
import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@code netcron.job_dependency} against a real database: the downstream request is written by the
 * upstream run's end (same transaction), once per upstream run, per edge condition, with fan-in.
 */
class JobDependencyTest
{
    private static final AtomicLong FIRE_TIMES = new AtomicLong();
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
        Sql.execute(testDatabase, "TRUNCATE netcron.job_run, netcron.job_request, netcron.job_dependency, netcron.job CASCADE");
        for (String job : List.of("extract", "load", "report", "cleanup", "alarm")) {
            Sql.execute(testDatabase, "INSERT INTO netcron.job (name, implementation, max_retries) VALUES (?, 'noop', 1)", job);
        }
    }

    @Test
    void aSuccessfulUpstreamRunRequestsTheDownstreamJobOnceWithCauseDependency()
    {
        depend("report", "extract", "success");

        long run = runAndEnd("extract", 1, RunStatus.SUCCEEDED);

        assertThat(Sql.rows(testDatabase, "SELECT job_name, trigger_run_id FROM netcron.job_request"))
                .singleElement()
                .satisfies(row -> {
                    assertThat(row.get("job_name")).isEqualTo("report");
                    assertThat(row.get("trigger_run_id")).isEqualTo(run);
                });
        assertThat(Sql.value(testDatabase, "SELECT requested_by FROM netcron.job_request")).asString().contains("run " + run + " of extract");
    }

    @Test
    void aRequestForTheSameUpstreamRunIsRefusedByTheUniqueKey()
    {
        depend("report", "extract", "success");
        long run = runAndEnd("extract", 1, RunStatus.SUCCEEDED);

        Sql.execute(testDatabase, "INSERT INTO netcron.job_request (job_name, trigger_run_id) VALUES ('report', ?) ON CONFLICT DO NOTHING", run);

        assertThat(Sql.count(testDatabase, "SELECT count(*) FROM netcron.job_request WHERE job_name = 'report'")).isEqualTo(1);
    }

    @Test
    void aFailureEdgeWaitsForTheLastRetryAndIgnoresSuccess()
    {
        depend("alarm", "extract", "failure");

        runAndEnd("extract", 1, RunStatus.FAILED); // max_retries 1: a retry follows
        assertThat(requests("alarm")).isZero();
        runAndEnd("extract", 1, RunStatus.SUCCEEDED);
        assertThat(requests("alarm")).isZero();
        runAndEnd("extract", 2, RunStatus.TIMED_OUT);
        assertThat(requests("alarm")).isEqualTo(1);
    }

    @Test
    void aCompletionEdgeFiresOnSuccessAndOnFinalFailure()
    {
        depend("cleanup", "extract", "completion");

        runAndEnd("extract", 1, RunStatus.SUCCEEDED);
        runAndEnd("extract", 2, RunStatus.FAILED);

        assertThat(requests("cleanup")).isEqualTo(2);
    }

    @Test
    void aSuccessEdgeIgnoresFailures()
    {
        depend("report", "extract", "success");

        runAndEnd("extract", 2, RunStatus.FAILED);

        assertThat(requests("report")).isZero();
    }

    @Test
    void fanInRunsTheJobOnlyWhenEveryUpstreamHasEndedAndEachEndCountsOnce()
    {
        depend("report", "extract", "success");
        depend("report", "load", "success");

        runAndEnd("extract", 1, RunStatus.SUCCEEDED);
        assertThat(requests("report")).isZero();
        long load = runAndEnd("load", 1, RunStatus.SUCCEEDED);
        assertThat(Sql.rows(testDatabase, "SELECT trigger_run_id FROM netcron.job_request WHERE job_name = 'report'"))
                .extracting(row -> row.get("trigger_run_id")).containsExactly(load);

        // extract's earlier end was used up by that run: load alone does not make another
        runAndEnd("load", 1, RunStatus.SUCCEEDED);
        assertThat(requests("report")).isEqualTo(1);
    }

    @Test
    void fanInIgnoresUpstreamEndsOutsideTheWindow()
    {
        depend("report", "extract", "success");
        Sql.execute(testDatabase, "INSERT INTO netcron.job_dependency (job, depends_on, \"on\", within) VALUES ('report', 'load', 'success', '1 minute')");
        long extract = runAndEnd("extract", 1, RunStatus.SUCCEEDED);
        long load = runAndEnd("load", 1, RunStatus.SUCCEEDED);
        Sql.execute(testDatabase, "DELETE FROM netcron.job_request");
        Sql.execute(testDatabase, "UPDATE netcron.job_run SET finished_at = now() - interval '2 minutes' WHERE id IN (?, ?)", extract, load);

        runAndEnd("extract", 1, RunStatus.SUCCEEDED);

        assertThat(requests("report")).isZero();
    }

    @Test
    void theRequestIsWrittenInTheTransactionThatEndsTheUpstreamRun()
            throws SQLException
    {
        depend("report", "extract", "success");
        long run = history.start(start("extract", 1));

        try (Connection connection = testDatabase.connect(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.executeUpdate("UPDATE netcron.job_run SET status = 'succeeded', finished_at = now() WHERE id = " + run);
            try (var rows = statement.executeQuery("SELECT count(*) FROM netcron.job_request WHERE trigger_run_id = " + run)) {
                rows.next();
                assertThat(rows.getLong(1)).as("visible inside the ending transaction").isEqualTo(1);
            }
            assertThat(requests("report")).as("invisible to others before commit").isZero();
            connection.rollback(); // the node died before its commit: neither the end nor the request exists
        }
        assertThat(requests("report")).isZero();
        assertThat(Sql.value(testDatabase, "SELECT status FROM netcron.job_run WHERE id = ?", run)).isEqualTo("running");
    }

    @Test
    void anEdgeThatClosesACycleIsRefusedNamingThePath()
    {
        depend("load", "extract", "success");
        depend("report", "load", "success");

        assertThatThrownBy(() -> depend("extract", "report", "success"))
                .hasMessageContaining("would make a cycle: extract -> report -> load -> extract");
        assertThatThrownBy(() -> depend("extract", "extract", "success"))
                .hasMessageContaining("cannot depend on itself");
    }

    @Test
    void anEdgeNamingAnUnknownJobIsRefused()
    {
        assertThatThrownBy(() -> depend("report", "extrcat", "success"))
                .hasMessageContaining("no job 'extrcat' in netcron.job (depends_on)");
    }

    @Test
    void twoTransactionsThatEachCloseHalfACycleCannotBothCommit()
            throws Exception
    {
        try (Connection first = testDatabase.connect(); Connection second = testDatabase.connect();
                ExecutorService executor = Executors.newSingleThreadExecutor()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            first.createStatement().executeUpdate("INSERT INTO netcron.job_dependency (job, depends_on) VALUES ('load', 'extract')");
            Future<?> other = executor.submit(() -> {
                second.createStatement().executeUpdate("INSERT INTO netcron.job_dependency (job, depends_on) VALUES ('extract', 'load')");
                second.commit();
                return null;
            });
            awaitWaitingForTheLock();
            first.commit();

            assertThatThrownBy(() -> other.get(10, TimeUnit.SECONDS)).hasMessageContaining("would make a cycle: extract -> load -> extract");
        }
        assertThat(Sql.count(testDatabase, "SELECT count(*) FROM netcron.job_dependency")).isEqualTo(1);
    }

    @Test
    void twoUpstreamsEndingInConcurrentTransactionsRunTheFanInJobOnce()
            throws Exception
    {
        depend("report", "extract", "success");
        depend("report", "load", "success");
        long extract = history.start(start("extract", 1));
        long load = history.start(start("load", 1));

        try (Connection first = testDatabase.connect(); Connection second = testDatabase.connect();
                ExecutorService executor = Executors.newSingleThreadExecutor()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            first.createStatement().executeUpdate("UPDATE netcron.job_run SET status = 'succeeded', finished_at = now() WHERE id = " + extract);
            Future<?> other = executor.submit(() -> {
                second.createStatement().executeUpdate("UPDATE netcron.job_run SET status = 'succeeded', finished_at = now() WHERE id = " + load);
                second.commit();
                return null;
            });
            awaitWaitingForTheLock();
            first.commit();
            other.get(10, TimeUnit.SECONDS);
        }

        assertThat(Sql.rows(testDatabase, "SELECT trigger_run_id FROM netcron.job_request WHERE job_name = 'report'"))
                .extracting(row -> row.get("trigger_run_id")).containsExactly(load);
    }

    @Test
    void aDependencyRunIsRecordedWithCauseDependency()
    {
        long id = history.start(new RunStart("report", Instant.now().truncatedTo(ChronoUnit.MICROS), 1, RunCause.DEPENDENCY, "node-a", false));

        assertThat(Sql.value(testDatabase, "SELECT cause FROM netcron.job_run WHERE id = ?", id)).isEqualTo("dependency");
    }

    /** The second transaction queues behind the first one's lock (the trigger's advisory lock). */
    private static void awaitWaitingForTheLock()
    {
        await("second transaction waits for the first").atMost(Duration.ofSeconds(5)).until(() -> Sql.count(testDatabase, """
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'""") > 0);
    }

    private static void depend(String job, String dependsOn, String on)
    {
        Sql.execute(testDatabase, "INSERT INTO netcron.job_dependency (job, depends_on, \"on\") VALUES (?, ?, ?)", job, dependsOn, on);
    }

    private static long runAndEnd(String job, int attempt, RunStatus status)
    {
        long id = history.start(start(job, attempt));
        history.finish(id, new RunEnd(status, null, status == RunStatus.SUCCEEDED ? null : "boom", "", Duration.ofMillis(5)));
        return id;
    }

    private static RunStart start(String job, int attempt)
    {
        Instant fireTime = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(FIRE_TIMES.incrementAndGet());
        return new RunStart(job, fireTime, attempt, attempt == 1 ? RunCause.SCHEDULE : RunCause.RETRY, "node-a", false);
    }

    private static long requests(String job)
    {
        return Sql.count(testDatabase, "SELECT count(*) FROM netcron.job_request WHERE job_name = ?", job);
    }
}
