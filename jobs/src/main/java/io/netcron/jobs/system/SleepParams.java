package io.netcron.jobs.system;

/** Params of {@link SleepJob}: {@code {"duration_ms": 0, "fail_rate": 0}}. */
public record SleepParams(long durationMs, double failRate)
{
    public SleepParams
    {
        if (durationMs < 0) {
            throw new IllegalArgumentException("duration_ms must be >= 0, got " + durationMs);
        }
        if (failRate < 0 || failRate > 1) {
            throw new IllegalArgumentException("fail_rate must be within 0..1, got " + failRate);
        }
    }

    public static SleepParams defaults()
    {
        return new SleepParams(0, 0);
    }
}
