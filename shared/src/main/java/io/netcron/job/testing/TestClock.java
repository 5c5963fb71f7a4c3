package io.netcron.job.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static java.util.Objects.requireNonNull;

/** A clock a test sets and advances by hand; {@link io.netcron.job.JobContext#clock()} returns it under {@link JobTester}. */
public final class TestClock
        extends Clock
{
    private final ZoneId zone;
    private volatile Instant now;

    public TestClock(Instant start)
    {
        this(start, ZoneOffset.UTC);
    }

    private TestClock(Instant start, ZoneId zone)
    {
        this.now = requireNonNull(start, "start is null");
        this.zone = requireNonNull(zone, "zone is null");
    }

    public void set(Instant instant)
    {
        now = requireNonNull(instant, "instant is null");
    }

    public synchronized void advance(Duration duration)
    {
        now = now.plus(duration);
    }

    @Override
    public ZoneId getZone()
    {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone)
    {
        return new TestClock(now, zone);
    }

    @Override
    public Instant instant()
    {
        return now;
    }
}
