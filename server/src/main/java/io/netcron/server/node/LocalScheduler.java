package io.netcron.server.node;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * This node's scheduler as the rest of the node sees it (the lease guard, readiness, metrics,
 * JMX): started, in standby or shut down, how busy, and the firings it is running. The Quartz
 * adapter ({@code quartz}) implements it; nothing outside that package touches Quartz.
 * Failures of the scheduler surface as {@link LocalSchedulerException}.
 */
public interface LocalScheduler
{
    /** The cluster-wide scheduler name and this node's instance id (Quartz's check-in row). */
    String schedulerName();

    /** The scheduler name of every partition this node runs, the cluster's name first. */
    List<String> schedulerNames();

    String instanceId();

    boolean isStarted();

    boolean isInStandbyMode();

    boolean isShutdown();

    /** Starts acquiring firings (again, after a standby). */
    void start();

    /** Stops acquiring new firings; running ones go on. */
    void standby();

    int threadPoolSize();

    Optional<Instant> runningSince();

    List<Firing> executing();

    /** Interrupts one running firing (its job sees the interrupt). */
    void interrupt(String fireInstanceId);

    record Firing(String jobName, String fireInstanceId) {}

    final class LocalSchedulerException
            extends RuntimeException
    {
        public LocalSchedulerException(String message, Throwable cause)
        {
            super(message, cause);
        }
    }
}
