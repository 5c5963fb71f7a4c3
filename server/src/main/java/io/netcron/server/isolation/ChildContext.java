package io.netcron.server.isolation;

import com.fasterxml.jackson.databind.JsonNode;
import io.netcron.job.JobContext;
import io.netcron.job.RunCause;

import java.io.PrintStream;
import java.time.Instant;

import static java.util.Objects.requireNonNull;

/** The {@link JobContext} of an isolated run: output lines go to stdout, where the node collects them. */
final class ChildContext
        implements JobContext
{
    private final JsonNode spec;
    private final PrintStream out;

    ChildContext(JsonNode spec, PrintStream out)
    {
        this.spec = requireNonNull(spec, "spec is null");
        this.out = requireNonNull(out, "out is null");
    }

    @Override
    public String jobName()
    {
        return spec.path("jobName").asText();
    }

    @Override
    public long runId()
    {
        return spec.path("runId").asLong();
    }

    @Override
    public String nodeId()
    {
        return spec.path("nodeId").asText();
    }

    @Override
    public Instant scheduledAt()
    {
        return Instant.parse(spec.path("scheduledAt").asText());
    }

    @Override
    public int attempt()
    {
        return spec.path("attempt").asInt(1);
    }

    @Override
    public RunCause cause()
    {
        return RunCause.fromSqlName(spec.path("cause").asText("manual"));
    }

    @Override
    public JsonNode params()
    {
        return spec.path("params");
    }

    @Override
    public void output(String line)
    {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    @Override
    public void checkInterrupted()
            throws InterruptedException
    {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("run of " + jobName() + " was asked to stop");
        }
    }
}
