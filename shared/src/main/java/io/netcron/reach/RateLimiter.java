package io.netcron.reach;

import io.netcron.job.Deadline;

import static java.util.Objects.requireNonNull;

/** Spaces starts evenly: at most {@code perSecond} per second, no bursts. */
final class RateLimiter
{
    private final long intervalNanos;
    private final Ticker ticker;
    private long nextSlot;
    private boolean started;

    RateLimiter(double perSecond, Ticker ticker)
    {
        this.intervalNanos = Math.max(1, (long) (1_000_000_000L / perSecond));
        this.ticker = requireNonNull(ticker, "ticker is null");
    }

    /** Waits for the next slot; false (and no slot taken) when that slot lies beyond the deadline. */
    boolean acquire(Deadline deadline)
            throws InterruptedException
    {
        long wait;
        synchronized (this) {
            long now = ticker.nanoTime();
            long slot = !started || nextSlot - now < 0 ? now : nextSlot;
            wait = slot - now;
            if (wait > 0 && !deadline.isNone() && deadline.remaining().toNanos() < wait) {
                return false;
            }
            started = true;
            nextSlot = slot + intervalNanos;
        }
        if (wait > 0) {
            ticker.sleepNanos(wait);
        }
        return true;
    }
}
