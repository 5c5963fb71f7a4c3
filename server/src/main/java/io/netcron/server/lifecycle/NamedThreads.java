package io.netcron.server.lifecycle;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Named daemon threads, so a thread dump says whose thread it is. */
public final class NamedThreads
{
    private NamedThreads() {}

    public static ThreadFactory daemonThreads(String namePrefix)
    {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, namePrefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    public static ScheduledExecutorService singleThreadScheduler(String name)
    {
        return Executors.newSingleThreadScheduledExecutor(daemonThreads(name));
    }
}
