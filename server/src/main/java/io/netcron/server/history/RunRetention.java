package io.netcron.server.history;

import com.google.inject.Inject;
import io.netcron.server.db.Database;
import io.netcron.server.db.Handle;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * SQL that trims {@code netcron.job_run} (and handled {@code netcron.job_request} rows). Every
 * statement deletes at most one batch and commits on its own, so no lock is held for long and
 * running rows are never touched.
 */
public final class RunRetention
{
    private final Database database;

    @Inject
    public RunRetention(Database database)
    {
        this.database = requireNonNull(database, "database is null");
    }

    /** The database's now minus {@code age}: the cut-off for "older than". */
    public Instant cutoff(Duration age)
    {
        return database.queryOne("SELECT now() - make_interval(secs => ? / 1000.0) AS cutoff", row -> Handle.instant(row, "cutoff"), age.toMillis()).orElseThrow();
    }

    /** Deletes up to {@code batch} ended runs that started before {@code cutoff}; returns how many. */
    public int deleteRunsStartedBefore(Instant cutoff, int batch)
    {
        return database.update("""
                        DELETE FROM netcron.job_run WHERE id IN (
                            SELECT id FROM netcron.job_run WHERE started_at < ? AND status <> 'running' LIMIT ?)""",
                cutoff, batch);
    }

    /** Job names that have runs, read with a skip scan over the (job_name, started_at) index. */
    public List<String> jobsWithRuns()
    {
        return database.query("""
                WITH RECURSIVE names AS (
                    (SELECT job_name FROM netcron.job_run ORDER BY job_name LIMIT 1)
                    UNION ALL
                    SELECT (SELECT r.job_name FROM netcron.job_run r WHERE r.job_name > names.job_name ORDER BY r.job_name LIMIT 1)
                    FROM names WHERE names.job_name IS NOT NULL)
                SELECT job_name FROM names WHERE job_name IS NOT NULL""",
                row -> row.getString(1));
    }

    /** The newest run of {@code jobName} beyond the {@code keep} newest (by start, then id), if there is one. */
    public Optional<RunKey> firstRunBeyond(String jobName, int keep)
    {
        return database.queryOne("""
                        SELECT started_at, id FROM netcron.job_run WHERE job_name = ?
                        ORDER BY started_at DESC, id DESC OFFSET ? LIMIT 1""",
                row -> new RunKey(Handle.instant(row, "started_at"), row.getLong("id")), jobName, keep);
    }

    /** Deletes up to {@code batch} ended runs of {@code jobName} at or before {@code boundary} (by start, then id). */
    public int deleteRunsUpTo(String jobName, RunKey boundary, int batch)
    {
        return database.update("""
                        DELETE FROM netcron.job_run WHERE id IN (
                            SELECT id FROM netcron.job_run
                            WHERE job_name = ? AND started_at <= ? AND (started_at < ? OR id <= ?) AND status <> 'running'
                            LIMIT ?)""",
                jobName, boundary.startedAt(), boundary.startedAt(), boundary.id(), batch);
    }

    /** Deletes up to {@code batch} run-now requests handled before {@code cutoff}. */
    public int deleteRequestsHandledBefore(Instant cutoff, int batch)
    {
        return database.update("""
                        DELETE FROM netcron.job_request WHERE id IN (
                            SELECT id FROM netcron.job_request WHERE handled_at < ? LIMIT ?)""",
                cutoff, batch);
    }

    /** A run's position in a job's history. */
    public record RunKey(Instant startedAt, long id)
    {
        public RunKey
        {
            requireNonNull(startedAt, "startedAt is null");
        }
    }
}
