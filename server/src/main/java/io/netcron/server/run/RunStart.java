package io.netcron.server.run;

import io.netcron.job.RunCause;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/** A run about to start. */
public record RunStart(String jobName, Instant scheduledAt, int attempt, RunCause cause, String nodeId, boolean exclusive)
{
    public RunStart
    {
        requireNonNull(jobName, "jobName is null");
        requireNonNull(scheduledAt, "scheduledAt is null");
        requireNonNull(cause, "cause is null");
        requireNonNull(nodeId, "nodeId is null");
    }
}
