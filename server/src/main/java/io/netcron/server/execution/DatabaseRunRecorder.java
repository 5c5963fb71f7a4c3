package io.netcron.server.execution;

import com.google.inject.Inject;
import io.netcron.server.db.Database;
import io.netcron.server.history.RunEnd;
import io.netcron.server.history.RunHistory;
import io.netcron.server.history.RunStart;
import io.netcron.server.history.RunStatus;
import io.netcron.server.progress.Progress;
import io.netcron.server.progress.ProgressStore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Records runs in {@code netcron.job_run}; a run's end also sets the job's {@code last_*} in {@code netcron.job_state}. */
public final class DatabaseRunRecorder
        implements RunRecorder
{
    private static final Logger log = LoggerFactory.getLogger(DatabaseRunRecorder.class);

    private final RunHistory history;
    private final ProgressStore progress;

    @Inject
    public DatabaseRunRecorder(RunHistory history, Database database)
    {
        this.history = requireNonNull(history, "history is null");
        this.progress = new ProgressStore(requireNonNull(database, "database is null"));
    }

    @Override
    public void progress(long runId, Progress value)
    {
        progress.write(runId, value);
    }

    @Override
    public long started(RunStart start)
    {
        return history.start(start);
    }

    @Override
    public void finished(long runId, RunStart start, RunEnd end)
    {
        Optional<RunStatus> before = history.finish(runId, end);
        if (before.isEmpty()) {
            log.warn("Run {} of job {} had already ended; its end ({}) is not recorded", runId, start.jobName(), end.status().sqlName());
        }
        else if (before.get() == RunStatus.ABANDONED) {
            log.warn("Run {} of job {} had been marked abandoned (its node was judged dead) but ran to its end here: recorded {}",
                    runId, start.jobName(), end.status().sqlName());
        }
    }

    @Override
    public long skipped(RunStart start, String reason)
    {
        String detail = history.running(start.jobName())
                .map(run -> reason + ": run " + run.id() + " on node " + run.nodeId() + " (fire time " + run.scheduledAt() + ") is still running")
                .orElse(reason + ": the previous run was still running when this fire time came");
        return history.skipped(start, detail);
    }
}
