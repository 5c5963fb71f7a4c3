package io.netcron.server.quartz.misfire;

import io.netcron.server.db.Transient;
import io.netcron.server.lifecycle.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Writes missed fire times to {@code netcron.missed_fire} on its own thread, in bulk: Quartz's
 * misfire callback runs while Quartz holds its cluster-wide trigger lock, so it only hands the times
 * over here ({@link #add}) and returns. One statement per batch, right after the hand-over and every
 * {@link #INTERVAL}; a failed batch stays queued for the next round.
 * <p>
 * What a node killed between hand-over and write loses, {@link MissedFireDetector} finds again
 * from the trigger (its previous and next fire times straddle the missed ones until it fires again).
 * Fire times that passed between the misfire callback and Quartz storing the moved trigger are
 * checked here ({@link Boundary}) once Quartz has stored it: the detector sees them only until the
 * trigger fires again, which for a per-second job is within a second.
 */
final class MissedFireWriter
        implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(MissedFireWriter.class);
    static final Duration INTERVAL = Duration.ofMillis(200);
    /** A boundary is checked this long after the misfire: Quartz has stored the trigger by then, almost always. */
    static final Duration SETTLE = Duration.ofSeconds(1);
    /** ... and given up when Quartz still has not (its misfire transaction rolled back: the misfire comes again). */
    static final Duration GIVE_UP = Duration.ofSeconds(60);
    private static final int MAX_BATCH = 5_000;

    /**
     * Fire times just after the instant a misfire was computed at ({@link MisfireRecorder}): Quartz may
     * have moved the trigger past some of them without running them. Skipped ones are those before the
     * trigger's stored next fire time with neither a run nor a fired-trigger row.
     */
    record Boundary(String schedulerName, String triggerName, String triggerGroup, String jobName, long nextFireBeforeMs, List<Instant> times, Instant checkAfter,
            Instant giveUpAt)
    {
        Boundary
        {
            requireNonNull(schedulerName, "schedulerName is null");
            requireNonNull(triggerName, "triggerName is null");
            requireNonNull(triggerGroup, "triggerGroup is null");
            requireNonNull(jobName, "jobName is null");
            times = List.copyOf(times);
            requireNonNull(checkAfter, "checkAfter is null");
            requireNonNull(giveUpAt, "giveUpAt is null");
        }
    }

    private final MissedFireRepository repository;
    private final String nodeId;
    private final Consumer<String> countMisfire;
    private final Runnable recorded;
    private final ConcurrentLinkedQueue<MissedFire> queue = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Boundary> boundaries = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeRequested = new AtomicBoolean();
    private volatile PeriodicTask rounds;

    MissedFireWriter(MissedFireRepository repository, String nodeId, Consumer<String> countMisfire, Runnable recorded)
    {
        this.repository = requireNonNull(repository, "repository is null");
        this.nodeId = requireNonNull(nodeId, "nodeId is null");
        this.countMisfire = requireNonNull(countMisfire, "countMisfire is null");
        this.recorded = requireNonNull(recorded, "recorded is null");
    }

    void start()
    {
        rounds = PeriodicTask.every(INTERVAL, "netcron-misfire-writer", log, "Recording missed fire times", this::drain);
    }

    /** Queues missed times; never blocks and never touches the database (called under Quartz's lock). */
    void add(List<MissedFire> missed)
    {
        if (missed.isEmpty()) {
            return;
        }
        queue.addAll(missed);
        PeriodicTask task = rounds;
        if (task != null && wakeRequested.compareAndSet(false, true)) {
            task.runSoon(() -> {
                wakeRequested.set(false);
                drain();
            });
        }
    }

    /** Queues fire times to check once Quartz has stored the trigger; never blocks (called under Quartz's lock). */
    void watch(Boundary boundary)
    {
        boundaries.add(boundary);
    }

    /**
     * Writes whatever is queued, batch by batch, then checks the boundaries that are due and records
     * the fire times Quartz skipped; returns how many new rows were added.
     */
    int drain()
    {
        int added = write();
        List<MissedFire> skipped = checkBoundaries();
        if (!skipped.isEmpty()) {
            queue.addAll(skipped);
            int recordedSkipped = write();
            added += recordedSkipped;
            if (recordedSkipped > 0) {
                log.info("{} fire time(s) passed while Quartz was moving misfired triggers and were skipped by it; recorded as missed, e.g. job {} at {}",
                        recordedSkipped, skipped.getFirst().jobName(), skipped.getFirst().scheduledAt());
            }
        }
        if (added > 0) {
            recorded.run();
        }
        return added;
    }

    private List<MissedFire> checkBoundaries()
    {
        Instant now = Instant.now();
        List<Boundary> due = new ArrayList<>();
        List<Boundary> notYet = new ArrayList<>();
        Boundary next;
        while ((next = boundaries.poll()) != null) {
            (next.checkAfter().isAfter(now) ? notYet : due).add(next);
        }
        boundaries.addAll(notYet);
        if (due.isEmpty()) {
            return List.of();
        }
        List<MissedFireRepository.BoundaryTime> states;
        try {
            states = Transient.retry("Checking " + due.size() + " misfire boundaries", () -> repository.boundaryTimes(due));
        }
        catch (RuntimeException e) {
            boundaries.addAll(due); // next round
            throw e;
        }
        List<MissedFire> skipped = new ArrayList<>();
        Map<Integer, List<MissedFireRepository.BoundaryTime>> byBoundary = states.stream().collect(Collectors.groupingBy(MissedFireRepository.BoundaryTime::boundary));
        for (int i = 0; i < due.size(); i++) {
            Boundary boundary = due.get(i);
            List<MissedFireRepository.BoundaryTime> times = byBoundary.getOrDefault(i, List.of());
            if (times.isEmpty() || times.getFirst().nextFireMs() == null) {
                continue; // trigger gone: job disabled, deleted or rescheduled meanwhile
            }
            if (times.getFirst().nextFireMs() == boundary.nextFireBeforeMs()) {
                if (boundary.giveUpAt().isAfter(now)) {
                    boundaries.add(boundary); // Quartz has not stored the trigger yet
                }
                continue;
            }
            for (MissedFireRepository.BoundaryTime time : times) {
                if (time.time().toEpochMilli() < time.nextFireMs() && !time.ranOrFired()) {
                    skipped.add(MissedFire.missed(boundary.jobName(), time.time()));
                }
            }
        }
        return skipped;
    }

    private int write()
    {
        int added = 0;
        while (!queue.isEmpty()) {
            List<MissedFire> batch = new ArrayList<>();
            MissedFire next;
            while (batch.size() < MAX_BATCH && (next = queue.poll()) != null) {
                batch.add(next);
            }
            List<String> jobs;
            try {
                jobs = Transient.retry("Recording " + batch.size() + " missed fire time(s)", () -> repository.recordAll(batch, nodeId));
            }
            catch (RuntimeException e) {
                queue.addAll(batch); // next round
                throw e;
            }
            jobs.forEach(countMisfire);
            added += jobs.size();
            if (!jobs.isEmpty()) {
                log.warn("{} missed fire time(s) of {} job(s) recorded (no node ran them within the misfire threshold); e.g. job {}; their misfire policies follow",
                        jobs.size(), jobs.stream().distinct().count(), jobs.getFirst());
            }
        }
        return added;
    }

    /** Stops the rounds and writes what is still queued (graceful stop). */
    @Override
    public void close()
    {
        PeriodicTask task = rounds;
        if (task != null) {
            task.close();
        }
        try {
            drain();
        }
        catch (RuntimeException e) {
            log.error("Could not record {} missed fire time(s) on stop: {}", queue.size(), e.getMessage());
        }
    }
}
