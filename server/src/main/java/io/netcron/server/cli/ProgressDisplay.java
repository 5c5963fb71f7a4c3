package io.netcron.server.cli;

import io.netcron.server.lifecycle.NamedThreads;
import io.netcron.server.run.Progress;
import io.netcron.server.progress.RunProgress;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * {@code netcron run}'s progress on stderr: a bar redrawn in place on a terminal, plain lines
 * otherwise (at most one per {@link #PLAIN_INTERVAL}, only when it changed), so a log file stays short.
 */
final class ProgressDisplay
        implements AutoCloseable
{
    static final Duration BAR_INTERVAL = Duration.ofMillis(200);
    static final Duration PLAIN_INTERVAL = Duration.ofSeconds(1);
    private static final int BAR_WIDTH = 30;

    private final RunProgress progress;
    private final String jobName;
    private final PrintStream err;
    private final boolean terminal;
    private final ScheduledExecutorService ticker = NamedThreads.singleThreadScheduler("netcron-run-progress");
    private Progress shown;

    ProgressDisplay(RunProgress progress, String jobName, PrintStream err, boolean terminal)
    {
        this.progress = requireNonNull(progress, "progress is null");
        this.jobName = requireNonNull(jobName, "jobName is null");
        this.err = requireNonNull(err, "err is null");
        this.terminal = terminal;
        long every = (terminal ? BAR_INTERVAL : PLAIN_INTERVAL).toMillis();
        ticker.scheduleWithFixedDelay(this::show, every, every, TimeUnit.MILLISECONDS);
    }

    static ProgressDisplay start(RunProgress progress, String jobName)
    {
        return new ProgressDisplay(progress, jobName, System.err, System.console() != null);
    }

    synchronized void show()
    {
        Optional<Progress> now = progress.ofJob(jobName);
        if (now.isEmpty() || now.get().equals(shown)) {
            return;
        }
        shown = now.get();
        if (terminal) {
            err.print("\r" + bar(shown) + " " + shown.text() + " " + jobName + "   ");
        }
        else {
            err.println("netcron: " + jobName + " progress " + shown.text());
        }
        err.flush();
    }

    static String bar(Progress progress)
    {
        int filled = Double.isNaN(progress.ratio()) ? 0 : (int) Math.round(progress.ratio() * BAR_WIDTH);
        return "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "]";
    }

    @Override
    public synchronized void close()
    {
        ticker.shutdownNow();
        if (terminal && shown != null) {
            err.println();
            err.flush();
        }
    }
}
