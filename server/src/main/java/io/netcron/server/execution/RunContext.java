package io.netcron.server.execution;

import com.fasterxml.jackson.databind.JsonNode;
import io.netcron.job.JobContext;
import io.netcron.job.RunCause;
import io.netcron.server.history.RunStart;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/** The {@link JobContext} handed to a job: identity, params and a bounded output buffer. */
final class RunContext
        implements JobContext
{
    private final RunStart start;
    private final long runId;
    private final JsonNode params;
    private final BoundedLines output = new BoundedLines();

    RunContext(RunStart start, long runId, JsonNode params)
    {
        this.start = requireNonNull(start, "start is null");
        this.runId = runId;
        this.params = requireNonNull(params, "params is null");
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
    public void output(String line)
    {
        output.add(line);
    }

    String collectedOutput()
    {
        return output.text();
    }

    @Override
    public void checkInterrupted()
            throws InterruptedException
    {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("run of " + start.jobName() + " was asked to stop");
        }
    }
}
