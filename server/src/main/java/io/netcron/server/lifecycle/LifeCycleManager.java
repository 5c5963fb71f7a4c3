package io.netcron.server.lifecycle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Starts services in order and stops what was started in reverse, once. Resources that are
 * not services (pools, the embedded database) are registered as closeables where they are made.
 */
public final class LifeCycleManager
{
    private static final Logger log = LoggerFactory.getLogger(LifeCycleManager.class);

    private final Deque<Stoppable> started = new ArrayDeque<>();
    private boolean stopped;

    public synchronized void start(Service service)
            throws Exception
    {
        if (stopped) {
            throw new IllegalStateException("already stopped");
        }
        service.start();
        started.push(new Stoppable(service.getClass().getSimpleName(), service::stop));
    }

    public synchronized void closeOnStop(String name, AutoCloseable resource)
    {
        started.push(new Stoppable(name, resource::close));
    }

    public synchronized void stop()
    {
        if (stopped) {
            return;
        }
        stopped = true;
        while (!started.isEmpty()) {
            Stoppable next = started.pop();
            try {
                next.action().run();
            }
            catch (Exception e) {
                log.warn("Stopping {} failed: {}", next.name(), e.getMessage(), e);
            }
        }
    }

    private record Stoppable(String name, StopAction action) {}

    @FunctionalInterface
    private interface StopAction
    {
        void run()
                throws Exception;
    }
}
