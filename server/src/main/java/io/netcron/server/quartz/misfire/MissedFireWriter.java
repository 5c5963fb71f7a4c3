package io.netcron.server.quartz.misfire;

import io.netcron.server.db.Transient;
import io.netcron.server.lifecycle.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * Writes missed fire times to {@code netcron.missed_fire} on its own thread, in bulk: those
 * {@link LateTriggers} moved past and those whose firing started too late hand their times over
 * here ({@link #add}) and return. One statement per batch, right after the hand-over and every
 * {@link #INTERVAL}; a failed batch stays queued for the next round. What a node killed between
 * hand-over and write loses, {@link MissedFireDetector} finds again from the trigger (its previous
 * and next fire times straddle the missed ones until it fires again).
 */
final class MissedFireWriter
        implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(MissedFireWriter.class);
    static final Duration INTERVAL = Duration.ofMillis(200);
    private static final int MAX_BATCH = 5_000;

    private final MissedFireRepository repository;
    private final String nodeId;
    private final Consumer<String> countMisfire;
    private final Runnable recorded;
    private final ConcurrentLinkedQueue<MissedFire> queue = new ConcurrentLinkedQueue<>();
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

    /** Queues missed times; never blocks and never touches the database. */
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

    /** Writes whatever is queued, batch by batch; returns how many new rows were added. */
    int drain()
    {
        int added = write();
        if (added > 0) {
            recorded.run();
        }
        return added;
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
