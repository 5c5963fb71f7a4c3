package io.netcron.server.lifecycle;

import org.slf4j.Logger;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * A service's background round (heartbeat, reconcile, sweep, ...): run on its own named daemon
 * thread every interval until closed. A failed round is a warning and the next round still comes;
 * a bare scheduled executor would drop the task for good after its first exception.
 */
public final class PeriodicTask
        implements AutoCloseable
{
    private final ScheduledExecutorService executor;

    private PeriodicTask(ScheduledExecutorService executor)
    {
        this.executor = requireNonNull(executor, "executor is null");
    }

    /** Starts {@code round} one interval from now; a failure is logged to {@code log} as "{@code what} failed: ...". */
    public static PeriodicTask every(Duration interval, String threadName, Logger log, String what, Runnable round)
    {
        ScheduledExecutorService executor = NamedThreads.singleThreadScheduler(threadName);
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(() -> BestEffort.run(log, what, round), millis, millis, TimeUnit.MILLISECONDS);
        return new PeriodicTask(executor);
    }

    /** Runs {@code action} on this task's thread as soon as it is free, between rounds. */
    public void runSoon(Runnable action)
    {
        executor.execute(action);
    }

    @Override
    public void close()
    {
        executor.shutdownNow();
    }
}
