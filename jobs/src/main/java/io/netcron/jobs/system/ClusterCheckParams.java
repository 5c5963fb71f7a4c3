package io.netcron.jobs.system;

/** Params of {@link ClusterCheckJob}: {@code {"max_clock_offset_ms": 500}}. */
public record ClusterCheckParams(long maxClockOffsetMs)
{
    public ClusterCheckParams
    {
        if (maxClockOffsetMs < 0) {
            throw new IllegalArgumentException("max_clock_offset_ms must be >= 0, got " + maxClockOffsetMs);
        }
    }

    public static ClusterCheckParams defaults()
    {
        return new ClusterCheckParams(500);
    }
}
