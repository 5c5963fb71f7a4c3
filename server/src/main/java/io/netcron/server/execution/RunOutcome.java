package io.netcron.server.execution;

import io.netcron.server.run.RunStatus;

import java.time.Duration;

/** What a run came to; {@code runId} is 0 when it was not recorded. */
public record RunOutcome(long runId, RunStatus status, String resultJson, String error, Duration duration)
{
    public boolean succeeded()
    {
        return status == RunStatus.SUCCEEDED;
    }
}
