package io.netcron.server.config;

import io.netcron.reach.ReachLimits;

import java.time.Duration;

/** {@code reach.*}: bounds of reachability probes and sweeps. */
public record ReachConfig(Duration timeout, int maxRate, int maxConcurrency, int maxPrefixLength)
{
    public static final Duration DEFAULT_TIMEOUT = ReachLimits.DEFAULT_TIMEOUT;
    public static final int DEFAULT_MAX_RATE = (int) ReachLimits.DEFAULT_MAX_RATE;
    public static final int DEFAULT_MAX_CONCURRENCY = ReachLimits.DEFAULT_MAX_CONCURRENCY;
    public static final int DEFAULT_MAX_PREFIX_LENGTH = ReachLimits.DEFAULT_MAX_PREFIX_LENGTH;

    public static ReachConfig from(Settings settings)
    {
        return new ReachConfig(
                settings.duration("reach.timeout", DEFAULT_TIMEOUT, Duration.ofMillis(10), Duration.ofMinutes(1)),
                settings.integer("reach.max-rate", DEFAULT_MAX_RATE, 1, 100_000),
                settings.integer("reach.max-concurrency", DEFAULT_MAX_CONCURRENCY, 1, 10_000),
                settings.integer("reach.max-prefix-length", DEFAULT_MAX_PREFIX_LENGTH, 8, 32));
    }

    public ReachLimits limits()
    {
        return new ReachLimits(timeout, maxRate, maxConcurrency, maxPrefixLength);
    }
}
