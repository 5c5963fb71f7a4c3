package io.netcron.job;

import java.time.Duration;

/**
 * When a run (or one target of it) must be done, on the monotonic clock. Clients take one on
 * every call and use {@link #cap(Duration)} for their socket, connect and read timeouts, so a
 * call never outlives the run's {@code max_runtime}.
 */
public final class Deadline
{
    private static final Deadline NONE = new Deadline(Long.MAX_VALUE);

    /** {@link System#nanoTime()} at the deadline; {@link Long#MAX_VALUE} for none. */
    private final long atNanos;

    private Deadline(long atNanos)
    {
        this.atNanos = atNanos;
    }

    public static Deadline none()
    {
        return NONE;
    }

    /** A deadline this long from now; durations too long to count in nanoseconds mean none. */
    public static Deadline after(Duration duration)
    {
        long nanos;
        try {
            nanos = duration.toNanos();
        }
        catch (ArithmeticException e) {
            return NONE;
        }
        if (nanos > Long.MAX_VALUE / 4) {
            return NONE;
        }
        return new Deadline(System.nanoTime() + Math.max(0, nanos));
    }

    public boolean isNone()
    {
        return atNanos == Long.MAX_VALUE;
    }

    /** What is left, never negative; a very long duration for none. */
    public Duration remaining()
    {
        if (isNone()) {
            return Duration.ofDays(365_000);
        }
        return Duration.ofNanos(Math.max(0, atNanos - System.nanoTime()));
    }

    public boolean expired()
    {
        return !isNone() && System.nanoTime() - atNanos >= 0;
    }

    /** The shorter of {@code timeout} and what is left, at least 1 ms (0 means "forever" to many socket APIs). */
    public Duration cap(Duration timeout)
    {
        Duration left = remaining();
        Duration capped = timeout.compareTo(left) < 0 ? timeout : left;
        return capped.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : capped;
    }

    /** The earlier of the two. */
    public Deadline min(Deadline other)
    {
        if (isNone()) {
            return other;
        }
        if (other.isNone()) {
            return this;
        }
        return other.atNanos - atNanos < 0 ? other : this;
    }

    @Override
    public String toString()
    {
        return isNone() ? "Deadline[none]" : "Deadline[" + remaining().toMillis() + " ms left]";
    }
}
