package io.netcron.server.run;


import java.time.Duration;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How a run ended. {@code resultJson} and {@code error} may be null. {@code progress} is the last
 * progress the job reported, if any: stored with the end, so a short run costs no progress write of its own.
 */
public record RunEnd(RunStatus status, String resultJson, String error, String output, Duration duration, Optional<Progress> progress)
{
    public RunEnd
    {
        requireNonNull(status, "status is null");
        requireNonNull(duration, "duration is null");
        requireNonNull(progress, "progress is null");
    }

    public RunEnd(RunStatus status, String resultJson, String error, String output, Duration duration)
    {
        this(status, resultJson, error, output, duration, Optional.empty());
    }

    public RunEnd withProgress(Optional<Progress> last)
    {
        return new RunEnd(status, resultJson, error, output, duration, last);
    }
}
