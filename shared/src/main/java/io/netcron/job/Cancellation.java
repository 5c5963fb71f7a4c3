package io.netcron.job;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Resources to close when a run is asked to stop (max runtime, drain). A blocked socket read does
 * not see {@link Thread#interrupt()}; closing its socket does. Registering after the run was
 * cancelled closes the resource at once.
 */
public final class Cancellation
{
    private static final Logger log = LoggerFactory.getLogger(Cancellation.class);

    private final Set<AutoCloseable> resources = new LinkedHashSet<>();
    private String reason;

    /** Closes {@code resource} when the run is cancelled; close the returned registration when the resource is done with. */
    public Registration register(AutoCloseable resource)
    {
        requireNonNull(resource, "resource is null");
        synchronized (this) {
            if (reason == null) {
                resources.add(resource);
                return () -> {
                    synchronized (this) {
                        resources.remove(resource);
                    }
                };
            }
        }
        closeQuietly(resource);
        return () -> {};
    }

    /** Closes every registered resource (once); later registrations are closed as they come. */
    public void cancel(String why)
    {
        List<AutoCloseable> toClose;
        synchronized (this) {
            if (reason != null) {
                return;
            }
            reason = requireNonNull(why, "why is null");
            toClose = List.copyOf(resources).reversed();
            resources.clear();
        }
        toClose.forEach(Cancellation::closeQuietly);
    }

    public synchronized Optional<String> reason()
    {
        return Optional.ofNullable(reason);
    }

    public synchronized boolean isCancelled()
    {
        return reason != null;
    }

    private static void closeQuietly(AutoCloseable resource)
    {
        try {
            resource.close();
        }
        catch (Exception e) {
            log.debug("Closing {} on cancellation failed: {}", resource, e.toString());
        }
    }

    /** Ends a registration; never throws. */
    @FunctionalInterface
    public interface Registration
            extends AutoCloseable
    {
        @Override
        void close();
    }
}
