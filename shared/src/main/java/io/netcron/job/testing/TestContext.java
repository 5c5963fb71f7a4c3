package io.netcron.job.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.netcron.job.Cancellation;
import io.netcron.job.Deadline;
import io.netcron.job.JobContext;
import io.netcron.job.RunCause;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/** The {@link JobContext} of a {@link JobTester} run: everything captured in memory. */
final class TestContext
        implements JobContext
{
    private final String jobName;
    private final JsonNode params;
    private final Clock clock;
    private final Deadline deadline;
    private final Instant scheduledAt;
    final Cancellation cancellation = new Cancellation();
    private final List<String> output = new ArrayList<>();
    private final List<TestRun.Progress> progress = new ArrayList<>();

    TestContext(String jobName, JsonNode params, Clock clock, Deadline deadline)
    {
        this.jobName = requireNonNull(jobName, "jobName is null");
        this.params = requireNonNull(params, "params is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.deadline = requireNonNull(deadline, "deadline is null");
        this.scheduledAt = clock.instant();
    }

    @Override
    public String jobName()
    {
        return jobName;
    }

    @Override
    public long runId()
    {
        return 0;
    }

    @Override
    public String nodeId()
    {
        return "test";
    }

    @Override
    public Instant scheduledAt()
    {
        return scheduledAt;
    }

    @Override
    public int attempt()
    {
        return 1;
    }

    @Override
    public RunCause cause()
    {
        return RunCause.MANUAL;
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
        return clock;
    }

    @Override
    public synchronized void progress(long done, long total)
    {
        progress.add(new TestRun.Progress(done, total));
    }

    @Override
    public synchronized void output(String line)
    {
        output.add(line);
    }

    synchronized List<String> outputLines()
    {
        return List.copyOf(output);
    }

    synchronized List<TestRun.Progress> progressReports()
    {
        return List.copyOf(progress);
    }

    @Override
    public void checkInterrupted()
            throws InterruptedException
    {
        if (Thread.currentThread().isInterrupted() || cancellation.isCancelled()) {
            throw new InterruptedException("run of " + jobName + " was asked to stop");
        }
    }
}
