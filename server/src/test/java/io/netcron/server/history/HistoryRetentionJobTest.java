package io.netcron.server.history;

import io.netcron.job.JobResult;
import io.netcron.job.testing.JobTester;
import io.netcron.server.config.HistoryConfig;
import io.netcron.server.db.Database;
import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.MultiJvm;
import io.netcron.server.testing.NodeProcess;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Retention trims job_run by age and by rows per job, in batches, and never touches running rows. */
@MultiJvm
class HistoryRetentionJobTest
{
    @ClassDatabase
    private static TestDatabase testDatabase;
    @ClassDatabase
    private static Database database;

    @BeforeEach
    void emptyHistory()
    {
        Sql.execute(testDatabase, "TRUNCATE netcron.job_run, netcron.job_request");
    }

    @Test
    void deletesRunsOlderThanTheMaxAgeButKeepsRunningOnes()
            throws Exception
    {
        insertRuns("old", 7, "40 days", "succeeded");
        insertRuns("old", 1, "40 days", "running");
        insertRuns("old", 3, "1 day", "failed");

        JobResult result = retention(new HistoryConfig(Duration.ofDays(30), 10_000, 3));

        assertThat(result.values()).containsEntry("deleted_by_age", 7L).containsEntry("deleted_by_count", 0L);
        assertThat(Sql.count(testDatabase, "SELECT count(*) FROM netcron.job_run WHERE job_name = 'old' AND started_at < now() - interval '30 days'"))
                .as("old rows left: only the running one").isEqualTo(1);
        assertThat(Sql.value(testDatabase, "SELECT status FROM netcron.job_run WHERE started_at < now() - interval '30 days'")).isEqualTo("running");
        assertThat(Sql.count(testDatabase, "SELECT count(*) FROM netcron.job_run WHERE job_name = 'old'")).isEqualTo(4);
    }

    @Test
    void keepsTheNewestRowsPerJobInBatches()
            throws Exception
    {
        insertRuns("busy", 25, "1 hour", "succeeded");
        insertRuns("quiet", 4, "1 hour", "succeeded");
        List<Long> newestBusy = ids("SELECT id FROM netcron.job_run WHERE job_name = 'busy' ORDER BY started_at DESC, id DESC LIMIT 10");

        JobResult result = retention(new HistoryConfig(Duration.ofDays(30), 10, 4));

        assertThat(result.values())
                .containsEntry("deleted_by_count", 15L)
                .containsEntry("jobs_trimmed", 1);
        assertThat(ids("SELECT id FROM netcron.job_run WHERE job_name = 'busy' ORDER BY started_at DESC, id DESC")).isEqualTo(newestBusy);
        assertThat(Sql.count(testDatabase, "SELECT count(*) FROM netcron.job_run WHERE job_name = 'quiet'")).isEqualTo(4);
        // 15 rows in batches of at most 4: 4 + 4 + 4 + 3
        assertThat(((Number) result.values().get("batches")).intValue()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void runsWithTheSameStartTimeAreOrderedById()
            throws Exception
    {
        Sql.execute(testDatabase, """
                INSERT INTO netcron.job_run (job_name, scheduled_at, started_at, finished_at, node_id, attempt, cause, status)
                SELECT 'tied', now() - interval '1 minute' + i * interval '1 microsecond', now() - interval '1 minute', now(), 'n', 1, 'manual', 'succeeded'
                FROM generate_series(1, 6) AS i""");
        List<Long> newest = ids("SELECT id FROM netcron.job_run WHERE job_name = 'tied' ORDER BY id DESC LIMIT 2");

        retention(new HistoryConfig(Duration.ofDays(30), 2, 1));

        assertThat(ids("SELECT id FROM netcron.job_run WHERE job_name = 'tied' ORDER BY id DESC")).isEqualTo(newest);
    }

    @Test
    void deletesRunNowRequestsHandledLongerAgoThanTheMaxAge()
            throws Exception
    {
        Sql.execute(testDatabase, "INSERT INTO netcron.job_request (job_name, handled_at) VALUES ('a', now() - interval '40 days'), ('b', now() - interval '1 day'), ('c', NULL)");

        JobResult result = retention(new HistoryConfig(Duration.ofDays(30), 10_000, 100));

        assertThat(result.values()).containsEntry("requests_deleted", 1L);
        assertThat(Sql.rows(testDatabase, "SELECT job_name FROM netcron.job_request ORDER BY job_name")).extracting(row -> row.get("job_name")).containsExactly("b", "c");
    }

    @Test
    void isDiscoveredAndRunsWithTheConfiguredRetentionInSingleTaskMode()
    {
        insertRuns("cli", 12, "1 hour", "succeeded");
        Map<String, String> environment = new HashMap<>(testDatabase.environment());
        environment.putAll(Map.of(
                "NETCRON_NODE_ID", "retention-test",
                "NETCRON_HISTORY_MAX_ROWS_PER_JOB", "5",
                "NETCRON_HISTORY_BATCH_SIZE", "2"));
        NodeProcess run = NodeProcess.start("retention-run", environment, "run", "history-retention");
        assertThat(run.waitFor(Duration.ofSeconds(60))).as(run.output()).isZero();
        assertThat(run.output()).contains("\"deleted_by_count\":7");
        assertThat(Sql.count(testDatabase, "SELECT count(*) FROM netcron.job_run WHERE job_name = 'cli'")).isEqualTo(5);
        assertThat(Sql.value(testDatabase, "SELECT schedule FROM netcron.job WHERE name = 'history-retention'")).isEqualTo("0 17 * * * ?");
    }

    private static void insertRuns(String job, int count, String age, String status)
    {
        Sql.execute(testDatabase, """
                INSERT INTO netcron.job_run (job_name, scheduled_at, started_at, finished_at, node_id, attempt, cause, status)
                SELECT ?, now() - ?::interval + i * interval '1 second', now() - ?::interval + i * interval '1 second',
                       CASE WHEN ? = 'running' THEN NULL ELSE now() END, 'n', 1, 'schedule', ?
                FROM generate_series(1, ?) AS i""", job, age, age, status, status, count);
    }

    private static List<Long> ids(String sql)
    {
        return Sql.rows(testDatabase, sql).stream().map(row -> ((Number) row.get("id")).longValue()).toList();
    }

    private static JobResult retention(HistoryConfig config)
    {
        return JobTester.forJob(new HistoryRetentionJob(new RunRetention(database), config)).run().resultOrThrow();
    }
}
