package io.netcron.reach;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * Bounds of every probe and sweep.
 *
 * @param timeout per probe (capped further by the caller's deadline)
 * @param maxRate probes started per second, per {@link Prober}
 * @param maxConcurrency probes in flight at once, per {@link Prober}
 * @param maxPrefixLength the largest prefix a sweep may expand, as an IPv4 length: 22 allows a /22
 *         (1,024 addresses) and refuses a /21; IPv6 sweeps get the same number of addresses (/118)
 */
public record ReachLimits(Duration timeout, double maxRate, int maxConcurrency, int maxPrefixLength)
{
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
    public static final double DEFAULT_MAX_RATE = 100;
    public static final int DEFAULT_MAX_CONCURRENCY = 50;
    public static final int DEFAULT_MAX_PREFIX_LENGTH = 22;

    public ReachLimits
    {
        requireNonNull(timeout, "timeout is null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("probe timeout must be positive, got " + timeout);
        }
        if (!(maxRate > 0) || Double.isInfinite(maxRate)) {
            throw new IllegalArgumentException("max rate must be a positive number of probes per second, got " + maxRate);
        }
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("max concurrency must be at least 1, got " + maxConcurrency);
        }
        if (maxPrefixLength < 8 || maxPrefixLength > 32) {
            throw new IllegalArgumentException("max prefix length must be between 8 and 32, got " + maxPrefixLength);
        }
    }

    public static ReachLimits defaults()
    {
        return new ReachLimits(DEFAULT_TIMEOUT, DEFAULT_MAX_RATE, DEFAULT_MAX_CONCURRENCY, DEFAULT_MAX_PREFIX_LENGTH);
    }

    /** Host bits a sweep may cover: 10 for /22. */
    int maxHostBits()
    {
        return 32 - maxPrefixLength;
    }
}
