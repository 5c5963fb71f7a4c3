package io.netcron.server.progress;

import io.netcron.server.run.Progress;
import io.netcron.server.db.Database;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** {@code netcron.job_run.progress_done/progress_total}: written while a run goes, read by the CLI and the MBeans. */
public final class ProgressStore
{
    private final Database database;

    public ProgressStore(Database database)
    {
        this.database = requireNonNull(database, "database is null");
    }

    /** Only a running row is written: a run's row is never changed after it ended. */
    public void write(long runId, Progress progress)
    {
        database.update("UPDATE netcron.job_run SET progress_done = ?, progress_total = ? WHERE id = ? AND status = 'running'",
                progress.done(), progress.total(), runId);
    }

    /** The progress recorded for these runs (those without any are left out). */
    public Map<Long, Progress> ofRuns(List<Long> runIds)
    {
        Map<Long, Progress> progress = new HashMap<>();
        if (runIds.isEmpty()) {
            return progress;
        }
        database.query("SELECT id, progress_done, progress_total FROM netcron.job_run WHERE id = ANY(?::bigint[]) AND progress_total IS NOT NULL",
                row -> progress.put(row.getLong("id"), new Progress(row.getLong("progress_done"), row.getLong("progress_total"))),
                runIds.stream().map(String::valueOf).toList().toString().replace('[', '{').replace(']', '}'));
        return progress;
    }

    /** The progress of each job's newest running run that reported some, by job name. */
    public Map<String, Progress> running()
    {
        Map<String, Progress> progress = new HashMap<>();
        database.query("""
                        SELECT DISTINCT ON (job_name) job_name, progress_done, progress_total
                        FROM netcron.job_run
                        WHERE status = 'running' AND progress_total IS NOT NULL
                        ORDER BY job_name, started_at DESC""",
                row -> progress.put(row.getString("job_name"), new Progress(row.getLong("progress_done"), row.getLong("progress_total"))));
        return progress;
    }
}
