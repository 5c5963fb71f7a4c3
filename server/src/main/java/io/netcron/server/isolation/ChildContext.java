package io.netcron.server.isolation;

import com.fasterxml.jackson.databind.JsonNode;
import io.netcron.job.Cancellation;
import io.netcron.job.Deadline;
import io.netcron.job.JobContext;
import io.netcron.job.RunCause;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import static java.util.Objects.requireNonNull;

/** The {@link JobContext} of an isolated run: output lines go to stdout, where the node collects them. */
final class ChildContext
        implements JobContext
{
    private static final long PROGRESS_INTERVAL_NANOS = Duration.ofMillis(500).toNanos();

    private final JsonNode spec;
    private final PrintStream out;
    private final Deadline deadline;
    private final Cancellation cancellation = new Cancellation();
    private long[] progress;
    private long[] printedProgress;
    private long progressPrintedAt;

    ChildContext(JsonNode spec, PrintStream out)
    {
        this.spec = requireNonNull(spec, "spec is null");
        this.out = requireNonNull(out, "out is null");
        this.deadline = spec.hasNonNull("maxRuntimeMs") ? Deadline.after(Duration.ofMillis(spec.path("maxRuntimeMs").asLong())) : Deadline.none();
        // the node kills this process at max runtime (SIGKILL: resources die with it); on a
        // polite stop (SIGTERM) the job's registered resources are closed first
        Runtime.getRuntime().addShutdownHook(new Thread(() -> cancellation.cancel("the isolated process is stopping"), "netcron-child-cancel"));
    }

    @Override
    public Deadline deadline()
    {
        return deadline;
    }

    @Override
    public Cancellation.Registration onCancel(AutoCloseable resource)
    {
        return cancellation.register(resource);
    }

    @Override
    public Clock clock()
    {
        return Clock.systemUTC();
    }

    /** Printed for the node at most twice a second (and when done), as {@code {"netcron.progress": [done, total]}}. */
    @Override
    public synchronized void progress(long done, long total)
    {
        progress = new long[] {done, total};
        long now = System.nanoTime();
        if (done >= total || now - progressPrintedAt >= PROGRESS_INTERVAL_NANOS) {
            progressPrintedAt = now;
            flushProgress();
        }
    }

    /** Prints the latest progress if it was not printed yet. */
    synchronized void flushProgress()
    {
        if (progress != null && !Arrays.equals(progress, printedProgress)) {
            printedProgress = progress;
            output("{\"" + IsolatedResult.PROGRESS + "\": [" + progress[0] + ", " + progress[1] + "]}");
        }
    }

    @Override
    public String jobName()
    {
        return spec.path("jobName").asText();
    }

    @Override
    public long runId()
    {
        return spec.path("runId").asLong();
    }

    @Override
    public String nodeId()
    {
        return spec.path("nodeId").asText();
    }

    @Override
    public Instant scheduledAt()
    {
        return Instant.parse(spec.path("scheduledAt").asText());
    }

    @Override
    public int attempt()
    {
        return spec.path("attempt").asInt(1);
    }

    @Override
    public RunCause cause()
    {
        return RunCause.fromSqlName(spec.path("cause").asText("manual"));
    }

    @Override
    public JsonNode params()
    {
        return spec.path("params");
    }

    @Override
    public void output(String line)
    {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    @Override
    public void checkInterrupted()
            throws InterruptedException
    {
        if (Thread.currentThread().isInterrupted() || cancellation.isCancelled()) {
            throw new InterruptedException("run of " + jobName() + " was asked to stop");
        }
    }
}
