package io.netcron.server.quartz.store;

import org.quartz.SchedulerConfigException;
import org.quartz.spi.ThreadPool;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.Objects.requireNonNull;

/**
 * One node's worker threads, shared by the Quartz schedulers of all its partitions: {@code threads}
 * still bounds how many jobs the node runs at once, and a partition whose jobs are busy borrows idle
 * threads instead of waiting for its own. Quartz makes its thread pool from a class name and string
 * properties, so the pools find their shared workers by name in a registry, as Quartz's own
 * {@code DBConnectionManager} does for data sources; {@link QuartzSchedulerFactory} registers them
 * before it makes the schedulers and the last pool to shut down closes them.
 *
 * <p>{@link #runInThread} waits for a free worker (Quartz treats {@code false} as a failed firing);
 * partitions that each saw free workers and took more triggers than there are threads only start
 * some of them a little later.
 */
public final class SharedThreadPool
        implements ThreadPool
{
    private static final Map<String, Workers> REGISTRY = new ConcurrentHashMap<>();

    private Workers workers;
    private String workersName;
    private volatile boolean shutdown;

    /** Registers workers under a unique name; the pools of the schedulers made next attach to them by that name. */
    static String register(String name, int threads)
    {
        if (REGISTRY.putIfAbsent(name, new Workers(name, threads)) != null) {
            throw new IllegalStateException("worker threads '" + name + "' registered twice");
        }
        return name;
    }

    /** Quartz sets this from {@code org.quartz.threadPool.workers}. */
    public void setWorkers(String name)
    {
        this.workersName = name;
    }

    @Override
    public void initialize()
            throws SchedulerConfigException
    {
        Workers found = workersName == null ? null : REGISTRY.get(workersName);
        if (found == null) {
            throw new SchedulerConfigException("no worker threads registered as '" + workersName + "'");
        }
        found.attached.incrementAndGet();
        workers = found;
    }

    @Override
    public boolean runInThread(Runnable runnable)
    {
        requireNonNull(runnable, "runnable is null");
        if (shutdown) {
            return false;
        }
        try {
            workers.permits.acquire();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        try {
            workers.executor.execute(() -> {
                try {
                    runnable.run();
                }
                finally {
                    workers.permits.release();
                }
            });
            return true;
        }
        catch (RuntimeException e) {
            workers.permits.release();
            return false;
        }
    }

    @Override
    public int blockForAvailableThreads()
    {
        while (!shutdown) {
            try {
                // wait for one free worker without keeping it: the firings that follow take their own
                if (workers.permits.tryAcquire(500, TimeUnit.MILLISECONDS)) {
                    workers.permits.release();
                    int available = workers.permits.availablePermits();
                    if (available > 0) {
                        return available;
                    }
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }
        return 0;
    }

    @Override
    public void shutdown(boolean waitForJobsToComplete)
    {
        if (shutdown || workers == null) {
            return;
        }
        shutdown = true;
        if (workers.attached.decrementAndGet() == 0) {
            REGISTRY.remove(workers.name, workers);
            workers.executor.shutdown();
            if (waitForJobsToComplete) {
                try {
                    workers.executor.awaitTermination(1, TimeUnit.HOURS);
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Override
    public int getPoolSize()
    {
        return workers == null ? 0 : workers.threads;
    }

    @Override
    public void setInstanceId(String instanceId) {}

    @Override
    public void setInstanceName(String instanceName) {}

    private static final class Workers
    {
        private final String name;
        private final int threads;
        private final Semaphore permits;
        private final ExecutorService executor;
        private final AtomicInteger attached = new AtomicInteger();

        Workers(String name, int threads)
        {
            this.name = requireNonNull(name, "name is null");
            this.threads = threads;
            this.permits = new Semaphore(threads);
            AtomicInteger counter = new AtomicInteger();
            this.executor = Executors.newFixedThreadPool(threads, runnable -> {
                Thread thread = new Thread(runnable, "netcron-worker-" + counter.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }
    }
}
