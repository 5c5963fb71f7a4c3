package io.netcron.server.history;

import com.google.inject.Inject;
import io.netcron.server.db.Database;
import io.netcron.server.db.DatabaseException;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** SQL for {@code netcron.job_run}: a row when a run starts, completed once when it ends. */
public final class RunHistory
{
    /** Output kept per run; the oldest part is dropped beyond this. */
    public static final int MAX_OUTPUT_CHARS = 64 * 1024;
    private static final int MAX_ERROR_CHARS = 8 * 1024;

    private final Database database;

    @Inject
    public RunHistory(Database database)
    {
        this.database = requireNonNull(database, "database is null");
    }

    /** Inserts the {@code running} row; a second start of the same (job, fire time, attempt) is refused. */
    public long start(RunStart start)
    {
        try {
            return database.queryOne("""
                            INSERT INTO netcron.job_run (job_name, scheduled_at, node_id, attempt, cause, status, exclusive)
                            VALUES (?, ?, ?, ?, ?, 'running', ?)
                            RETURNING id""",
                    row -> row.getLong(1),
                    start.jobName(), start.scheduledAt(), start.nodeId(), start.attempt(), start.cause().sqlName(), start.exclusive()).orElseThrow();
        }
        catch (DatabaseException e) {
            if (e.isUniqueViolation() && e.getMessage().contains("job_run_once_per_fire_time")) {
                throw new DuplicateRunException(start);
            }
            if (e.isUniqueViolation() && e.getMessage().contains("job_run_one_exclusive_running")) {
                throw new OverlapException(start);
            }
            throw e;
        }
    }

    /** Records a firing that did not run because the previous run of a {@code forbid} job is still going. */
    public long skipped(RunStart start, String reason)
    {
        return database.queryOne("""
                        INSERT INTO netcron.job_run (job_name, scheduled_at, node_id, attempt, cause, status, error, finished_at, duration_ms)
                        VALUES (?, ?, ?, ?, ?, 'skipped', ?, now(), 0)
                        RETURNING id""",
                row -> row.getLong(1),
                start.jobName(), start.scheduledAt(), start.nodeId(), start.attempt(), start.cause().sqlName(), reason).orElseThrow();
    }

    public Optional<RunRecord> running(String jobName)
    {
        return database.queryOne("SELECT " + RunRecord.COLUMNS + " FROM netcron.job_run WHERE job_name = ? AND status = 'running' AND exclusive",
                RunRecord::map, jobName);
    }

    /** Completes a running row. Only a {@code running} row changes: an ended run is never rewritten. */
    public boolean finish(long runId, RunEnd end)
    {
        return database.update("""
                        UPDATE netcron.job_run
                        SET status = ?, finished_at = now(), result = ?::jsonb, error = ?, output = ?, duration_ms = ?
                        WHERE id = ? AND status = 'running'""",
                end.status().sqlName(), end.resultJson(), truncate(end.error(), MAX_ERROR_CHARS), end.output(), end.duration().toMillis(), runId) == 1;
    }

    public Optional<RunRecord> find(long runId)
    {
        return database.queryOne("SELECT " + RunRecord.COLUMNS + " FROM netcron.job_run WHERE id = ?", RunRecord::map, runId);
    }

    public List<RunRecord> recent(Optional<String> jobName, int limit)
    {
        if (jobName.isPresent()) {
            return database.query("SELECT " + RunRecord.COLUMNS + " FROM netcron.job_run WHERE job_name = ? ORDER BY started_at DESC, id DESC LIMIT ?",
                    RunRecord::map, jobName.get(), limit);
        }
        return database.query("SELECT " + RunRecord.COLUMNS + " FROM netcron.job_run ORDER BY started_at DESC, id DESC LIMIT ?", RunRecord::map, limit);
    }

    static String truncate(String text, int max)
    {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max) + "... (truncated)";
    }
}
