package io.netcron.server.quartz.misfire;

import com.google.inject.Inject;
import io.netcron.job.RunCause;
import io.netcron.server.config.NodeConfig;
import io.netcron.server.config.QuartzConfig;
import io.netcron.server.metrics.NetcronMetrics;
import io.netcron.server.db.Database;
import io.netcron.server.db.Handle;
import io.netcron.server.execution.RunEvent;
import io.netcron.server.execution.RunListener;
import io.netcron.server.history.RunHistory;
import io.netcron.server.lifecycle.PeriodicTask;
import io.netcron.server.lifecycle.Service;
import io.netcron.server.quartz.store.QuartzKeys;
import io.netcron.server.quartz.store.SchedulerPartitions;
import io.netcron.server.quartz.triggers.OneShotTriggers;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.util.Objects.requireNonNull;

/**
 * Applies the misfire policy to the fire times {@link LateTriggers} and {@link MissedFireDetector}
 * found missed (written in bulk by {@link MissedFireWriter}, outside Quartz's locks), on whichever
 * node gets to a job first (one node per job at a time, under an advisory lock):
 * <ul>
 * <li>{@code skip}: each missed time becomes a {@code skipped} run ("missed: ...").</li>
 * <li>{@code fire_once_now}: one run now for the newest missed time, cause {@code catch_up}; while
 * that run has not started, later missed times are covered by it (no second trigger).</li>
 * <li>{@code catch_up}: a run for every missed time, oldest first and one at a time, cause
 * {@code catch_up}.</li>
 * </ul>
 * Catch-up runs are one-shot Quartz triggers, so any node runs them and a node's death does not
 * lose them. Pending work is in {@code netcron.missed_fire}: checked every second and right after
 * a misfire or a catch-up run ends.
 */
public final class CatchUpService
        implements Service, RunListener
{
    private static final Logger log = LoggerFactory.getLogger(CatchUpService.class);
    static final String MISSED_ERROR = "missed: no node ran it within the misfire threshold (all nodes down or busy); misfire policy skip";
    private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    private static final Duration DETECT_INTERVAL = Duration.ofSeconds(1);

    private final SchedulerPartitions schedulers;
    private final Database database;
    private final MissedFireRepository missed;
    private final QuartzConfig config;
    private final NodeConfig node;
    private final NetcronMetrics metrics;
    private final AtomicBoolean nudged = new AtomicBoolean();
    private final MissedFireWriter writer;
    private final MissedFireDetector detector;
    private final LateTriggers late;
    private PeriodicTask rounds;
    private PeriodicTask detection;

    @Inject
    public CatchUpService(SchedulerPartitions schedulers, Database database, QuartzConfig config, NodeConfig node, NetcronMetrics metrics)
    {
        this.schedulers = requireNonNull(schedulers, "schedulers is null");
        this.database = requireNonNull(database, "database is null");
        this.missed = new MissedFireRepository(database);
        this.config = requireNonNull(config, "config is null");
        this.node = requireNonNull(node, "node is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.writer = new MissedFireWriter(missed, node.nodeId(), metrics::misfire, this::nudge);
        StoredCrons crons = new StoredCrons();
        this.detector = new MissedFireDetector(database, schedulers.names(), config.catchUpMax(), crons);
        this.late = new LateTriggers(database, schedulers.names(), config.misfireThreshold(), config.catchUpMax(), crons, Instant::now);
    }

    /** Must run before the schedulers start: an outage's late triggers are moved first, not fired once each. */
    @Override
    public void start()
            throws SchedulerException
    {
        writer.start();
        rounds = PeriodicTask.every(POLL_INTERVAL, "netcron-catch-up", log, "Handling missed fire times", this::process);
        try {
            writer.add(late.advance());
        }
        catch (RuntimeException e) {
            log.warn("Moving the triggers that missed their fire times failed (tried again every second): {}", e.getMessage());
        }
        detection = PeriodicTask.every(DETECT_INTERVAL, "netcron-misfire-detector", log, "Looking for missed fire times", () -> {
            writer.add(late.advance());
            writer.add(detector.sweep());
        });
    }

    /** Stopped after the schedulers (started before them): missed times queued until then are still written. */
    @Override
    public void stop()
    {
        if (detection != null) {
            detection.close();
        }
        writer.close();
        if (rounds != null) {
            rounds.close();
        }
    }

    /** A catch-up run ended: the next missed time of that job may go. */
    @Override
    public void onEvent(RunEvent event)
    {
        if (event.start().cause() == RunCause.CATCH_UP && !(event instanceof RunEvent.Started)) {
            nudge();
        }
    }

    void nudge()
    {
        if (rounds != null && nudged.compareAndSet(false, true)) {
            rounds.runSoon(() -> {
                nudged.set(false);
                process();
            });
        }
    }

    /** Handles every job with pending missed times; returns how many missed times were handled. */
    int process()
    {
        int handled = 0;
        try {
            // one node at a time: under overload every node ran this round for every job, each job's
            // transaction on the other nodes only finding it locked (docs/benchmarks.md)
            handled = database.withHandle(session -> {
                if (!MissedFireRepository.tryRoundLock(session)) {
                    return 0;
                }
                try {
                    int count = 0;
                    for (String jobName : missed.jobsWithPending()) {
                        count += database.inTransaction(handle -> MissedFireRepository.tryLock(handle, jobName) ? handle(handle, jobName) : 0);
                    }
                    return count;
                }
                finally {
                    MissedFireRepository.roundUnlock(session);
                }
            });
        }
        catch (RuntimeException e) {
            log.warn("Handling missed fire times failed: {}", e.getMessage());
        }
        return handled;
    }

    private int handle(Handle handle, String jobName)
            throws SQLException
    {
        List<MissedFireRepository.Pending> pending = MissedFireRepository.pending(handle, jobName);
        if (!jobScheduled(jobName)) {
            for (MissedFireRepository.Pending time : pending) {
                MissedFireRepository.handled(handle, jobName, time.scheduledAt(), "job no longer scheduled");
            }
            return pending.size();
        }
        List<Instant> skipped = new ArrayList<>();
        List<Instant> onceNow = new ArrayList<>();
        List<Instant> catchUp = new ArrayList<>();
        for (MissedFireRepository.Pending time : pending) {
            switch (time.policy()) {
                case SKIP -> skipped.add(time.scheduledAt());
                case FIRE_ONCE_NOW -> onceNow.add(time.scheduledAt());
                case CATCH_UP -> catchUp.add(time.scheduledAt());
            }
        }
        int handled = 0;
        if (!skipped.isEmpty()) {
            // two statements per job and round, however many times an overload made it miss
            RunHistory.skippedMissedAll(handle, jobName, skipped, node.nodeId(), MISSED_ERROR);
            MissedFireRepository.handledAll(handle, jobName, skipped, "skipped");
            log.info("Job {}: {} missed fire time(s) from {} to {} recorded as skipped (misfire policy skip)", jobName, skipped.size(), skipped.getFirst(), skipped.getLast());
            handled += skipped.size();
        }
        Optional<Instant> waiting = onceNow.isEmpty() ? Optional.empty() : catchUpWaiting(handle, jobName);
        if (waiting.isPresent()) {
            // its catch-up has not started yet and runs after these times: it is their one run now. Another
            // one-shot trigger per job and round is what made a deep overload feed itself (docs/benchmarks.md)
            MissedFireRepository.handledAll(handle, jobName, onceNow, "superseded: the catch-up run pending for " + waiting.get());
            log.info("Job {}: {} missed fire time(s) from {} to {}; covered by the catch-up run still pending for {} (misfire policy fire_once_now)",
                    jobName, onceNow.size(), onceNow.getFirst(), onceNow.getLast(), waiting.get());
            handled += onceNow.size();
        }
        else if (!onceNow.isEmpty()) {
            Instant newest = onceNow.getLast();
            boolean ran = MissedFireRepository.anyRun(handle, jobName, newest);
            if (!ran) {
                scheduleCatchUp(jobName, newest);
            }
            MissedFireRepository.handledAll(handle, jobName, onceNow.subList(0, onceNow.size() - 1), "superseded: one catch-up run for " + newest);
            MissedFireRepository.handled(handle, jobName, newest, ran ? "already ran" : MissedFireRepository.SCHEDULED);
            log.info("Job {}: {} missed fire time(s) from {} to {}; one catch-up run now for {} (misfire policy fire_once_now)",
                    jobName, onceNow.size(), onceNow.getFirst(), newest, newest);
            handled += onceNow.size();
        }
        if (!catchUp.isEmpty() && catchUpInFlight(handle, jobName).isEmpty()) {
            // one at a time, oldest first: the next goes when this one has ended
            for (Instant time : catchUp) {
                handled++;
                if (MissedFireRepository.anyRun(handle, jobName, time)) {
                    MissedFireRepository.handled(handle, jobName, time, "already ran");
                    continue;
                }
                scheduleCatchUp(jobName, time);
                MissedFireRepository.handled(handle, jobName, time, MissedFireRepository.SCHEDULED);
                log.info("Job {}: catch-up run scheduled for missed fire time {} ({} more pending, misfire policy catch_up)", jobName, time, catchUp.size() - handled);
                break;
            }
        }
        return handled;
    }

    private boolean jobScheduled(String jobName)
            throws SQLException
    {
        try {
            return schedulers.forJob(jobName).checkExists(QuartzKeys.jobKey(jobName));
        }
        catch (SchedulerException e) {
            throw new SQLException("cannot read Quartz jobs: " + e.getMessage(), e);
        }
    }

    /** The fire time of this job's newest catch-up while it has not ended (its trigger is still there, its run not over). */
    private Optional<Instant> catchUpInFlight(Handle handle, String jobName)
            throws SQLException
    {
        Optional<Instant> last = MissedFireRepository.lastScheduled(handle, jobName);
        if (last.isEmpty() || MissedFireRepository.ended(handle, jobName, last.get())) {
            return Optional.empty();
        }
        try {
            return schedulers.forJob(jobName).checkExists(catchUpKey(jobName, last.get())) ? last : Optional.empty();
        }
        catch (SchedulerException e) {
            throw new SQLException("cannot read Quartz triggers: " + e.getMessage(), e);
        }
    }

    /** The fire time of this job's newest catch-up while its run has not even started. */
    private Optional<Instant> catchUpWaiting(Handle handle, String jobName)
            throws SQLException
    {
        Optional<Instant> inFlight = catchUpInFlight(handle, jobName);
        return inFlight.isPresent() && !MissedFireRepository.anyRun(handle, jobName, inFlight.get()) ? inFlight : Optional.empty();
    }

    private void scheduleCatchUp(String jobName, Instant scheduledAt)
            throws SQLException
    {
        Trigger trigger = OneShotTriggers.catchUp(catchUpKey(jobName, scheduledAt), jobName, scheduledAt);
        try {
            schedulers.forJob(jobName).scheduleJob(trigger);
        }
        catch (ObjectAlreadyExistsException e) {
            // scheduled before (the bookkeeping of that attempt was rolled back)
        }
        catch (SchedulerException e) {
            throw new SQLException("Quartz refused the catch-up trigger for " + jobName + " at " + scheduledAt + ": " + e.getMessage(), e);
        }
    }

    private static TriggerKey catchUpKey(String jobName, Instant scheduledAt)
    {
        return TriggerKey.triggerKey(QuartzKeys.oneShotName(jobName, scheduledAt, 1), QuartzKeys.CATCH_UP_GROUP);
    }
}
