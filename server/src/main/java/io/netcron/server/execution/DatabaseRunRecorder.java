package io.netcron.server.execution;

import com.google.inject.Inject;
import io.netcron.server.db.Database;
import io.netcron.server.history.DuplicateRunException;
import io.netcron.server.run.RunEnd;
import io.netcron.server.history.RunHistory;
import io.netcron.server.run.RunStart;
import io.netcron.server.run.RunStatus;
import io.netcron.server.run.Progress;
import io.netcron.server.progress.ProgressStore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Records runs in {@code netcron.job_run} and sets the job's {@code last_*} in {@code netcron.job_state} at a run's end. A start
 * whose insert committed but whose acknowledgement was lost finds its own row on the retry; an
 * end that cannot be stored is kept and tried again until it is ({@link OwnRuns}).
 */
public final class DatabaseRunRecorder
        implements RunRecorder
{
    private static final Logger log = LoggerFactory.getLogger(DatabaseRunRecorder.class);

    private final RunHistory history;
    private final ProgressStore progress;
    private final OwnRuns own;

    @Inject
    public DatabaseRunRecorder(RunHistory history, Database database, OwnRuns own)
    {
        this.own = requireNonNull(own, "own is null");
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
        if (!own.starting(start)) {
            throw new DuplicateRunException(start);
        }
        try {
            return history.start(start);
        }
        catch (DuplicateRunException e) {
            // the first try committed and lost its acknowledgement: the row is this node's own
            Optional<Long> mine = history.ownRunning(start);
            if (mine.isPresent()) {
                log.warn("Start of run {} of job {} was recorded by an earlier try whose answer was lost; carrying on with it", mine.get(), start.jobName());
                return mine.get();
            }
            own.notStarted(start);
            throw e;
        }
        catch (RuntimeException e) {
            own.notStarted(start);
            throw e;
        }
    }

    @Override
    public void finished(long runId, RunStart start, RunEnd end)
    {
        Optional<RunStatus> before;
        try {
            before = history.finish(runId, end);
        }
        catch (RuntimeException e) {
            if (own.keep(runId, start, end)) {
                log.warn("Could not record the end of run {} of job {} ({}): kept, tried again every heartbeat until stored: {}",
                        runId, start.jobName(), end.status().sqlName(), e.getMessage());
                return;
            }
            throw e;
        }
        own.ended(start, runId);
        lastRun(runId, start, end, before);
    }

    @Override
    public void lingering(long runId, boolean lingering)
    {
        own.lingering(runId, lingering);
        try {
            history.setLingering(runId, lingering);
        }
        catch (RuntimeException e) {
            // the node's own-run check sets the row right at the next heartbeat
            log.warn("Could not mark run {} {}: {}", runId, lingering ? "lingering" : "no longer lingering", e.getMessage());
        }
    }

    /** Stores an end kept by {@link #finished}; throws while the database still refuses. */
    public void retryEnd(OwnRuns.PendingEnd pending)
    {
        Optional<RunStatus> before = history.finish(pending.runId(), pending.end());
        own.ended(pending.start(), pending.runId());
        log.info("Recorded the kept end of run {} of job {} ({}), {} late", pending.runId(), pending.start().jobName(), pending.end().status().sqlName(),
                java.time.Duration.between(pending.since(), Instant.now()));
        lastRun(pending.runId(), pending.start(), pending.end(), before);
    }

    private void lastRun(long runId, RunStart start, RunEnd end, Optional<RunStatus> before)
    {
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
