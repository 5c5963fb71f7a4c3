package io.netcron.reach;

import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when something sleeps on it. */
final class FakeTicker
        implements Ticker
{
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final long start = now.get();

    @Override
    public long nanoTime()
    {
        return now.get();
    }

    @Override
    public void sleepNanos(long nanos)
    {
        now.addAndGet(nanos);
    }

    long elapsedMillis()
    {
        return (now.get() - start) / 1_000_000;
    }
}
