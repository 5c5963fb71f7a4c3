package io.netcron.reach;

import java.util.function.BiFunction;

import static java.util.Objects.requireNonNull;

/**
 * The reachability client jobs get injected. It probes nothing by itself: {@link #within(AllowList)}
 * gives a {@link Prober} bound to the addresses the caller allows, and every probe is checked against them.
 */
public final class Reachability
{
    private final ReachLimits limits;
    private final Ticker ticker;
    private final BiFunction<ProbeTarget, java.time.Duration, ProbeResult> probe;

    public Reachability(ReachLimits limits)
    {
        this(limits, Ticker.SYSTEM, Probes::run);
    }

    Reachability(ReachLimits limits, Ticker ticker, BiFunction<ProbeTarget, java.time.Duration, ProbeResult> probe)
    {
        this.limits = requireNonNull(limits, "limits is null");
        this.ticker = requireNonNull(ticker, "ticker is null");
        this.probe = requireNonNull(probe, "probe is null");
    }

    public ReachLimits limits()
    {
        return limits;
    }

    /** A prober that refuses ({@link ProbeNotAllowedException}) any address outside {@code allowed}. */
    public Prober within(AllowList allowed)
    {
        return new Prober(allowed, limits, new RateLimiter(limits.maxRate(), ticker), probe);
    }

    @Override
    public String toString()
    {
        return "Reachability" + limits;
    }
}
