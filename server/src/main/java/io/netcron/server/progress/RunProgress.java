package io.netcron.server.progress;

import io.netcron.server.run.Progress;
import io.netcron.server.lifecycle.NamedThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static java.util.Objects.requireNonNull;

/**
 * The progress of this node's runs. A job's {@code context.progress(done, total)} only sets a value
 * here (never blocks, never touches the database); one background thread writes changed values to
 * {@code netcron.job_run} at most once per {@link #WRITE_INTERVAL} per run, outside any Quartz lock.
 */
public final class RunProgress
{
    public static final Duration WRITE_INTERVAL = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(RunProgress.class);

    private final ProgressWriter writer;
    private final Duration interval;
    private final AtomicLong sequence = new AtomicLong();
    private final ConcurrentMap<Long, Tracked> runs = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;

    public RunProgress(ProgressWriter writer)
    {
        this(writer, WRITE_INTERVAL);
    }

    RunProgress(ProgressWriter writer, Duration interval)
    {
        this.writer = requireNonNull(writer, "writer is null");
        this.interval = requireNonNull(interval, "interval is null");
    }

    /** Where progress goes: the run's row, or nowhere (no database). */
    @FunctionalInterface
    public interface ProgressWriter
    {
        ProgressWriter NONE = (runId, progress) -> {};

        void write(long runId, Progress progress);
    }

    /** Starts following a run; close the returned handle when the run ends. */
    public Tracked track(String jobName, long runId)
    {
        Tracked tracked = new Tracked(sequence.incrementAndGet(), requireNonNull(jobName, "jobName is null"), runId);
        runs.put(tracked.key, tracked);
        startWriter();
        return tracked;
    }

    /** This node's running runs that reported progress, oldest first. */
    public List<Tracked> running()
    {
        return runs.values().stream().filter(run -> run.current().isPresent()).sorted(Comparator.comparingLong(run -> run.key)).toList();
    }

    /** The newest running run of {@code jobName} on this node that reported progress. */
    public Optional<Progress> ofJob(String jobName)
    {
        return runs.values().stream()
                .filter(run -> run.jobName.equals(jobName))
                .max(Comparator.comparingLong(run -> run.key))
                .flatMap(Tracked::current);
    }

    private synchronized void startWriter()
    {
        if (scheduler == null) {
            scheduler = NamedThreads.singleThreadScheduler("netcron-progress");
            scheduler.scheduleWithFixedDelay(this::writeChanged, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    void writeChanged()
    {
        for (Tracked run : runs.values()) {
            run.flush();
        }
    }

    /** One run's progress: set by the job, written by the background thread. */
    public final class Tracked
            implements AutoCloseable
    {
        private final long key;
        private final String jobName;
        private final long runId;
        private final AtomicReference<Progress> latest = new AtomicReference<>();
        private Progress written;

        private Tracked(long key, String jobName, long runId)
        {
            this.key = key;
            this.jobName = jobName;
            this.runId = runId;
        }

        public String jobName()
        {
            return jobName;
        }

        public long runId()
        {
            return runId;
        }

        /** Cheap: the job may call it per target. */
        public void report(long done, long total)
        {
            latest.set(new Progress(done, total));
        }

        public Optional<Progress> current()
        {
            return Optional.ofNullable(latest.get());
        }

        private synchronized void flush()
        {
            Progress now = latest.get();
            if (runId <= 0 || now == null || now.equals(written)) {
                return;
            }
            try {
                writer.write(runId, now);
                written = now;
            }
            catch (RuntimeException e) {
                log.debug("Could not write the progress of run {}: {}", runId, e.getMessage());
            }
        }

        /**
         * Stops following the run. Its last progress is not written here: it goes with the run's
         * end ({@code RunEnd.progress}), one statement fewer per run.
         */
        @Override
        public void close()
        {
            runs.remove(key);
        }
    }
}
