package io.netcron.server.run;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/** How a run ended. {@code resultJson} and {@code error} may be null. */
public record RunEnd(RunStatus status, String resultJson, String error, String output, Duration duration)
{
    public RunEnd
    {
        requireNonNull(status, "status is null");
        requireNonNull(duration, "duration is null");
    }
}
