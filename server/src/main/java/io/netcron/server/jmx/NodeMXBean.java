package io.netcron.server.jmx;

import java.util.Date;

/** {@code io.netcron:type=Node}: this node, and the drain/resume switch. */
public interface NodeMXBean
{
    String getNodeId();

    String getVersion();

    /** When this node's scheduler first started; null while it starts. */
    Date getStartedAt();

    /** {@code starting}, {@code active}, {@code standby} (drained: acquires nothing) or {@code stopped}. */
    String getState();

    boolean isStandby();

    int getThreadsBusy();

    int getThreadsTotal();

    /** This node's clock minus the database's at the last heartbeat; null before the first. */
    Integer getClockOffsetMillis();

    /** The job types this node's code provides. */
    String[] getJobsDiscovered();

    /** Configured jobs whose implementation this node lacks (mixed versions); other nodes run them. */
    String[] getUnknownJobs();

    /**
     * Standby (no new firings), waits for running jobs up to {@code node.shutdown-grace}, then
     * interrupts what is left (recorded as failed, "interrupted"). The node stays up; {@link #resume()}.
     */
    String drain();

    /** Leaves standby: the node acquires firings again. */
    String resume();
}
