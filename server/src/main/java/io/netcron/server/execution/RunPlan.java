package io.netcron.server.execution;

import io.netcron.server.catalog.JobType;
import io.netcron.server.history.RunStart;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/** Everything needed to run one attempt of a job; {@code isolated} runs it in a child process. */
public record RunPlan(RunStart start, JobType type, String paramsJson, Duration maxRuntime, boolean isolated)
{
    public RunPlan
    {
        requireNonNull(start, "start is null");
        requireNonNull(type, "type is null");
        requireNonNull(paramsJson, "paramsJson is null");
        requireNonNull(maxRuntime, "maxRuntime is null");
    }

    /** A plan that runs in the node's own JVM. */
    public RunPlan(RunStart start, JobType type, String paramsJson, Duration maxRuntime)
    {
        this(start, type, paramsJson, maxRuntime, false);
    }
}
