package io.netcron.server.node;

import com.google.inject.Inject;
import io.netcron.server.config.NodeConfig;
import io.netcron.server.config.QuartzConfig;
import io.netcron.server.db.Database;
import io.netcron.server.errors.Errors;
import io.netcron.server.lifecycle.BestEffort;
import io.netcron.server.lifecycle.PeriodicTask;
import io.netcron.server.lifecycle.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * Checks this node's lease every heartbeat on the lease's own connection, and fences the node
 * when it must not run work:
 * <ul>
 * <li>lease lost (session cut, no answer within the socket timeout): standby, and the lease is
 * taken again at once. If that works and no node recovered this node's work meanwhile (checked
 * under Quartz's recovery lock), the runs go on: a connection blip costs no run. Otherwise every
 * running job is interrupted (an isolated job's process tree is killed), because the other nodes
 * recover this node's work once PostgreSQL has dropped the session; the lease is then taken again
 * every heartbeat and the node resumes. Re-taking rather than exiting keeps a cluster up through a
 * PostgreSQL restart without a supervisor; the runs it interrupted end {@code failed} and are not
 * run twice here.</li>
 * <li>clock off from the database's by more than half the failure window: standby (no new
 * firings; running jobs go on) until the clock is back within it.</li>
 * </ul>
 * Either way {@code /health/ready} reports the reason.
 */
public final class LeaseGuard
        implements Service
{
    private static final Logger log = LoggerFactory.getLogger(LeaseGuard.class);

    private final NodeLease lease;
    private final LocalScheduler scheduler;
    private final Database database;
    private final NodeConfig node;
    private final long maxClockOffsetMillis;
    private final Map<Reason, String> fenced = new ConcurrentHashMap<>();
    private volatile long clockOffsetMillis;
    private boolean weStoodBy;
    private PeriodicTask checks;

    enum Reason { LEASE, CLOCK }

    @Inject
    public LeaseGuard(NodeLease lease, LocalScheduler scheduler, Database database, NodeConfig node, QuartzConfig quartz)
    {
        this.lease = requireNonNull(lease, "lease is null");
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
        this.database = requireNonNull(database, "database is null");
        this.node = requireNonNull(node, "node is null");
        this.maxClockOffsetMillis = quartz.failureWindow().toMillis() / 2;
    }

    @Override
    public void start()
    {
        recordLeaseSession();
        checks = PeriodicTask.every(node.heartbeatInterval(), "netcron-lease", log, "Lease check", this::check);
    }

    /** One round: check the lease (or re-take it) and the clock, then fence or unfence. */
    void check()
    {
        if (fenced.containsKey(Reason.LEASE)) {
            retake();
        }
        else {
            try {
                NodeLease.Check check = lease.check();
                clockOffsetMillis = check.clockOffsetMillis();
                if (!check.held()) {
                    lost("the lease session no longer holds the lock", false);
                }
                else if (Math.abs(check.clockOffsetMillis()) > maxClockOffsetMillis) {
                    if (fenced.put(Reason.CLOCK, "clock off from the database's by " + check.clockOffsetMillis() + " ms (more than " + maxClockOffsetMillis
                            + " ms, half the failure window): standby until NTP fixes it") == null) {
                        log.error("Node {}: clock off from the database's by {} ms, more than {} ms: standby (no new firings) until it is back within", node.nodeId(),
                                check.clockOffsetMillis(), maxClockOffsetMillis);
                    }
                }
                else if (fenced.remove(Reason.CLOCK) != null) {
                    log.info("Node {}: clock back within {} ms of the database's ({} ms)", node.nodeId(), maxClockOffsetMillis, check.clockOffsetMillis());
                }
            }
            catch (SQLException e) {
                lost("the lease session failed: " + Errors.firstLine(e), endedByServer(e));
            }
        }
        applyFencing();
    }

    /**
     * PostgreSQL itself ended the session (terminated backend, server shutdown or restart): the
     * server answers, so the lease can be taken back at once. A timeout or I/O error (a partition)
     * is not that: there a new connection could hang for its connect timeout while the other nodes
     * already count down, so the node fences itself first.
     */
    static boolean endedByServer(SQLException e)
    {
        return e.getSQLState() != null && e.getSQLState().startsWith("57P");
    }

    private void lost(String why, boolean endedByServer)
    {
        fenced.put(Reason.LEASE, "lease lost (" + why + "); re-taking it");
        applyFencing();
        // a session the server ended (every backend terminated, a restart) usually gives the lease back
        // at once: while no other node recovered this node's work meanwhile, its runs may go on
        if (endedByServer) {
            retake();
        }
        if (endedByServer && leaseHeld() && notRecoveredMeanwhile()) {
            log.warn("Node {} lost its lease ({}) and took it back before any node recovered its work: its runs go on", node.nodeId(), why);
            applyFencing();
            return;
        }
        log.error("Node {} lost its lease ({}): standby and interrupting every running job before other nodes recover them", node.nodeId(), why);
        interruptRunningJobs();
        if (!endedByServer) {
            retake();
        }
        applyFencing(); // active again at once if the lease is back; else re-taken every heartbeat
    }

    /**
     * True when this node's Quartz check-in rows (one per partition) are all still there, so no node has recovered its
     * firings (Quartz's recovery deletes the dead instance's row). Read while holding Quartz's
     * STATE_ACCESS row lock, which every cluster recovery holds, so a recovery cannot be half done;
     * this happens only after a lost lease, never on the firing path. Any doubt counts as "recovered".
     */
    private boolean notRecoveredMeanwhile()
    {
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                String[] schedulerNames = scheduler.schedulerNames().toArray(String[]::new);
                String instanceId = scheduler.instanceId();
                return database.inTransaction(handle -> {
                    // every partition's recovery lock, in one order (Quartz's own threads take one at a time)
                    handle.query("SELECT lock_name FROM netcron.qrtz_locks WHERE sched_name = ANY(?) AND lock_name = 'STATE_ACCESS' ORDER BY sched_name FOR UPDATE",
                            row -> row.getString(1), (Object) schedulerNames);
                    return handle.queryOne("SELECT count(*) FROM netcron.qrtz_scheduler_state WHERE sched_name = ANY(?) AND instance_name = ?", row -> row.getInt(1),
                            schedulerNames, instanceId).orElse(0) == schedulerNames.length;
                });
            }
            catch (RuntimeException e) {
                // the pool's connections may have been cut with the lease's: a fresh one on the next try
                log.debug("Checking whether node {} was recovered (attempt {}): {}", node.nodeId(), attempt, e.getMessage());
            }
        }
        return false;
    }

    private void retake()
    {
        try {
            if (lease.tryAcquire()) {
                fenced.remove(Reason.LEASE);
                recordLeaseSession();
                log.info("Node {} holds its lease again (database session {})", node.nodeId(), lease.backendPid());
            }
            else {
                fenced.put(Reason.LEASE, "lease lost: another session holds it (the old one not yet dropped, or a second process with node id " + node.nodeId() + ")");
            }
        }
        catch (SQLException e) {
            fenced.put(Reason.LEASE, "lease lost: cannot re-take it: " + Errors.firstLine(e));
        }
    }

    private void interruptRunningJobs()
    {
        try {
            for (LocalScheduler.Firing firing : scheduler.executing()) {
                log.warn("Interrupting job {} (fire {}): this node lost its lease", firing.jobName(), firing.fireInstanceId());
                scheduler.interrupt(firing.fireInstanceId());
            }
        }
        catch (LocalScheduler.LocalSchedulerException e) {
            log.error("Could not interrupt running jobs after the lease was lost: {}", e.getMessage());
        }
    }

    /** Standby while any reason holds; back to active once none does, if the standby was ours. */
    private synchronized void applyFencing()
    {
        try {
            if (!fenced.isEmpty()) {
                if (scheduler.isStarted() && !scheduler.isInStandbyMode()) {
                    scheduler.standby();
                    weStoodBy = true;
                }
            }
            else if (weStoodBy) {
                if (!scheduler.isInStandbyMode() || scheduler.isShutdown()) {
                    weStoodBy = false;
                    return;
                }
                Optional<Boolean> drained = drainedMeanwhile();
                if (drained.isEmpty()) {
                    return; // cannot tell now: stay in standby, ask again at the next round
                }
                weStoodBy = false;
                if (!drained.get()) {
                    scheduler.start();
                    log.info("Node {} is active again", node.nodeId());
                }
            }
        }
        catch (LocalScheduler.LocalSchedulerException e) {
            log.warn("Fencing the scheduler failed: {}", e.getMessage());
        }
    }

    /** An operator's drain (JMX) or a stop that came while the node was fenced stays in force. */
    private Optional<Boolean> drainedMeanwhile()
    {
        try {
            return Optional.of(database.queryOne("SELECT state FROM netcron.node WHERE node_id = ?", row -> row.getString(1), node.nodeId())
                    .map(state -> state.equals("draining") || state.equals("standby") || state.equals("stopped"))
                    .orElse(false));
        }
        catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private void recordLeaseSession()
    {
        BestEffort.run(log, "Recording the lease session", () -> database.update("UPDATE netcron.node SET lease_pid = ? WHERE node_id = ?", lease.backendPid(), node.nodeId()));
    }

    /** Why the node must not take work now (lease lost, clock off), or empty. */
    public Optional<String> fencedReason()
    {
        return fenced.values().stream().sorted().reduce((a, b) -> a + "; " + b);
    }

    public boolean leaseHeld()
    {
        return !fenced.containsKey(Reason.LEASE);
    }

    public long clockOffsetMillis()
    {
        return clockOffsetMillis;
    }

    public NodeLease lease()
    {
        return lease;
    }

    @Override
    public void stop()
    {
        if (checks != null) {
            checks.close();
        }
    }
}
