package io.netcron.server.quartz;

import org.quartz.JobDetail;
import org.quartz.JobPersistenceException;
import org.quartz.Trigger.CompletedExecutionInstruction;
import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.impl.jdbcjobstore.SchedulerStateRecord;
import org.quartz.spi.OperableTrigger;

import java.sql.SQLException;

/**
 * Quartz's {@code JobStoreTX} with two documented changes, the single place where netcron adjusts
 * the clustered store: how long a node may miss its check-in before the others declare it dead,
 * and no cluster-wide lock for the end of a plain firing.
 * <p>
 * Quartz declares a node dead once its last check-in is older than its check-in interval plus a
 * hard-coded 7.5 s ({@code JobStoreSupport.calcFailedIfAfter}); with a 2 s interval a killed node's
 * jobs were recovered 10.7-17.4 s later. netcron makes the slack a setting
 * ({@code quartz.failure-slack}, default 3 s), so recovery starts within about 8 s of a kill.
 * The formula is otherwise Quartz's own: the larger of the dead node's interval and the time since
 * this node's own last check-in (a node that was itself stalled does not blame the others).
 * <p>
 * Quartz ends every firing in a transaction holding the cluster-wide {@code TRIGGER_ACCESS} lock,
 * the lock every node's acquisition and firing also waits for. For the common case - the trigger
 * stays as it is ({@code NOOP}), the job allows concurrent runs and keeps no job data - all that
 * transaction does is delete the firing's own {@code qrtz_fired_triggers} row, which no other
 * node touches while this node is alive (recovery of a dead node deletes its rows under the lock;
 * deleting one already gone changes nothing). netcron's Quartz job is such a job (a
 * {@code forbid} job is enforced by netcron's own index, not by Quartz), so a firing's end no
 * longer queues behind the whole cluster's acquisitions; acquisition and firing still take the
 * lock, in batches.
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

    @Override
    public void triggeredJobComplete(OperableTrigger trigger, JobDetail jobDetail, CompletedExecutionInstruction instruction)
    {
        if (!completesWithoutLock(instruction, jobDetail)) {
            super.triggeredJobComplete(trigger, jobDetail, instruction);
            return;
        }
        retryExecuteInNonManagedTXLock(null, connection -> {
            try {
                return getDelegate().deleteFiredTrigger(connection, trigger.getFireInstanceId());
            }
            catch (SQLException e) {
                throw new JobPersistenceException("Couldn't delete fired trigger: " + e.getMessage(), e);
            }
        });
    }

    /** Quartz's own completion would only delete the fired-trigger row: no trigger state, job state or job data to change. */
    static boolean completesWithoutLock(CompletedExecutionInstruction instruction, JobDetail jobDetail)
    {
        return instruction == CompletedExecutionInstruction.NOOP && !jobDetail.isConcurrentExecutionDisallowed() && !jobDetail.isPersistJobDataAfterExecution();
    }

    static long failedIfAfter(long checkinTimestamp, long checkinInterval, long sinceOwnCheckin, long slack)
    {
        return checkinTimestamp + Math.max(checkinInterval, sinceOwnCheckin) + slack;
    }
}
