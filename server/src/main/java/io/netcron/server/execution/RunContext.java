package io.netcron.server.execution;

import com.fasterxml.jackson.databind.JsonNode;
import io.netcron.job.Cancellation;
import io.netcron.job.Deadline;
import io.netcron.job.JobContext;
import io.netcron.job.RunCause;
import io.netcron.server.run.RunStart;
import io.netcron.server.progress.RunProgress;

import java.time.Clock;
import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * The {@link JobContext} handed to a job: identity, params, a bounded output buffer, the run's
 * deadline, resources to close when the run is cancelled, and progress (set here, written elsewhere).
 */
final class RunContext
        implements JobContext
{
    private final RunStart start;
    private final long runId;
    private final JsonNode params;
    private final Deadline deadline;
    private final RunProgress.Tracked progress;
    private final BoundedLines output = new BoundedLines();
    private final Cancellation cancellation = new Cancellation();

    RunContext(RunStart start, long runId, JsonNode params, Deadline deadline, RunProgress.Tracked progress)
    {
        this.start = requireNonNull(start, "start is null");
        this.runId = runId;
        this.params = requireNonNull(params, "params is null");
        this.deadline = requireNonNull(deadline, "deadline is null");
        this.progress = requireNonNull(progress, "progress is null");
    }

    @Override
    public String jobName()
    {
        return start.jobName();
    }

    @Override
    public long runId()
    {
        return runId;
    }

    @Override
    public String nodeId()
    {
        return start.nodeId();
    }

    @Override
    public Instant scheduledAt()
    {
        return start.scheduledAt();
    }

    @Override
    public int attempt()
    {
        return start.attempt();
    }

    @Override
    public RunCause cause()
    {
        return start.cause();
    }

    @Override
    public JsonNode params()
    {
        return params;
    }

    @Override
    public Deadline deadline()
    {
        return deadline;
    }

    @Override
    public Cancellation.Registration onCancel(AutoCloseable resource)
    {
        return cancellation.register(resource);
    }

    @Override
    public Clock clock()
    {
        return Clock.systemUTC();
    }

    @Override
    public void progress(long done, long total)
    {
        progress.report(done, total);
    }

    @Override
    public void output(String line)
    {
        output.add(line);
    }

    String collectedOutput()
    {
        return output.text();
    }

    /** Closes what the job registered with {@link #onCancel}; the caller interrupts the thread next. */
    void cancel(String reason)
    {
        cancellation.cancel(reason);
    }

    @Override
    public void checkInterrupted()
            throws InterruptedException
    {
        if (Thread.currentThread().isInterrupted() || cancellation.isCancelled()) {
            throw new InterruptedException("run of " + start.jobName() + " was asked to stop");
        }
    }
}
