package io.netcron.server.quartz.store;

import io.netcron.server.db.GroupCommit;
import org.quartz.JobDetail;
import org.quartz.JobPersistenceException;
import org.quartz.Trigger.CompletedExecutionInstruction;
import org.quartz.TriggerKey;
import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.impl.triggers.CronTriggerImpl;
import org.quartz.impl.jdbcjobstore.SchedulerStateRecord;
import org.quartz.impl.jdbcjobstore.TriggerStatus;
import org.quartz.spi.OperableTrigger;
import org.quartz.spi.TriggerFiredBundle;
import org.quartz.spi.TriggerFiredResult;

import java.sql.SQLException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Quartz's {@code JobStoreTX} with seven documented changes, the single place where netcron adjusts
 * the clustered store: how long a node may miss its check-in before the others declare it dead,
 * no cluster-wide lock for the end of a plain firing or of a one-shot trigger's one firing
 * ({@link #oneShotDoneWithoutLock}), node liveness judged by the node lease, no Quartz misfire
 * handling ({@link #doRecoverMisfires}): netcron moves late triggers itself, in bulk, a fired
 * cron trigger stores its new fire times in one statement ({@link #storeTrigger}), and an
 * acquisition or a firing batch reads its rows ahead in one statement ({@link ReadAheadDelegate};
 * this store marks where its transactions begin and end).
 * <p>
 * Quartz declares a node dead once its last check-in is older than its check-in interval plus a
 * hard-coded 7.5 s ({@code JobStoreSupport.calcFailedIfAfter}); with a 2 s interval a killed node's
 * jobs were recovered 10.7-17.4 s later. netcron makes the slack a setting
 * ({@code quartz.failure-slack}, default 3 s), so recovery starts within about 8 s of a kill.
 * The formula is otherwise Quartz's own: the larger of the dead node's interval and the time since
 * this node's own last check-in (a node that was itself stalled does not blame the others).
 * <p>
 * Nodes that hold a lease ({@code NodeLease}, {@code netcron.node.lease_pid} set) are judged by it
 * instead, on the database: one whose lease is held is never failed, however late its check-in
 * (paused, starved, skewed clock); one whose lease is gone and whose heartbeat has been silent for
 * {@code nodeSilenceMillis} is failed at once, however recent its check-in. While this node does
 * not hold its own lease it declares no one failed. The hook is {@code findFailedInstances}, which
 * reads the lease states once per check-in, and {@code calcFailedIfAfter}, which uses them.
 * <p>
 * Quartz ends every firing in a transaction holding the cluster-wide {@code TRIGGER_ACCESS} lock,
 * the lock every node's acquisition and firing also waits for. For the common case - the trigger
 * stays as it is ({@code NOOP}), the job allows concurrent runs and keeps no job data - all that
 * transaction does is delete the firing's own {@code qrtz_fired_triggers} row, which no other
 * node touches while this node is alive (recovery of a dead node deletes its rows under the lock;
 * deleting one already gone changes nothing). netcron's Quartz job is such a job (a
 * {@code forbid} job is enforced by netcron's own index, not by Quartz), so a firing's end no
 * longer queues behind the whole cluster's acquisitions, and firings that end together delete
 * their rows in one statement ({@link #deleteEnded}); acquisition and firing still take the
 * lock, in batches.
 * <p>
 * A node whose lease is held is never failed, but the triggers it has acquired and not fired yet
 * must not wait for it: a node frozen (SIGSTOP, a long pause) right after an acquisition would
 * otherwise hold those jobs for the whole freeze, and they miss their fire times (found by the
 * chaos run). At each check-in a node that holds its own lease takes back, under
 * {@code TRIGGER_ACCESS}, the acquisitions ({@code ACQUIRED} fired-trigger rows) of any other node
 * whose check-in is later than its interval plus the failure slack: the row is deleted and the
 * trigger is waiting again, for any node to fire. A node fires, or releases, an acquisition only
 * while its own row for it is still there, so the stalled node, when it resumes, fires nothing the
 * others took back. Firings already under way ({@code EXECUTING}) stay the stalled node's.
 */
public class ClusteredJobStore
        extends JobStoreTX
{
    /** Quartz's own value, used until the factory sets the configured one. */
    static final long QUARTZ_FAILURE_SLACK_MILLIS = 7_500;

    private volatile long failureSlackMillis = QUARTZ_FAILURE_SLACK_MILLIS;
    private volatile long nodeSilenceMillis = 1_000;
    /** Fired-trigger rows of plain firings that end together, deleted in one statement ({@link #deleteEnded}). */
    private final GroupCommit<String, Boolean> endedFirings = new GroupCommit<>("Deleting the fired-trigger rows of ended firings", this::deleteAllEnded);
    /** The triggers this thread is firing ({@link #triggersFired}), for the delegate's read-ahead. */
    private final ThreadLocal<List<OperableTrigger>> firingBatch = new ThreadLocal<>();
    /** Set while this thread fires a trigger ({@link #storeTrigger}'s short path). */
    private final ThreadLocal<Boolean> firing = ThreadLocal.withInitial(() -> Boolean.FALSE);
    /** Lease states read by the check-in under way; only the cluster manager's thread checks in. */
    private volatile Map<String, Lease> leases = Map.of();

    enum Lease
    {
        /** Not a lease holder (no node row, an older version): Quartz's time-based judgement. */
        TIMED,
        HELD,
        /** Lease gone but the heartbeat not yet silent (every session cut at once): not failed yet. */
        UNSURE,
        GONE;

        boolean mayBeFailed()
        {
            return this == TIMED || this == GONE;
        }
    }

    /** Set by Quartz from {@code org.quartz.jobStore.nodeSilenceMillis}. */
    public void setNodeSilenceMillis(long nodeSilenceMillis)
    {
        this.nodeSilenceMillis = nodeSilenceMillis;
    }

    public long getNodeSilenceMillis()
    {
        return nodeSilenceMillis;
    }

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
    protected List<SchedulerStateRecord> findFailedInstances(Connection connection)
            throws JobPersistenceException
    {
        Map<String, Lease> states = leaseStates(connection);
        leases = states;
        try {
            List<SchedulerStateRecord> failed = super.findFailedInstances(connection);
            boolean fenced = states.getOrDefault(getInstanceId(), Lease.TIMED) != Lease.TIMED && states.get(getInstanceId()) != Lease.HELD;
            // includes the orphans Quartz adds without asking calcFailedIfAfter (fired triggers of an instance with no state row)
            failed.removeIf(record -> !record.getSchedulerInstanceId().equals(getInstanceId())
                    && (fenced || !states.getOrDefault(record.getSchedulerInstanceId(), Lease.TIMED).mayBeFailed()));
            return failed;
        }
        finally {
            leases = Map.of();
        }
    }

    private Map<String, Lease> leaseStates(Connection connection)
            throws JobPersistenceException
    {
        String sql = """
                SELECT i.name, n.lease_pid IS NOT NULL AS leased, netcron.node_lease_held(i.name) AS held,
                       coalesce(n.last_seen < now() - make_interval(secs => ? / 1000.0), true) AS silent
                FROM (SELECT instance_name AS name FROM %1$sSCHEDULER_STATE WHERE sched_name = ?
                      UNION SELECT instance_name FROM %1$sFIRED_TRIGGERS WHERE sched_name = ?) i
                LEFT JOIN netcron.node n ON n.node_id = i.name""".formatted(getTablePrefix());
        Map<String, Lease> states = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, nodeSilenceMillis);
            statement.setString(2, getInstanceName());
            statement.setString(3, getInstanceName());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    states.put(rows.getString("name"), !rows.getBoolean("leased") ? Lease.TIMED
                            : rows.getBoolean("held") ? Lease.HELD
                            : rows.getBoolean("silent") ? Lease.GONE
                            : Lease.UNSURE);
                }
            }
        }
        catch (SQLException e) {
            throw new JobPersistenceException("Reading node leases failed: " + e.getMessage(), e);
        }
        return states;
    }

    @Override
    protected long calcFailedIfAfter(SchedulerStateRecord record)
    {
        switch (leases.getOrDefault(record.getSchedulerInstanceId(), Lease.TIMED)) {
            case HELD, UNSURE -> {
                return Long.MAX_VALUE;
            }
            case GONE -> {
                return Long.MIN_VALUE;
            }
            case TIMED -> {
                // Quartz's own judgement below
            }
        }
        return failedIfAfter(record.getCheckinTimestamp(), record.getCheckinInterval(), System.currentTimeMillis() - lastCheckin, failureSlackMillis);
    }

    /**
     * Quartz's misfire handler is off: it moved late triggers one at a time, about eight statements
     * each, inside {@code TRIGGER_ACCESS}, 20 per transaction and again 50 ms later while any were
     * left, so under overload it held the lock that acquisition needs and made the misses it was
     * handling (docs/benchmarks.md). netcron's {@code LateTriggers} moves the late cron triggers in
     * bulk instead. Cron triggers use "do nothing", so Quartz never acquires one later than the
     * misfire threshold; one-shot triggers "ignore misfire policy" and fire however late.
     */
    @Override
    protected RecoverMisfiredJobsResult doRecoverMisfires()
    {
        return RecoverMisfiredJobsResult.NO_OP;
    }

    @Override
    protected boolean doCheckin()
            throws JobPersistenceException
    {
        boolean recovered = super.doCheckin();
        try {
            // a cheap look without the lock first: there is almost never anything to take back
            if (!executeWithoutLock(connection -> stalledAcquisitions(connection).isEmpty())) {
                executeInNonManagedTXLock(LOCK_TRIGGER_ACCESS, this::takeBackStalledAcquisitions, null);
            }
        }
        catch (JobPersistenceException | RuntimeException e) {
            getLog().warn("Taking back the acquisitions of a stalled node failed: {}", e.getMessage());
        }
        return recovered;
    }

    /** An acquired, not yet fired trigger of another node that has been silent too long. */
    record StalledAcquisition(String entryId, String instance, TriggerKey trigger, long fireTime) {}

    private List<StalledAcquisition> stalledAcquisitions(Connection connection)
            throws JobPersistenceException
    {
        // silence judged on the database clock; a node that is itself fenced (no lease) takes nothing
        String sql = """
                SELECT f.entry_id, f.instance_name, f.trigger_name, f.trigger_group, f.sched_time
                FROM %1$sFIRED_TRIGGERS f
                JOIN %1$sSCHEDULER_STATE s ON s.sched_name = f.sched_name AND s.instance_name = f.instance_name
                WHERE f.sched_name = ? AND f.state = 'ACQUIRED' AND f.instance_name <> ?
                  AND s.last_checkin_time + s.checkin_interval + ? < (extract(epoch FROM clock_timestamp()) * 1000)::bigint
                  AND netcron.node_lease_held(?)""".formatted(getTablePrefix());
        List<StalledAcquisition> stalled = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, getInstanceName());
            statement.setString(2, getInstanceId());
            statement.setLong(3, failureSlackMillis);
            statement.setString(4, getInstanceId());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    stalled.add(new StalledAcquisition(rows.getString("entry_id"), rows.getString("instance_name"),
                            TriggerKey.triggerKey(rows.getString("trigger_name"), rows.getString("trigger_group")), rows.getLong("sched_time")));
                }
            }
        }
        catch (SQLException e) {
            throw new JobPersistenceException("Reading the acquisitions of stalled nodes failed: " + e.getMessage(), e);
        }
        return stalled;
    }

    private List<StalledAcquisition> takeBackStalledAcquisitions(Connection connection)
            throws JobPersistenceException
    {
        List<StalledAcquisition> stalled = stalledAcquisitions(connection);
        try {
            for (StalledAcquisition acquisition : stalled) {
                getDelegate().deleteFiredTrigger(connection, acquisition.entryId());
                getDelegate().updateTriggerStateFromOtherState(connection, acquisition.trigger(), STATE_WAITING, STATE_ACQUIRED);
                getLog().warn("Took back trigger {} (fire time {}) acquired by node {}, whose check-in is late: it fires on another node, not there",
                        acquisition.trigger(), Instant.ofEpochMilli(acquisition.fireTime()), acquisition.instance());
            }
        }
        catch (SQLException e) {
            throw new JobPersistenceException("Taking back the acquisitions of stalled nodes failed: " + e.getMessage(), e);
        }
        return stalled;
    }

    /** Read-ahead by the delegate ({@link ReadAheadDelegate}): the acquisition's jobs come with its trigger query. */
    @Override
    protected List<OperableTrigger> acquireNextTrigger(Connection connection, long noLaterThan, int maxCount, long timeWindow)
            throws JobPersistenceException
    {
        try {
            return super.acquireNextTrigger(connection, noLaterThan, maxCount, timeWindow);
        }
        finally {
            forgetReadAhead();
        }
    }

    /** Read-ahead: the batch's states, acquisitions and jobs are read in one statement when its first trigger fires. */
    @Override
    public List<TriggerFiredResult> triggersFired(List<OperableTrigger> triggers)
            throws JobPersistenceException
    {
        firingBatch.set(triggers);
        try {
            return super.triggersFired(triggers);
        }
        finally {
            firingBatch.remove();
            forgetReadAhead();
        }
    }

    @Override
    protected TriggerFiredBundle triggerFired(Connection connection, OperableTrigger trigger)
            throws JobPersistenceException
    {
        readAheadForFiring(connection);
        if (!holdsAcquisition(connection, trigger)) {
            getLog().warn("Not firing trigger {} for {}: another node took the acquisition back while this node was stalled", trigger.getKey(), trigger.getNextFireTime());
            return null;
        }
        firing.set(Boolean.TRUE);
        try {
            return super.triggerFired(connection, trigger);
        }
        finally {
            firing.remove();
        }
    }

    /**
     * A cron trigger that has just fired stores only what firing changed - its next and previous
     * fire times and its state - in one {@code UPDATE}, instead of Quartz's existence check, full
     * row update and cron-row update: two statements fewer per firing inside {@code TRIGGER_ACCESS}
     * (docs/benchmarks.md). Anything else (a new trigger, a one-shot, changed job data, a trigger
     * the update does not find) takes Quartz's own path.
     */
    @Override
    protected void storeTrigger(Connection connection, OperableTrigger trigger, JobDetail job, boolean replaceExisting, String state, boolean forceState, boolean recovering)
            throws JobPersistenceException
    {
        if (firing.get() && firedCronTrigger(trigger, replaceExisting, forceState, recovering) && updateFireTimes(connection, trigger, state)) {
            return;
        }
        super.storeTrigger(connection, trigger, job, replaceExisting, state, forceState, recovering);
    }

    static boolean firedCronTrigger(OperableTrigger trigger, boolean replaceExisting, boolean forceState, boolean recovering)
    {
        return trigger instanceof CronTriggerImpl && replaceExisting && forceState && !recovering && !trigger.getJobDataMap().isDirty();
    }

    private boolean updateFireTimes(Connection connection, OperableTrigger trigger, String state)
            throws JobPersistenceException
    {
        String sql = "UPDATE %sTRIGGERS SET next_fire_time = ?, prev_fire_time = ?, trigger_state = ? WHERE sched_name = ? AND trigger_name = ? AND trigger_group = ?"
                .formatted(getTablePrefix());
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, trigger.getNextFireTime() == null ? -1 : trigger.getNextFireTime().getTime());
            statement.setLong(2, trigger.getPreviousFireTime() == null ? -1 : trigger.getPreviousFireTime().getTime());
            statement.setString(3, state);
            statement.setString(4, getInstanceName());
            statement.setString(5, trigger.getKey().getName());
            statement.setString(6, trigger.getKey().getGroup());
            return statement.executeUpdate() == 1;
        }
        catch (SQLException e) {
            throw new JobPersistenceException("Couldn't store the fire times of trigger " + trigger.getKey() + ": " + e.getMessage(), e);
        }
    }

    @Override
    protected void releaseAcquiredTrigger(Connection connection, OperableTrigger trigger)
            throws JobPersistenceException
    {
        // taken back meanwhile: the trigger is no longer this node's to release (another may hold it now)
        if (holdsAcquisition(connection, trigger)) {
            super.releaseAcquiredTrigger(connection, trigger);
        }
    }

    private void readAheadForFiring(Connection connection)
            throws JobPersistenceException
    {
        List<OperableTrigger> batch = firingBatch.get();
        if (batch != null && getDelegate() instanceof ReadAheadDelegate delegate && !delegate.hasReadAhead(connection)) {
            try {
                delegate.readAheadForFiring(connection, batch);
            }
            catch (SQLException e) {
                throw new JobPersistenceException("Reading the states and jobs of " + batch.size() + " trigger(s) to fire failed: " + e.getMessage(), e);
            }
        }
    }

    private void forgetReadAhead()
    {
        try {
            if (getDelegate() instanceof ReadAheadDelegate delegate) {
                delegate.forget();
            }
        }
        catch (JobPersistenceException e) {
            // no delegate, no read-ahead
        }
    }

    private boolean holdsAcquisition(Connection connection, OperableTrigger trigger)
            throws JobPersistenceException
    {
        if (trigger.getFireInstanceId() == null) {
            return true;
        }
        if (getDelegate() instanceof ReadAheadDelegate delegate && delegate.holdsAcquisition(connection, trigger.getKey()) instanceof Boolean held) {
            return held;
        }
        String sql = "SELECT 1 FROM %sFIRED_TRIGGERS WHERE sched_name = ? AND entry_id = ? AND instance_name = ?".formatted(getTablePrefix());
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, getInstanceName());
            statement.setString(2, trigger.getFireInstanceId());
            statement.setString(3, getInstanceId());
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
        catch (SQLException e) {
            throw new JobPersistenceException("Reading this node's acquisition of " + trigger.getKey() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void triggeredJobComplete(OperableTrigger trigger, JobDetail jobDetail, CompletedExecutionInstruction instruction)
    {
        if (completesWithoutLock(instruction, jobDetail) && trigger.getFireInstanceId() != null) {
            deleteEnded(trigger.getFireInstanceId());
        }
        else if (oneShotDoneWithoutLock(trigger, instruction, jobDetail)) {
            retryExecuteInNonManagedTXLock(null, connection -> {
                // Quartz's own double check: delete the trigger only if it still has no next fire time
                TriggerStatus status = selectTriggerStatus(connection, trigger.getKey());
                if (status != null && status.getNextFireTime() == null) {
                    removeTrigger(connection, trigger.getKey());
                }
                return deleteFiredTrigger(connection, trigger);
            });
        }
        else {
            super.triggeredJobComplete(trigger, jobDetail, instruction);
        }
    }

    /**
     * Deletes the fired-trigger row of an ended plain firing; firings that end together (a batch
     * fired at the same second) share one statement and one commit ({@link GroupCommit}). Returns
     * once this firing's row is gone.
     */
    private void deleteEnded(String entryId)
    {
        if (endedFirings.submit(entryId).isEmpty()) {
            retryExecuteInNonManagedTXLock(null, connection -> deleteFiredTriggers(connection, List.of(entryId)));
        }
    }

    /** A row already gone (a recovery took it) is as good as deleted. */
    private Map<String, Boolean> deleteAllEnded(List<String> entryIds)
    {
        try {
            executeWithoutLock(connection -> deleteFiredTriggers(connection, entryIds));
        }
        catch (JobPersistenceException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        Map<String, Boolean> deleted = new HashMap<>();
        entryIds.forEach(entryId -> deleted.put(entryId, true));
        return deleted;
    }

    private int deleteFiredTriggers(Connection connection, List<String> entryIds)
            throws JobPersistenceException
    {
        String sql = "DELETE FROM %sFIRED_TRIGGERS WHERE sched_name = ? AND entry_id = ANY(?)".formatted(getTablePrefix());
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, getInstanceName());
            statement.setArray(2, connection.createArrayOf("text", entryIds.toArray()));
            return statement.executeUpdate();
        }
        catch (SQLException e) {
            throw new JobPersistenceException("Couldn't delete " + entryIds.size() + " fired trigger(s): " + e.getMessage(), e);
        }
    }

    private int deleteFiredTrigger(Connection connection, OperableTrigger trigger)
            throws JobPersistenceException
    {
        try {
            return getDelegate().deleteFiredTrigger(connection, trigger.getFireInstanceId());
        }
        catch (SQLException e) {
            throw new JobPersistenceException("Couldn't delete fired trigger: " + e.getMessage(), e);
        }
    }

    private TriggerStatus selectTriggerStatus(Connection connection, TriggerKey key)
            throws JobPersistenceException
    {
        try {
            return getDelegate().selectTriggerStatus(connection, key);
        }
        catch (SQLException e) {
            throw new JobPersistenceException("Couldn't read the state of trigger " + key + ": " + e.getMessage(), e);
        }
    }

    /** Quartz's own completion would only delete the fired-trigger row: no trigger state, job state or job data to change. */
    static boolean completesWithoutLock(CompletedExecutionInstruction instruction, JobDetail jobDetail)
    {
        return instruction == CompletedExecutionInstruction.NOOP && !jobDetail.isConcurrentExecutionDisallowed() && !jobDetail.isPersistJobDataAfterExecution();
    }

    /**
     * A one-shot trigger (run-now, retry, catch-up, hand-off) that has fired its one time: Quartz's
     * completion deletes the trigger and the fired-trigger row under {@code TRIGGER_ACCESS}. The
     * trigger is {@code COMPLETE} since it fired, so no node acquires, fires or recovers it again;
     * the job is durable (not deleted with its last trigger), allows concurrent runs and keeps no
     * job data. Done without the cluster lock, so that under overload the misfire policy's catch-up
     * runs do not queue their ends behind every node's acquisitions (docs/benchmarks.md). netcron
     * never reschedules a completed one-shot trigger, the one change Quartz's lock would order
     * against this delete.
     */
    static boolean oneShotDoneWithoutLock(OperableTrigger trigger, CompletedExecutionInstruction instruction, JobDetail jobDetail)
    {
        return instruction == CompletedExecutionInstruction.DELETE_TRIGGER && trigger.getNextFireTime() == null
                && jobDetail.isDurable() && !jobDetail.isConcurrentExecutionDisallowed() && !jobDetail.isPersistJobDataAfterExecution();
    }

    static long failedIfAfter(long checkinTimestamp, long checkinInterval, long sinceOwnCheckin, long slack)
    {
        return checkinTimestamp + Math.max(checkinInterval, sinceOwnCheckin) + slack;
    }
}
