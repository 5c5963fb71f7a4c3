package io.netcron.server.quartz;

import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.impl.jdbcjobstore.SchedulerStateRecord;

/**
 * Quartz's {@code JobStoreTX} with one documented change, the single place where netcron adjusts
 * the clustered store: how long a node may miss its check-in before the others declare it dead.
 * <p>
 * Quartz declares a node dead once its last check-in is older than its check-in interval plus a
 * hard-coded 7.5 s ({@code JobStoreSupport.calcFailedIfAfter}); with a 2 s interval a killed node's
 * jobs were recovered 10.7-17.4 s later. netcron makes the slack a setting
 * ({@code quartz.failure-slack}, default 3 s), so recovery starts within about 8 s of a kill.
 * The formula is otherwise Quartz's own: the larger of the dead node's interval and the time since
 * this node's own last check-in (a node that was itself stalled does not blame the others).
 */
public class ClusteredJobStore
        extends JobStoreTX
{
    /** Quartz's own value, used until the factory sets the configured one. */
    static final long QUARTZ_FAILURE_SLACK_MILLIS = 7_500;

    private volatile long failureSlackMillis = QUARTZ_FAILURE_SLACK_MILLIS;

    /** Set by Quartz from {@code org.quartz.jobStore.failureSlackMillis}. */
    public void setFailureSlackMillis(long failureSlackMillis)
    {
        if (failureSlackMillis < 0) {
            throw new IllegalArgumentException("failureSlackMillis must not be negative");
        }
        this.failureSlackMillis = failureSlackMillis;
    }

    public long getFailureSlackMillis()
    {
        return failureSlackMillis;
    }

    @Override
    protected long calcFailedIfAfter(SchedulerStateRecord record)
    {
        return failedIfAfter(record.getCheckinTimestamp(), record.getCheckinInterval(), System.currentTimeMillis() - lastCheckin, failureSlackMillis);
    }

    static long failedIfAfter(long checkinTimestamp, long checkinInterval, long sinceOwnCheckin, long slack)
    {
        return checkinTimestamp + Math.max(checkinInterval, sinceOwnCheckin) + slack;
    }
}
